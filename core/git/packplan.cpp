#include "core/git/packplan.h"

#include <algorithm>
#include <QFileInfo>

namespace ferry::git {

PackPlan PackPlan::choose(QList<Pack> packs, bool forceFull)
{
    std::sort(packs.begin(), packs.end(), [](const Pack& a, const Pack& b) {
        return a.bytes != b.bytes ? a.bytes < b.bytes : a.path < b.path;
    });
    // The split: past the last pack lighter than twice everything below it, the progression holds.
    qsizetype split = forceFull ? packs.size() : 0;
    qint64 below = 0;
    for (qsizetype i = 0; i < packs.size(); ++i) {
        if (packs[i].bytes < kFactor * below)
            split = std::max(split, i + 1);
        below += packs[i].bytes;
    }
    PackPlan plan;
    for (qsizetype i = 0; i < packs.size(); ++i)
        (i < split ? plan.m_rollUp : plan.m_keep).append(packs[i].path);
    return plan;
}

PackPlan PackPlan::choose(const QStringList& packPaths, bool forceFull)
{
    QList<Pack> packs;
    for (const QString& path : packPaths)
        packs.append({path, QFileInfo(path).size()});
    return choose(packs, forceFull);
}

} // namespace ferry::git
