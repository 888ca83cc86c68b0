#include "sync/reconciler.h"

#include "sync/fileapplier.h"
#include "sync/pathsafety.h"

#include <QSet>

namespace ferry::sync {
namespace {

// A file's identity for the decision: content and executable bit.
struct Version
{
    QString oid;
    bool executable = false;
    bool exists() const { return !oid.isEmpty(); }
    bool operator==(const Version& o) const { return oid == o.oid && executable == o.executable; }
    bool operator!=(const Version& o) const { return !(*this == o); }
};

// Remote entries under mapped folders that may be written here, and the reasons for the others.
QHash<QString, Version> acceptedRemote(const Reconciler::Input& in, QStringList& refused)
{
    QHash<QString, Version> accepted;
    QList<QString> candidates;
    for (auto it = in.remote.begin(); it != in.remote.end(); ++it) {
        const config::FolderMapping* folder = Reconciler::folderOf(in.folders, it.key());
        if (!folder)
            continue;
        const QString relative =
            folder->repoPath.isEmpty() ? it.key() : it.key().mid(folder->repoPath.size() + 1);
        QString problem = PathSafety::problem(relative);
        if (problem.isEmpty() && it->kind == TreeEntry::Kind::Symlink)
            problem = QStringLiteral("symlinks are not synced");
        if (problem.isEmpty() && it->kind == TreeEntry::Kind::Submodule)
            problem = QStringLiteral("submodules are not synced");
        if (!problem.isEmpty()) {
            refused.append(QStringLiteral("%1: %2").arg(it.key(), problem));
            continue;
        }
        candidates.append(it.key());
        accepted.insert(it.key(), Version{it->oid, it->kind == TreeEntry::Kind::Executable});
    }
    if (in.caseInsensitive) {
        for (const QString& p : PathSafety::caseCollisions(candidates)) {
            accepted.remove(p);
            refused.append(
                QStringLiteral("%1: differs from another path only by case, which this file system "
                               "cannot hold apart")
                    .arg(p));
        }
    }
    refused.sort();
    return accepted;
}

QString uniqueCopyPath(const Reconciler::Input& in, const QHash<QString, Version>& remote,
                       const QString& path)
{
    QString copy = FileApplier::conflictCopyName(path, in.host, in.now);
    for (int n = 2; in.local.contains(copy) || remote.contains(copy) || in.base.contains(copy); ++n)
        copy = FileApplier::conflictCopyName(path, in.host + QStringLiteral(" %1").arg(n), in.now);
    return copy;
}

void holdMassDeletions(const Reconciler::Input& in, QStringList& deletions, QStringList& held)
{
    const qsizetype total = in.base.size();
    if (in.allowMassDelete || deletions.size() <= in.massDeleteMinFiles ||
        double(deletions.size()) <= in.massDeleteFraction * double(total))
        return;
    held += deletions;
    deletions.clear();
}

} // namespace

const config::FolderMapping* Reconciler::folderOf(const QList<config::FolderMapping>& folders,
                                                  const QString& path)
{
    for (const config::FolderMapping& f : folders) {
        if (f.repoPath.isEmpty() || (path.size() > f.repoPath.size() && path.startsWith(f.repoPath) &&
                                     path.at(f.repoPath.size()) == u'/'))
            return &f;
    }
    return nullptr;
}

SyncPlan Reconciler::plan(const Input& in)
{
    SyncPlan plan;
    const QHash<QString, Version> remote = acceptedRemote(in, plan.refused);

    QSet<QString> paths;
    for (auto it = in.base.begin(); it != in.base.end(); ++it)
        paths.insert(it.key());
    for (auto it = in.local.begin(); it != in.local.end(); ++it)
        paths.insert(it.key());
    for (auto it = remote.begin(); it != remote.end(); ++it)
        paths.insert(it.key());
    QStringList sorted(paths.begin(), paths.end());
    sorted.sort();

    for (const QString& path : std::as_const(sorted)) {
        if (!folderOf(in.folders, path)) {
            plan.forgotten.append(path); // its folder is no longer mapped: not a deletion
            continue;
        }
        const auto localIt = in.local.constFind(path);
        if (localIt != in.local.constEnd() && !localIt->stable) {
            plan.waiting.append(path);
            continue;
        }
        const auto baseIt = in.base.constFind(path);
        const Version base =
            baseIt == in.base.constEnd() ? Version{} : Version{baseIt->oid, baseIt->executable};
        const Version local =
            localIt == in.local.constEnd() ? Version{} : Version{localIt->oid, localIt->stat.executable};
        const Version theirs = remote.value(path);
        const bool localChanged = local != base;
        const bool remoteChanged = theirs != base;

        if (!localChanged && !remoteChanged) {
            if (local.exists() && baseIt->mtimeNs != localIt->stat.mtimeNs)
                plan.agreed.append(path); // touched, same content: refresh the record
        } else if (localChanged && !remoteChanged) {
            (local.exists() ? plan.uploads : plan.remoteDeletes).append(path);
        } else if (!localChanged && remoteChanged) {
            (theirs.exists() ? plan.downloads : plan.localDeletes).append(path);
        } else if (local == theirs) {
            (local.exists() ? plan.agreed : plan.forgotten).append(path);
        } else if (!local.exists()) {
            plan.downloads.append(path); // deleted here, modified there: the modification wins
        } else if (!theirs.exists()) {
            plan.uploads.append(path); // modified here, deleted there: the modification wins
        } else {
            plan.conflicts.append(
                {path, uniqueCopyPath(in, remote, path),
                 base.exists() ? QStringLiteral("modify/modify") : QStringLiteral("add/add")});
        }
    }
    holdMassDeletions(in, plan.remoteDeletes, plan.held);
    holdMassDeletions(in, plan.localDeletes, plan.held);
    return plan;
}

} // namespace ferry::sync
