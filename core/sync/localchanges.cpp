#include "core/sync/localchanges.h"

#include "core/git/blobdata.h"
#include "core/sync/failpoint.h"
#include "core/sync/fileapplier.h"
#include "core/sync/reconciler.h"
#include "core/sync/scanner.h"

#include <optional>
#include <QDir>
#include <QFileInfo>
#include <QUuid>

namespace ferry::sync {

LocalChanges::LocalChanges(git::Repository& repo, const QList<config::FolderMapping>& folders,
                           const ScanResult& scan, const git::TreeFiles& remote, VersionStore& versions)
    : m_repo(repo), m_folders(folders), m_scan(scan), m_remote(remote), m_versions(versions)
{
}

FileRecord LocalChanges::recordOf(const LocalFile& f, const QString& source)
{
    return FileRecord{f.hash, f.oid, f.stat.size, f.stat.mtimeNs, f.stat.inode, f.stat.executable, source};
}

// The base record of a file Ferry just wrote with `content`: its hashes, and the stat it has now.
void LocalChanges::recordWritten(const config::FolderMapping& folder, const QString& path,
                                 const QByteArray& content, const QString& oid, const QString& source,
                                 SyncState& state) const
{
    const QString absolute = folder.local + u'/' + Scanner::relativePath(folder, path);
    const LocalFile file{absolute, Scanner::sha256Of(content), oid, FileStat::of(absolute), true};
    state.files.insert(path, recordOf(file, source));
}

FileStat LocalChanges::scanned(const QString& path) const
{
    return m_scan.file(path).stat;
}

// Keeps the local version of `path` before it is replaced; false (and the path waits) if it cannot.
bool LocalChanges::archive(const QString& path, const QString& reason, SyncResult& result)
{
    if (scanned(path).type == FileStat::Type::Missing)
        return true; // nothing here to lose
    const config::FolderMapping* folder = Reconciler::folderOf(m_folders, path);
    const Result<ArchivedVersion> kept =
        m_versions.archive(path, folder->local + u'/' + Scanner::relativePath(*folder, path), reason, m_now);
    if (!kept) {
        if (kept.error().kind == ErrorKind::NotFound)
            return true; // deleted meanwhile: the applier notices and leaves the path for the next cycle
        ++result.waiting;
        result.notes.append(QStringLiteral("%1: left as it is: %2").arg(path, kept.message()));
        return false;
    }
    ++result.archived;
    return true;
}

void LocalChanges::step()
{
    // Crash tests stop the process once half of the local changes are on disk.
    if (++m_done == (m_total + 1) / 2)
        Failpoint::hit("mid-apply");
    if (m_progress && (m_done % 64 == 0 || m_done == m_total))
        m_progress(m_done, m_total);
}

void LocalChanges::apply(const SyncPlan& plan, SyncState& state, SyncResult& result, const QDateTime& now)
{
    m_now = now;
    m_total = int(plan.downloads.size() + plan.localDeletes.size() + plan.conflicts.size() +
                  plan.typeClashes.size());
    m_done = 0;
    // Files out of the way first (moved aside, deleted), so that a folder can take a file's name and a
    // file a folder's.
    for (const TypeClash& t : plan.typeClashes)
        moveAside(t, state, result);
    for (const QString& path : plan.localDeletes)
        deleteLocal(path, state, result);
    for (const QString& path : plan.downloads)
        download(path, state, result);
    for (const ConflictCase& c : plan.conflicts)
        keepBoth(c, state, result, now);
    for (const MergedFile& m : plan.merged) {
        if (!m.oid.isEmpty()) // stored and pushed
            writeMerged(m, state, result, now);
    }
}

// A download found something else at its path: a file edited meanwhile, or a folder the scan did not
// list because everything in it is ignored (it keeps the name until the person moves it).
QString LocalChanges::whyNotWritten(const config::FolderMapping& folder, const QString& path)
{
    if (QFileInfo(QDir(folder.local).filePath(Scanner::relativePath(folder, path))).isDir())
        return QStringLiteral("a local folder of this name holds only ignored files; the remote file waits "
                              "until the folder is moved or deleted");
    return QStringLiteral("edited during the sync; the remote version waits for the next cycle");
}

void LocalChanges::download(const QString& path, SyncState& state, SyncResult& result)
{
    const config::FolderMapping* folder = Reconciler::folderOf(m_folders, path);
    const git::TreeEntry entry = m_remote.value(path);
    // The blob as libgit2 inflated it, written from there: a download holds one copy of the file.
    const Result<git::BlobData> blob = git::BlobData::read(m_repo.handle(), entry.oid);
    const Result<QByteArray> content =
        blob ? Result<QByteArray>(blob->bytes()) : Result<QByteArray>(blob.error());
    const bool executable = entry.kind == git::TreeEntry::Kind::Executable;
    if (content && !archive(path, QStringLiteral("overwritten by the remote version"), result)) {
        step();
        return;
    }
    const Result<FileApplier::Outcome> written =
        content ? FileApplier(folder->local)
                      .write(Scanner::relativePath(*folder, path), *content, executable, scanned(path))
                : Result<FileApplier::Outcome>(content.error());
    step();
    if (!written || *written == FileApplier::Outcome::Changed) {
        ++result.waiting;
        result.notes.append(
            QStringLiteral("%1: %2").arg(path, written ? whyNotWritten(*folder, path) : written.message()));
        return;
    }
    recordWritten(*folder, path, *content, entry.oid, QStringLiteral("remote"), state);
    ++result.downloaded;
    result.bytesDownloaded += content->size();
}

void LocalChanges::deleteLocal(const QString& path, SyncState& state, SyncResult& result)
{
    const config::FolderMapping* folder = Reconciler::folderOf(m_folders, path);
    if (!archive(path, QStringLiteral("deleted on the remote"), result)) {
        step();
        return;
    }
    const Result<FileApplier::Outcome> removed =
        FileApplier(folder->local).remove(Scanner::relativePath(*folder, path), scanned(path));
    step();
    if (!removed || *removed == FileApplier::Outcome::Changed) {
        ++result.waiting;
        result.notes.append(QStringLiteral("%1: %2").arg(
            path, removed ? QStringLiteral("edited during the sync; not deleted") : removed.message()));
        return;
    }
    state.files.remove(path);
    ++result.deletedLocal;
}

// The file of a file/folder clash goes to its conflict name here: the local one renamed, the remote one
// written there. Either way it is already in the commit under that name.
void LocalChanges::moveAside(const TypeClash& t, SyncState& state, SyncResult& result)
{
    const config::FolderMapping* folder = Reconciler::folderOf(m_folders, t.path);
    FileApplier applier(folder->local);
    const QString copy = Scanner::relativePath(*folder, t.copyPath);
    Result<FileApplier::Outcome> done = FileApplier::Outcome::Done;
    std::optional<git::BlobData> held;
    QByteArray content;
    const git::TreeEntry theirs = m_remote.value(t.path);
    if (t.fileIsLocal) {
        done = applier.rename(Scanner::relativePath(*folder, t.path), copy, scanned(t.path));
    } else {
        Result<git::BlobData> read = git::BlobData::read(m_repo.handle(), theirs.oid);
        done = read ? applier.write(copy, read->bytes(), theirs.kind == git::TreeEntry::Kind::Executable,
                                    FileStat{})
                    : Result<FileApplier::Outcome>(read.error());
        if (read) {
            held.emplace(std::move(read.value()));
            content = held->bytes(); // borrowed from `held`, which lives to the end of this function
        }
    }
    step();
    if (!done || *done == FileApplier::Outcome::Changed) {
        ++result.waiting;
        result.notes.append(
            QStringLiteral("%1: a file and a folder of this name; left for the next cycle: %2")
                .arg(t.path, done ? QStringLiteral("edited during the sync") : done.message()));
        return;
    }
    if (t.fileIsLocal)
        state.files.insert(t.copyPath, recordOf(m_scan.file(t.path), QStringLiteral("local")));
    else
        recordWritten(*folder, t.copyPath, content, theirs.oid, QStringLiteral("remote"), state);
    ++result.keptBoth;
    result.notes.append(
        QStringLiteral("%1: a file here and a folder there (or the reverse); the folder keeps the "
                       "name, the file is now %2")
            .arg(t.path, t.copyPath));
}

void LocalChanges::keepBoth(const ConflictCase& c, SyncState& state, SyncResult& result, const QDateTime& now)
{
    const config::FolderMapping* folder = Reconciler::folderOf(m_folders, c.path);
    FileApplier applier(folder->local);
    const LocalFile local = m_scan.file(c.path);
    const QString baseOid = state.files.value(c.path).oid;
    const Result<FileApplier::Outcome> moved = applier.rename(
        Scanner::relativePath(*folder, c.path), Scanner::relativePath(*folder, c.copyPath), local.stat);
    if (!moved || *moved == FileApplier::Outcome::Changed) {
        step();
        ++result.waiting;
        result.notes.append(
            QStringLiteral("%1: conflict left for the next cycle: %2")
                .arg(c.path, moved ? QStringLiteral("edited during the sync") : moved.message()));
        return;
    }
    state.files.insert(c.copyPath,
                       recordOf(local, QStringLiteral("local"))); // a rename keeps size, time and inode

    const git::TreeEntry remote = m_remote.value(c.path);
    const Result<git::BlobData> blob = git::BlobData::read(m_repo.handle(), remote.oid);
    const Result<QByteArray> content =
        blob ? Result<QByteArray>(blob->bytes()) : Result<QByteArray>(blob.error());
    const Result<FileApplier::Outcome> written =
        content ? applier.write(Scanner::relativePath(*folder, c.path), *content,
                                remote.kind == git::TreeEntry::Kind::Executable, FileStat{})
                : Result<FileApplier::Outcome>(content.error());
    step();
    if (written && *written == FileApplier::Outcome::Done) {
        recordWritten(*folder, c.path, *content, remote.oid, QStringLiteral("remote"), state);
        result.bytesDownloaded += content->size();
    } else {
        // The local version is safe in the copy; the remote one arrives next cycle.
        state.files.remove(c.path);
    }
    state.pendingConflicts.append({QUuid::createUuid().toString(QUuid::Id128).left(12), c.path, c.policy,
                                   c.kind, baseOid, local.oid, remote.oid, c.copyPath, now});
    ++result.keptBoth;
    ++result.pending;
}

void LocalChanges::writeMerged(const MergedFile& m, SyncState& state, SyncResult& result,
                               const QDateTime& now)
{
    const config::FolderMapping* folder = Reconciler::folderOf(m_folders, m.path);
    if (!archive(m.path, QStringLiteral("replaced by the %1 merge").arg(config::policyName(m.policy)),
                 result)) {
        step();
        return;
    }
    const Result<FileApplier::Outcome> written =
        FileApplier(folder->local)
            .write(Scanner::relativePath(*folder, m.path), m.content, m.executable, scanned(m.path));
    step();
    if (!written || *written == FileApplier::Outcome::Changed) {
        // The merged version is on the remote; this edit meets it again next cycle.
        ++result.waiting;
        result.notes.append(QStringLiteral("%1: %2").arg(
            m.path,
            written ? QStringLiteral("edited during the sync; merged again next cycle") : written.message()));
        return;
    }
    recordWritten(*folder, m.path, m.content, m.oid, QStringLiteral("local"), state);
    ++result.merged;
    if (!m.pendingKind.isEmpty()) {
        state.pendingConflicts.append({QUuid::createUuid().toString(QUuid::Id128).left(12), m.path, m.policy,
                                       m.pendingKind, m.baseOid, m.localOid, m.remoteOid, QString(), now});
        ++result.pending;
    }
}

} // namespace ferry::sync
