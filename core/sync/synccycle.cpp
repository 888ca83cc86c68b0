#include "core/sync/synccycle.h"

#include "core/config/paths.h"
#include "core/sync/commitsigner.h"
#include "core/sync/conflictsettler.h"
#include "core/sync/failpoint.h"
#include "core/sync/folderguard.h"
#include "core/sync/localchanges.h"
#include "core/sync/pathsafety.h"
#include "core/sync/reconciler.h"
#include "core/sync/syncengine.h"
#include "core/sync/versionstore.h"
#include "core/util/clock.h"
#include "core/util/logging.h"
#include "core/util/redact.h"

#include <QCryptographicHash>
#include <QSysInfo>

namespace ferry::sync {
namespace {

git::Signature authorOf(const config::Profile& profile, const QString& host)
{
    return {profile.authorName.isEmpty() ? QStringLiteral("Ferry") : profile.authorName,
            profile.authorEmail.isEmpty() ? QStringLiteral("ferry@") + host : profile.authorEmail};
}

bool anyCaseInsensitive(const QList<config::FolderMapping>& folders)
{
    return std::any_of(folders.begin(), folders.end(),
                       [](const config::FolderMapping& f) { return PathSafety::isCaseInsensitive(f.local); });
}

// Stores the blobs of the plan's uploads and conflict copies. A file whose content no longer matches
// the scan (edited meanwhile) is taken out of the plan: it waits for the next cycle.
QList<git::TreeUpdate> storeUploads(SyncPlan& plan, const ScanResult& scan, const git::TreeFiles& remote,
                                    git::Repository& repo, SyncResult& result,
                                    const std::function<void(int, int)>& progress)
{
    // Every file to store, read and written as blobs on every core.
    QStringList sources;
    for (const QString& path : std::as_const(plan.uploads))
        sources.append(scan.file(path).absolutePath);
    for (const ConflictCase& c : std::as_const(plan.conflicts))
        sources.append(scan.file(c.path).absolutePath);
    for (const TypeClash& t : std::as_const(plan.typeClashes)) {
        if (t.fileIsLocal)
            sources.append(scan.file(t.path).absolutePath);
    }
    const int total = int(sources.size());
    const QList<git::Repository::StoredFile> stored = repo.storeFiles(
        sources,
        progress ? std::function<void(int)>([&](int n) { progress(n, total); }) : std::function<void(int)>(),
        [](const char* step) { Failpoint::hit(step); });

    QList<git::TreeUpdate> updates;
    qsizetype next = 0;
    const auto keep = [&](const QString& path, const QString& atPath) -> bool {
        const git::Repository::StoredFile& s = stored[next++];
        const LocalFile file = scan.file(path);
        // Both hashes of the upload's own read must match the scan's: a file edited in between waits.
        if (s.oid.isEmpty() || s.oid != file.oid || s.sha256 != file.hash) {
            ++result.waiting;
            result.notes.append(
                QStringLiteral("%1: changed during the sync; it goes up next cycle").arg(path));
            return false;
        }
        updates.append({atPath, s.oid, file.stat.executable});
        result.bytesUploaded += s.size;
        return true;
    };
    plan.uploads.removeIf([&](const QString& path) { return !keep(path, path); });
    plan.conflicts.removeIf([&](const ConflictCase& c) { return !keep(c.path, c.copyPath); });
    // A file against a folder: the file goes to its conflict name (the local one stored above, the
    // remote one moved within the tree), the folder keeps the name.
    plan.typeClashes.removeIf([&](const TypeClash& t) {
        if (t.fileIsLocal)
            return !keep(t.path, t.copyPath);
        const git::TreeEntry theirs = remote.value(t.path);
        updates.append({t.path, QString(), false});
        updates.append({t.copyPath, theirs.oid, theirs.kind == git::TreeEntry::Kind::Executable});
        return false;
    });
    for (MergedFile& m : plan.merged) {
        const Result<QString> oid = repo.writeBlob(m.content);
        if (!oid) {
            ++result.waiting;
            result.notes.append(
                QStringLiteral("%1: merged version not stored: %2").arg(m.path, oid.message()));
            continue;
        }
        m.oid = *oid;
        updates.append({m.path, m.oid, m.executable});
        result.bytesUploaded += m.content.size();
    }
    for (const QString& path : std::as_const(plan.remoteDeletes))
        updates.append({path, QString(), false});
    return updates;
}

void recordRemoteSide(const SyncPlan& plan, const ScanResult& scan, SyncState& state)
{
    for (const QString& path : plan.uploads)
        state.files.insert(path, LocalChanges::recordOf(scan.file(path), QStringLiteral("local")));
    for (const QString& path : plan.agreed)
        state.files.insert(path, LocalChanges::recordOf(scan.file(path), state.files.value(path).source));
    for (const QString& path : plan.remoteDeletes)
        state.files.remove(path);
    for (const QString& path : plan.forgotten)
        state.files.remove(path);
    for (const TypeClash& t : plan.typeClashes)
        state.files.remove(t.path); // the folder's files come with their own records
}

} // namespace

SyncCycle::SyncCycle(const Setup& setup, SyncState& state, SyncResult& result)
    : m_setup(setup), m_profile(setup.profile), m_repo(setup.repo), m_state(state), m_result(result),
      m_remote(setup.repo,
               git::Credentials{qEnvironmentVariable(setup.profile.tokenEnv.toUtf8().constData()),
                                setup.profile.sshKey},
               setup.stop),
      m_host(QSysInfo::machineHostName())
{
    m_author = authorOf(m_profile, m_host);
    m_caseInsensitive = anyCaseInsensitive(m_profile.folders);
    m_lap.start();
}

void SyncCycle::lap(const char* phase)
{
    const QString key = QString::fromLatin1(phase);
    m_result.timings[key] = m_result.timings.value(key).toDouble() + double(m_lap.nsecsElapsed()) / 1e9;
    m_lap.restart();
}

// Files that cannot go up are listed, in the state for `ferry status` and in the result; the profile
// is degraded until they are dealt with, and the rest syncs.
void SyncCycle::holdFiles(const Pass& pass)
{
    m_state.heldFiles = m_scan.unreadable;
    m_result.unreadable = m_scan.unreadable;
    if (!m_scan.unreadable.isEmpty())
        m_result.problems.append(m_scan.unreadable.size() == 1
                                     ? m_scan.unreadable.first()
                                     : QStringLiteral("%1 paths cannot be read, e.g. %2")
                                           .arg(m_scan.unreadable.size())
                                           .arg(m_scan.unreadable.first()));
    for (const QString& path : pass.plan.tooLarge) {
        const double mb = double(pass.local.file(path).stat.size) / (1 << 20);
        m_state.heldFiles.append(
            QStringLiteral("%1: %2 MB, over max_file_mb (%3 MB): not uploaded (shrink it, "
                           "move it out, or add it to ignore)")
                .arg(path)
                .arg(mb, 0, 'f', 1)
                .arg(m_profile.maxFileMb));
    }
    m_result.tooLarge = int(pass.plan.tooLarge.size());
    m_result.notes += m_state.heldFiles;
    if (!pass.plan.tooLarge.isEmpty())
        m_result.problems.append(pass.plan.tooLarge.size() == 1
                                     ? m_state.heldFiles.last()
                                     : QStringLiteral("%1 files held (over max_file_mb), e.g. %2")
                                           .arg(pass.plan.tooLarge.size())
                                           .arg(m_state.heldFiles.last()));
}

QString SyncCycle::ignoreFingerprint() const
{
    return QString::fromLatin1(
        QCryptographicHash::hash(m_profile.ignore.join(u'\n').toUtf8(), QCryptographicHash::Sha1)
            .toHex()
            .left(16));
}

QString SyncCycle::redactedRemote() const
{
    return util::Redact::url(m_profile.remote);
}

void SyncCycle::fail(const Error& error)
{
    m_result.ok = false;
    m_result.errorKind = error.kind;
    m_result.error = error.message;
}

template <typename T>
Result<T> SyncCycle::withRetry(const std::function<Result<T>()>& attempt)
{
    for (int i = 1;; ++i) {
        Result<T> r = attempt();
        if (r.ok() || r.error().kind != ErrorKind::Unavailable || i >= m_setup.backoff.attempts)
            return r;
        const int delay = m_setup.backoff.delayMs(i);
        qCInfo(lcSync).noquote() << r.message() << QStringLiteral("; retrying in %1 ms").arg(delay);
        if (!m_setup.stop.sleepFor(delay))
            return r; // stopping: the last failure is the answer
    }
}

void SyncCycle::run()
{
    if (!scanFolders())
        return;
    for (m_result.pushAttempts = 0; m_result.pushAttempts < kMaxPushAttempts;) {
        Pass pass;
        if (!fetchAndPlan(pass))
            return;
        switch (commitAndPush(pass)) {
        case Pushed::Failed:
            return;
        case Pushed::Again:
            continue;
        case Pushed::Done:
            applyRemote(pass);
            finishState(pass);
            return;
        }
    }
    fail(makeError(
        ErrorKind::Conflict,
        QStringLiteral("push rejected %1 times: the remote keeps changing; the next cycle tries again")
            .arg(kMaxPushAttempts)));
}

// Scans the folders against the base, and pauses the profile when a folder looks unmounted or replaced.
bool SyncCycle::scanFolders()
{
    Scanner scanner(m_profile.folders, m_setup.ignore);
    // A file written again within one timestamp tick of the last scan keeps its size, mtime and inode:
    // only files clearly older than that scan (2 s covers FAT's and SMB's coarse clocks) are trusted.
    m_scanStarted = m_setup.options.clock->nowUtc();
    scanner.setTrustedBefore(m_state.lastScanStarted.isValid()
                                 ? (m_state.lastScanStarted.toMSecsSinceEpoch() - 2000) * 1000000
                                 : 0);
    const SyncOptions& options = m_setup.options;
    const bool changesOnly = options.changesOnly && m_setup.stateMatchesDisk;
    m_scan =
        changesOnly ? scanner.scanChanges(m_state.files, options.changedPaths) : scanner.scan(m_state.files);
    m_result.scanKind = changesOnly ? QStringLiteral("changes") : QStringLiteral("full");
    lap("scan");
    m_result.scanned = int(m_scan.found);
    m_result.hashed = m_scan.hashed;
    m_result.notes += m_scan.notes;
    if (const std::optional<QString> problem =
            FolderGuard::problem(m_profile.folders, m_scan, m_state, options.allowMassDelete)) {
        m_result.paused = true;
        fail(makeError(ErrorKind::Invalid, *problem));
        return false;
    }
    if (Status marked = FolderGuard::mark(m_profile.folders); !marked) {
        fail(marked.error());
        return false;
    }
    return true;
}

// Fetches the branch, checks that it still descends from the last synced head, reads its tree (unless
// the base describes it), decides every path and settles the conflicts by policy.
bool SyncCycle::fetchAndPlan(Pass& pass)
{
    const Result<QString> head = withRetry<QString>([&] { return m_remote.fetch(m_profile.branch); });
    if (!head) {
        fail(head.error());
        return false;
    }
    lap("fetch");
    pass.head = pass.parent = *head;
    if (!checkAncestry(pass))
        return false;
    pass.remoteIsBase = !pass.reset && !pass.parent.isEmpty() && pass.parent == m_state.head &&
                        m_state.baseIsHead && m_state.ignoreRules == ignoreFingerprint();
    if (!pass.parent.isEmpty() && !pass.remoteIsBase) {
        Result<git::TreeFiles> files = m_repo.files(pass.parent);
        if (!files) {
            fail(files.error());
            return false;
        }
        pass.remoteFiles = std::move(files.value());
    }
    lap("tree");

    const Reconciler::Input input = planInput(pass);
    pass.now = input.now;
    pass.local = input.local;
    if (pass.reset)
        m_state.files = input.base; // what the records describe from now on
    pass.plan = Reconciler::plan(input);
    if (pass.remoteIsBase) { // the remote's version of a file that moves aside is the recorded one
        for (const TypeClash& t : std::as_const(pass.plan.typeClashes)) {
            const FileRecord r = m_state.files.value(t.path);
            if (!t.fileIsLocal)
                pass.remoteFiles.insert(t.path,
                                        git::TreeEntry{r.oid, r.executable ? git::TreeEntry::Kind::Executable
                                                                           : git::TreeEntry::Kind::File});
        }
    }
    if (!pass.plan.conflicts.isEmpty()) {
        m_result.conflicts = m_result.settled = 0; // counted again when a lost push race redoes this
        const auto remoteTime = [&](const QString& path) {
            const Result<QDateTime> t = m_repo.lastChangeTime(pass.parent, m_state.head, path);
            return t ? *t : QDateTime();
        };
        ConflictSettler(m_repo, m_profile.conflictRules, remoteTime)
            .settle(pass.plan, input.base, input.local, pass.remoteFiles, m_result);
    }
    lap("plan");
    return true;
}

// A remote head that does not descend from the last synced one (branch deleted, repository emptied or
// replaced, history rewritten or rolled back) says nothing about what people deleted: the profile
// pauses until a person chooses, and with a choice this pass plans by it.
bool SyncCycle::checkAncestry(Pass& pass)
{
    const QString& last = m_state.head;
    if (last.isEmpty() || pass.head == last) {
        m_state.remoteReset.reset();
        return true;
    }
    if (!pass.head.isEmpty()) {
        const Result<bool> descends = m_repo.descendsFrom(pass.head, last);
        if (!descends) {
            fail(descends.error());
            return false;
        }
        if (*descends) {
            m_state.remoteReset.reset();
            return true;
        }
    }
    const ResetChoice choice = m_setup.options.resetChoice;
    if (choice == ResetChoice::None) {
        const QString what =
            pass.head.isEmpty()
                ? QStringLiteral("the branch %1 is gone from %2 (deleted, or an empty or new repository)")
                      .arg(m_profile.branch, redactedRemote())
                : QStringLiteral(
                      "the branch %1 of %2 was rewritten or replaced: its head %3 does not contain "
                      "the last synced %4")
                      .arg(m_profile.branch, redactedRemote(), pass.head.left(10), last.left(10));
        const QString reason =
            what +
            QStringLiteral("; nothing was changed here or there. Choose: ferry sync %1 --reupload (your "
                           "files go onto the remote as they are, nothing is deleted) or ferry sync %1 "
                           "--accept-remote (the folders take the remote's files; what goes is archived "
                           "first)")
                .arg(m_profile.name);
        m_state.remoteReset = RemoteReset{last, pass.head, reason, m_setup.options.clock->nowUtc()};
        m_result.remoteReset = m_result.paused = true;
        fail(makeError(ErrorKind::Invalid, reason));
        return false;
    }
    pass.reset = true;
    // Re-uploading onto a branch that is gone: the last synced head is the parent, so the branch comes
    // back with its history (and a new, empty repository receives it) instead of a parentless commit.
    if (choice == ResetChoice::Reupload && pass.head.isEmpty()) {
        pass.parent = last;
        pass.reset = false; // a normal cycle against the last synced head
    }
    m_state.remoteReset.reset();
    return true;
}

Reconciler::Input SyncCycle::planInput(const Pass& pass) const
{
    Reconciler::Input input;
    input.folders = m_profile.folders;
    input.base = m_state.files;
    input.local = m_scan;
    input.remote = pass.remoteFiles;
    input.remoteIsBase = pass.remoteIsBase;
    input.allowMassDelete = m_setup.options.allowMassDelete;
    input.maxFileBytes = qint64(m_profile.maxFileMb) << 20;
    input.ignored = [scanner = Scanner(m_profile.folders, m_setup.ignore)](const QString& path) {
        return scanner.ignores(path);
    };
    input.caseInsensitive = m_caseInsensitive;
    input.host = m_host;
    input.now = m_setup.options.clock->nowUtc();
    if (pass.reset) {
        // Re-upload: no base, so nothing can read as a deletion; local versions win. Take the remote:
        // the local files are the base, so every difference comes from the remote.
        const bool reupload = m_setup.options.resetChoice == ResetChoice::Reupload;
        input.base = reupload ? FileRecords() : m_scan.records();
        input.local = m_scan.rebased(input.base, m_profile.folders);
        input.localWins = reupload;
        input.allowMassDelete = true; // the person chose
    }
    return input;
}

// One commit of every upload, merge and conflict copy on top of the fetched head, pushed without force.
SyncCycle::Pushed SyncCycle::commitAndPush(Pass& pass)
{
    const QList<git::TreeUpdate> updates =
        storeUploads(pass.plan, pass.local, pass.remoteFiles, m_repo, m_result, m_setup.options.progress);
    Failpoint::hit("after-blobs");
    const bool recreating = pass.parent != pass.head; // the branch is gone: it comes back at `parent`
    if (updates.isEmpty() && !recreating)
        return Pushed::Done;
    // Safety invariant: never a parentless commit on a branch that has history (ours or the remote's).
    if (pass.parent.isEmpty() && (!m_state.head.isEmpty() || !pass.head.isEmpty())) {
        fail(makeError(ErrorKind::Internal,
                       QStringLiteral("refusing to create a commit without a parent on %1, "
                                      "which has history; nothing was pushed")
                           .arg(m_profile.branch)));
        return Pushed::Failed;
    }
    Result<QString> commit = pass.parent;
    if (!updates.isEmpty()) {
        commit =
            m_repo.commit(pass.parent, updates, QStringLiteral("Batch sync: %1 files").arg(updates.size()),
                          m_author, commitSigning());
        if (!commit) {
            fail(commit.error());
            return Pushed::Failed;
        }
    }
    lap("store");
    Failpoint::hit("after-commit");
    Failpoint::beforePush();
    ++m_result.pushAttempts;
    const auto pushed =
        withRetry<git::Remote::PushOutcome>([&] { return m_remote.push(m_profile.branch, *commit); });
    m_result.bytesPushed = m_remote.bytesPushed();
    if (!pushed) {
        fail(pushed.error());
        return Pushed::Failed;
    }
    if (*pushed == git::Remote::PushOutcome::Rejected) {
        qCInfo(lcSync).noquote() << m_profile.name << "push rejected (" << m_remote.lastRejection()
                                 << "); fetching again";
        return Pushed::Again;
    }
    lap("push");
    Failpoint::hit("after-push");
    pass.head = *commit;
    if (!updates.isEmpty())
        m_result.commit = *commit;
    m_state.lastLocalToRemote = pass.now;
    return Pushed::Done;
}

// With signing configured, every commit is signed or not made: an unsigned one would be refused by a
// branch that requires signatures, or slip unnoticed onto one whose readers rely on them.
git::CommitSigning SyncCycle::commitSigning() const
{
    if (!m_profile.signing.enabled())
        return {};
    return [signer = CommitSigner(m_profile.signing, m_setup.stop)](const QByteArray& content) {
        return signer.sign(content);
    };
}

// Records what went up, then brings the remote side into the folders (archiving what it replaces).
void SyncCycle::applyRemote(const Pass& pass)
{
    recordRemoteSide(pass.plan, pass.local, m_state);
    m_result.uploaded = int(pass.plan.uploads.size());
    m_result.deletedRemote = int(pass.plan.remoteDeletes.size());
    VersionStore versions(
        config::Paths::versionsDir(m_setup.dataDir, m_profile.name),
        VersionRetention{m_profile.versionsKeepDays, qint64(m_profile.versionsMaxMb) << 20});
    LocalChanges changes(m_repo, m_profile.folders, pass.local, pass.remoteFiles, versions);
    changes.setProgress(m_setup.options.progress);
    changes.apply(pass.plan, m_state, m_result, pass.now);
    if (m_result.archived > 0) {
        if (const Result<int> pruned = versions.prune(pass.now); !pruned)
            m_result.notes.append(QStringLiteral("versions archive: %1").arg(pruned.message()));
    }
    lap("apply");
}

// The new head and what is left for later (held, refused, waiting) go into the state and the result.
void SyncCycle::finishState(const Pass& pass)
{
    const SyncPlan& plan = pass.plan;
    if (plan.localChanges() > 0)
        m_state.lastRemoteToLocal = pass.now;
    m_state.head = pass.head;
    m_state.baseIsHead = m_result.waiting == 0 && plan.held.isEmpty() && plan.tooLarge.isEmpty() &&
                         m_scan.unreadable.isEmpty();
    m_state.heldDeletions = plan.held;
    m_state.lastSync = pass.now;
    m_state.lastScanStarted = m_scanStarted;
    m_state.ignoreRules = ignoreFingerprint();
    m_state.remoteReset.reset();
    m_result.head = pass.head;
    m_result.held = int(plan.held.size());
    m_result.pendingTotal = int(m_state.pendingConflicts.size());
    m_result.refused = int(plan.refused.size());
    m_result.waiting += int(plan.waiting.size());
    m_result.notes += plan.refused;
    for (const QString& p : std::as_const(plan.held))
        m_result.notes.append(QStringLiteral("%1: deletion held by the mass-deletion guard").arg(p));
    holdFiles(pass);
    m_result.addChanges(QStringLiteral("uploaded"), plan.uploads);
    m_result.addChanges(QStringLiteral("deleted_remote"), plan.remoteDeletes);
    m_result.addChanges(QStringLiteral("downloaded"), plan.downloads);
    m_result.addChanges(QStringLiteral("deleted_local"), plan.localDeletes);
    QStringList merged;
    for (const MergedFile& m : plan.merged)
        merged.append(m.path);
    m_result.addChanges(QStringLiteral("merged"), merged);
    m_result.addChanges(QStringLiteral("held"), plan.held);
    for (const QString& p : std::as_const(plan.refused))
        qCWarning(lcSync).noquote() << m_profile.name << "refused remote path" << p;
    m_result.ok = true;
}

} // namespace ferry::sync
