#include "core/sync/typeclashes.h"

#include "core/sync/fileapplier.h"

#include <algorithm>
#include <QSet>

namespace ferry::sync {
namespace {

// The files one side will hold after the plan: sorted, so "is P a folder" is a binary search.
class Side
{
public:
    explicit Side(QStringList files) : m_files(std::move(files))
    {
        std::sort(m_files.begin(), m_files.end());
        m_files.erase(std::unique(m_files.begin(), m_files.end()), m_files.end());
    }
    bool hasFile(const QString& path) const
    {
        return std::binary_search(m_files.begin(), m_files.end(), path);
    }
    bool hasFolder(const QString& path) const
    {
        const QString prefix = path + u'/';
        const auto it = std::lower_bound(m_files.begin(), m_files.end(), prefix);
        return it != m_files.end() && it->startsWith(prefix);
    }
    // The first folder on the way to `path` that this side holds as a file, or "".
    QString fileOnTheWay(const QString& path) const
    {
        for (qsizetype slash = path.indexOf(u'/'); slash > 0; slash = path.indexOf(u'/', slash + 1)) {
            if (hasFile(path.left(slash)))
                return path.left(slash);
        }
        return {};
    }

private:
    QStringList m_files;
};

QStringList remoteFilesAfter(const Reconciler::Input& in, const SyncPlan& plan)
{
    QStringList files = in.remoteIsBase ? in.base.keys() : in.remote.keys();
    const QSet<QString> deleted(plan.remoteDeletes.begin(), plan.remoteDeletes.end());
    files.removeIf([&](const QString& p) { return deleted.contains(p); });
    return files + plan.uploads;
}

QStringList localFilesAfter(const Reconciler::Input& in, const SyncPlan& plan)
{
    QStringList files = in.local.records().keys();
    const QSet<QString> deleted(plan.localDeletes.begin(), plan.localDeletes.end());
    files.removeIf([&](const QString& p) { return deleted.contains(p); });
    return files + plan.downloads;
}

QString copyName(const Reconciler::Input& in, const QString& path)
{
    QString copy = FileApplier::conflictCopyName(path, in.host, in.now);
    for (int n = 2; in.local.contains(copy) || in.remote.contains(copy) || in.base.contains(copy); ++n)
        copy = FileApplier::conflictCopyName(path, in.host + QStringLiteral(" %1").arg(n), in.now);
    return copy;
}

} // namespace

void TypeClashes::resolve(const Reconciler::Input& in, SyncPlan& plan)
{
    // Only a path new to a side can change a type there.
    QStringList newThere, newHere;
    for (const QString& p : std::as_const(plan.uploads))
        if (!(in.remoteIsBase ? in.base.contains(p) : in.remote.contains(p)))
            newThere.append(p);
    for (const QString& p : std::as_const(plan.downloads))
        if (!in.local.contains(p))
            newHere.append(p);
    if (newThere.isEmpty() && newHere.isEmpty())
        return;

    QHash<QString, bool> clashes; // path of the file -> the file is the local one
    if (!newThere.isEmpty()) {
        const Side remote(remoteFilesAfter(in, plan));
        for (const QString& p : std::as_const(newThere)) {
            if (const QString file = remote.fileOnTheWay(p); !file.isEmpty())
                clashes.insert(file, false); // a folder here, the remote's file in the way
            if (remote.hasFolder(p))
                clashes.insert(p, true); // a file here, a folder there
        }
    }
    if (!newHere.isEmpty()) {
        const Side local(localFilesAfter(in, plan));
        for (const QString& p : std::as_const(newHere)) {
            if (const QString file = local.fileOnTheWay(p); !file.isEmpty())
                clashes.insert(file, true);
            if (local.hasFolder(p))
                clashes.insert(p, false);
        }
    }
    for (auto it = clashes.begin(); it != clashes.end(); ++it) {
        const QString& path = it.key();
        for (QStringList* list :
             {&plan.uploads, &plan.downloads, &plan.localDeletes, &plan.remoteDeletes, &plan.agreed})
            list->removeAll(path);
        plan.conflicts.removeIf([&](const ConflictCase& c) { return c.path == path; });
        plan.typeClashes.append({path, copyName(in, path), it.value()});
    }
    std::sort(plan.typeClashes.begin(), plan.typeClashes.end(),
              [](const TypeClash& a, const TypeClash& b) { return a.path < b.path; });
}

} // namespace ferry::sync
