#include "core/sync/reconciler.h"

#include "core/sync/fileapplier.h"
#include "core/sync/pathsafety.h"
#include "core/sync/typeclashes.h"

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

// The decision for every path once: those in the base, then those only here, then those only there.
class PlanBuilder
{
public:
    explicit PlanBuilder(const Reconciler::Input& in)
        : m_in(in), m_refused(in.remoteIsBase ? QSet<QString>() : refusedRemote(in, m_plan.refused))
    {
    }

    SyncPlan build()
    {
        const qsizetype changedInBase = walkBase();
        if (changedInBase < m_in.local.changed.size())
            walkNewHere();
        walkNewThere();
        sortLists();
        holdMassDeletions(m_in, m_plan.remoteDeletes, m_plan.held);
        holdMassDeletions(m_in, m_plan.localDeletes, m_plan.held);
        TypeClashes::resolve(m_in, m_plan);
        Reconciler::holdTooLarge(m_in, m_plan);
        return m_plan;
    }

private:
    // Paths in the base; returns how many of them changed here. With an unmoved remote, a path
    // unchanged here has nothing to decide.
    qsizetype walkBase()
    {
        const QHash<QString, LocalFile>& changedHere = m_in.local.changed;
        const bool someNotSeen = !m_in.local.ignored.isEmpty() || !m_in.local.unknown.isEmpty();
        qsizetype changedInBase = 0;
        // Nothing changed on either side: every path of the base would fall through below.
        if (!someNotSeen && changedHere.isEmpty() && m_in.local.gone.isEmpty() && m_in.remoteIsBase)
            return 0;
        for (auto it = m_in.base.begin(); it != m_in.base.end(); ++it) {
            const QString path = it.key();
            if (someNotSeen && m_in.local.ignored.contains(path)) {
                m_plan.forgotten.append(path); // ignored now: it leaves tracking, its copies stay
            } else if (someNotSeen && m_in.local.unknown.contains(path)) {
                continue; // could not be read: nothing is known about it this time
            } else if (const auto local = changedHere.constFind(path); local != changedHere.constEnd()) {
                ++changedInBase;
                const FileRecord record = it.value();
                decide(path, &record, &*local);
            } else if (m_in.local.gone.contains(path)) {
                const FileRecord record = it.value();
                decide(path, &record, nullptr);
            } else if (!m_in.remoteIsBase) {
                const FileRecord record = it.value();
                decide(path, &record, nullptr, true);
            }
        }
        return changedInBase;
    }

    void walkNewHere()
    {
        for (auto it = m_in.local.changed.begin(); it != m_in.local.changed.end(); ++it) {
            if (!m_in.base.contains(it.key()))
                decide(it.key(), nullptr, &*it);
        }
    }

    void walkNewThere()
    {
        for (auto it = m_in.remote.begin(); it != m_in.remote.end(); ++it) {
            const QString& path = it.key();
            if (!m_in.base.contains(path) && !m_in.local.changed.contains(path) &&
                !m_refused.contains(path) && Reconciler::folderOf(m_in.folders, path) &&
                !(m_in.ignored && m_in.ignored(path)) && !m_in.local.underUnreadable(path))
                decide(path, nullptr, nullptr);
        }
    }

    Version remoteVersion(const QString& path, const FileRecord* baseRecord) const
    {
        if (m_in.remoteIsBase)
            return baseRecord ? Version{baseRecord->oid, baseRecord->executable} : Version{};
        const auto it = m_in.remote.constFind(path);
        if (it == m_in.remote.constEnd() || m_refused.contains(path))
            return Version{};
        return Version{it->oid, it->kind == git::TreeEntry::Kind::Executable};
    }

    // `localFile` null: not found here, unless `unchangedHere` (found exactly as the base records it).
    void decide(const QString& path, const FileRecord* baseRecord, const LocalFile* localFile,
                bool unchangedHere = false)
    {
        if (!Reconciler::folderOf(m_in.folders, path)) {
            m_plan.forgotten.append(path); // its folder is no longer mapped: not a deletion
            return;
        }
        if (localFile && !localFile->stable) {
            m_plan.waiting.append(path);
            return;
        }
        // A remote entry we may not write (a tracked file turned into a symlink or submodule there, or a
        // name that now clashes by case) is unknown, not deleted: the file here stays as it is, nothing
        // is uploaded over the remote's entry, and the reason is reported until someone settles it.
        if (m_refused.contains(path) && (baseRecord || localFile || unchangedHere)) {
            m_plan.waiting.append(path);
            return;
        }
        const Version base = baseRecord ? Version{baseRecord->oid, baseRecord->executable} : Version{};
        const Version local = unchangedHere ? base
                              : localFile   ? Version{localFile->oid, localFile->stat.executable}
                                            : Version{};
        const bool touched =
            local.exists() && localFile && baseRecord && baseRecord->mtimeNs != localFile->stat.mtimeNs;
        classify(path, base, local, remoteVersion(path, baseRecord), touched);
    }

    void classify(const QString& path, const Version& base, const Version& local, const Version& theirs,
                  bool touched)
    {
        const bool localChanged = local != base;
        const bool remoteChanged = theirs != base;
        if (!localChanged && !remoteChanged) {
            if (touched)
                m_plan.agreed.append(path); // touched, same content: refresh the record
        } else if (localChanged && !remoteChanged) {
            (local.exists() ? m_plan.uploads : m_plan.remoteDeletes).append(path);
        } else if (!localChanged && remoteChanged) {
            (theirs.exists() ? m_plan.downloads : m_plan.localDeletes).append(path);
        } else if (local == theirs) {
            (local.exists() ? m_plan.agreed : m_plan.forgotten).append(path);
        } else if (!local.exists()) {
            m_plan.downloads.append(path); // deleted here, modified there: the modification wins
        } else if (!theirs.exists() || m_in.localWins) {
            m_plan.uploads.append(path); // modified here, deleted there: the modification wins
        } else {
            m_plan.conflicts.append(
                {path, uniqueCopyPath(m_in, path),
                 base.exists() ? QStringLiteral("modify/modify") : QStringLiteral("add/add")});
        }
    }

    void sortLists()
    {
        for (QStringList* list : {&m_plan.uploads, &m_plan.remoteDeletes, &m_plan.downloads,
                                  &m_plan.localDeletes, &m_plan.agreed, &m_plan.forgotten, &m_plan.waiting})
            list->sort();
        std::sort(m_plan.conflicts.begin(), m_plan.conflicts.end(),
                  [](const ConflictCase& a, const ConflictCase& b) { return a.path < b.path; });
    }

    const Reconciler::Input& m_in;
    SyncPlan m_plan;
    const QSet<QString> m_refused;
};

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
    return PlanBuilder(in).build();
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
