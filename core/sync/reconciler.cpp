#include "sync/reconciler.h"

#include "sync/fileapplier.h"
#include "sync/pathsafety.h"
#include "sync/typeclashes.h"

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

// Remote entries under mapped folders that may not be written here, with the reasons. A path already
// in the base was judged safe when it first arrived (or came from this disk) and is not judged again.
QSet<QString> refusedRemote(const Reconciler::Input& in, QStringList& reasons)
{
    QSet<QString> refused;
    QList<QString> candidates;
    for (auto it = in.remote.begin(); it != in.remote.end(); ++it) {
        const config::FolderMapping* folder = Reconciler::folderOf(in.folders, it.key());
        if (!folder)
            continue;
        QString problem;
        if (it->kind == git::TreeEntry::Kind::Symlink)
            problem = QStringLiteral("symlinks are not synced");
        else if (it->kind == git::TreeEntry::Kind::Submodule)
            problem = QStringLiteral("submodules are not synced");
        else if (!in.base.contains(it.key()))
            problem = PathSafety::problem(Scanner::relativePath(*folder, it.key()));
        if (!problem.isEmpty()) {
            refused.insert(it.key());
            reasons.append(QStringLiteral("%1: %2").arg(it.key(), problem));
        } else if (in.caseInsensitive) {
            candidates.append(it.key());
        }
    }
    for (const QString& p : PathSafety::caseCollisions(candidates)) {
        refused.insert(p);
        reasons.append(
            QStringLiteral("%1: differs from another path only by case, which this file system cannot "
                           "hold apart")
                .arg(p));
    }
    reasons.sort();
    return refused;
}

QString uniqueCopyPath(const Reconciler::Input& in, const QString& path)
{
    QString copy = FileApplier::conflictCopyName(path, in.host, in.now);
    for (int n = 2; in.local.contains(copy) || in.remote.contains(copy) || in.base.contains(copy); ++n)
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
    const QSet<QString> refused = in.remoteIsBase ? QSet<QString>() : refusedRemote(in, plan.refused);
    const auto remoteVersion = [&](const QString& path, const FileRecord* baseRecord) {
        if (in.remoteIsBase)
            return baseRecord ? Version{baseRecord->oid, baseRecord->executable} : Version{};
        const auto it = in.remote.constFind(path);
        if (it == in.remote.constEnd() || refused.contains(path))
            return Version{};
        return Version{it->oid, it->kind == git::TreeEntry::Kind::Executable};
    };
    // `localFile` null: not found here, unless `unchangedHere` (found exactly as the base records it).
    const auto decide = [&](const QString& path, const FileRecord* baseRecord, const LocalFile* localFile,
                            bool unchangedHere = false) {
        if (!folderOf(in.folders, path)) {
            plan.forgotten.append(path); // its folder is no longer mapped: not a deletion
            return;
        }
        if (localFile && !localFile->stable) {
            plan.waiting.append(path);
            return;
        }
        // A remote entry we may not write (a tracked file turned into a symlink or submodule there, or a
        // name that now clashes by case) is unknown, not deleted: the file here stays as it is, nothing
        // is uploaded over the remote's entry, and the reason is reported until someone settles it.
        if (refused.contains(path) && (baseRecord || localFile || unchangedHere)) {
            plan.waiting.append(path);
            return;
        }
        const Version base = baseRecord ? Version{baseRecord->oid, baseRecord->executable} : Version{};
        const Version local = unchangedHere ? base
                              : localFile   ? Version{localFile->oid, localFile->stat.executable}
                                            : Version{};
        const Version theirs = remoteVersion(path, baseRecord);
        const bool localChanged = local != base;
        const bool remoteChanged = theirs != base;
        if (!localChanged && !remoteChanged) {
            if (local.exists() && localFile && baseRecord->mtimeNs != localFile->stat.mtimeNs)
                plan.agreed.append(path); // touched, same content: refresh the record
        } else if (localChanged && !remoteChanged) {
            (local.exists() ? plan.uploads : plan.remoteDeletes).append(path);
        } else if (!localChanged && remoteChanged) {
            (theirs.exists() ? plan.downloads : plan.localDeletes).append(path);
        } else if (local == theirs) {
            (local.exists() ? plan.agreed : plan.forgotten).append(path);
        } else if (!local.exists()) {
            plan.downloads.append(path); // deleted here, modified there: the modification wins
        } else if (!theirs.exists() || in.localWins) {
            plan.uploads.append(path); // modified here, deleted there: the modification wins
        } else {
            plan.conflicts.append(
                {path, uniqueCopyPath(in, path),
                 base.exists() ? QStringLiteral("modify/modify") : QStringLiteral("add/add")});
        }
    };

    // Every path once: those in the base, then those only here, then those only there. With an unmoved
    // remote, a path unchanged here has nothing to decide.
    const QHash<QString, LocalFile>& changedHere = in.local.changed;
    const bool someNotSeen = !in.local.ignored.isEmpty() || !in.local.unknown.isEmpty();
    qsizetype changedInBase = 0;
    for (auto it = in.base.begin(); it != in.base.end(); ++it) {
        if (someNotSeen && in.local.ignored.contains(it.key())) {
            plan.forgotten.append(
                it.key()); // ignored now: it leaves tracking, its copies stay where they are
        } else if (someNotSeen && in.local.unknown.contains(it.key())) {
            continue; // could not be read: nothing is known about it this time
        } else if (const auto local = changedHere.constFind(it.key()); local != changedHere.constEnd()) {
            ++changedInBase;
            decide(it.key(), &*it, &*local);
        } else if (in.local.gone.contains(it.key())) {
            decide(it.key(), &*it, nullptr);
        } else if (!in.remoteIsBase) {
            decide(it.key(), &*it, nullptr, true);
        }
    }
    if (changedInBase < changedHere.size()) {
        for (auto it = changedHere.begin(); it != changedHere.end(); ++it) {
            if (!in.base.contains(it.key()))
                decide(it.key(), nullptr, &*it);
        }
    }
    for (auto it = in.remote.begin(); it != in.remote.end(); ++it) {
        if (!in.base.contains(it.key()) && !changedHere.contains(it.key()) && !refused.contains(it.key()) &&
            folderOf(in.folders, it.key()) && !(in.ignored && in.ignored(it.key())) &&
            !in.local.underUnreadable(it.key()))
            decide(it.key(), nullptr, nullptr);
    }
    for (QStringList* list : {&plan.uploads, &plan.remoteDeletes, &plan.downloads, &plan.localDeletes,
                              &plan.agreed, &plan.forgotten, &plan.waiting})
        list->sort();
    std::sort(plan.conflicts.begin(), plan.conflicts.end(),
              [](const ConflictCase& a, const ConflictCase& b) { return a.path < b.path; });
    holdMassDeletions(in, plan.remoteDeletes, plan.held);
    holdMassDeletions(in, plan.localDeletes, plan.held);
    TypeClashes::resolve(in, plan);
    holdTooLarge(in, plan);
    return plan;
}

void Reconciler::holdTooLarge(const Input& in, SyncPlan& plan)
{
    if (in.maxFileBytes <= 0)
        return;
    const auto tooLarge = [&](const QString& path) {
        if (in.local.file(path).stat.size <= in.maxFileBytes)
            return false;
        plan.tooLarge.append(path);
        return true;
    };
    plan.uploads.removeIf(tooLarge);
    plan.conflicts.removeIf([&](const ConflictCase& c) { return tooLarge(c.path); });
    plan.tooLarge.sort();
}

} // namespace ferry::sync
