#include "core/git/repacktrigger.h"

#include "core/git/objectdir.h"

#include <algorithm>
#include <QFileInfo>

namespace ferry::git {
namespace {

// Below this many objects in the sampled fan-out folder (about 2,000 loose objects in all) the sample is
// noise, and reading every folder is cheap: a few large objects decide the weight alone.
constexpr int kSampleObjects = 8;

int envInt(const char* name, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok && value >= 0 ? value : fallback;
}

} // namespace

RepackTrigger::Thresholds RepackTrigger::Thresholds::fromEnvironment()
{
    Thresholds t;
    t.looseObjects = envInt("FERRY_REPACK_LOOSE_OBJECTS", t.looseObjects);
    t.packs = envInt("FERRY_REPACK_PACKS", t.packs);
    t.looseMegabytes = envInt("FERRY_REPACK_LOOSE_MB", t.looseMegabytes);
    t.percentOfLargestPack = envInt("FERRY_REPACK_LOOSE_PERCENT", t.percentOfLargestPack);
    return t;
}

RepackTrigger::RepackTrigger(QString repoPath, Thresholds thresholds)
    : m_path(std::move(repoPath)), m_thresholds(thresholds)
{
}

RepackTrigger::Reason RepackTrigger::check() const
{
    const ObjectDir dir(m_path);
    if (m_thresholds.packs > 0 && dir.packs().size() >= m_thresholds.packs)
        return Reason::Packs;
    if (m_thresholds.looseObjects > 0) {
        // Below one object per fan-out folder a sample says nothing: count them all (few files, then).
        const int loose =
            m_thresholds.looseObjects < 256 ? int(dir.looseObjects().size()) : dir.estimatedLooseObjects();
        if (loose >= m_thresholds.looseObjects)
            return Reason::LooseObjects;
    }
    return weigh().over() ? Reason::Weight : Reason::None;
}

RepackTrigger::Weight RepackTrigger::weigh() const
{
    Weight w;
    if (m_thresholds.looseMegabytes <= 0)
        return w; // the weight trigger is off: no budget
    for (const QString& pack : ObjectDir(m_path).packs()) {
        const qint64 bytes = QFileInfo(pack).size();
        w.smallPacks += std::min(bytes, w.largestPack);
        w.largestPack = std::max(bytes, w.largestPack);
    }
    w.loose = looseBytes();
    w.budget = std::max(qint64(m_thresholds.looseMegabytes) * 1024 * 1024,
                        w.largestPack * m_thresholds.percentOfLargestPack / 100);
    return w;
}

qint64 RepackTrigger::looseBytes() const
{
    const ObjectDir dir(m_path);
    if (dir.estimatedLooseObjects() >= kSampleObjects * 256)
        return dir.estimatedLooseBytes();
    qint64 total = 0;
    for (const QString& oid : dir.looseObjects())
        total += QFileInfo(dir.loosePath(oid)).size();
    return total;
}

} // namespace ferry::git
