#include "sync/syncengine.h"

#include "config/paths.h"
#include "sync/conflictsettler.h"
#include "sync/failpoint.h"
#include "sync/gitremote.h"
#include "sync/gitrepository.h"
#include "sync/localchanges.h"
#include "sync/pathsafety.h"
#include "sync/profilelock.h"
#include "sync/reconciler.h"
#include "sync/scanner.h"
#include "sync/syncstate.h"
#include "util/logging.h"

#include <functional>
#include <QElapsedTimer>
#include <QFile>
#include <QSysInfo>
#include <QThread>

namespace ferry::sync {
namespace {

// Network failures are retried with backoff; anything else is returned at once.
template <typename T>
Result<T> withRetry(const util::Backoff& backoff, const std::function<Result<T>()>& attempt)
{
    for (int i = 1;; ++i) {
        Result<T> r = attempt();
        if (r.ok() || r.error().kind != ErrorKind::Unavailable || i >= backoff.attempts)
            return r;
        const int delay = backoff.delayMs(i);
        qCInfo(lcSync).noquote() << r.message() << QStringLiteral("; retrying in %1 ms").arg(delay);
        QThread::msleep(ulong(delay));
    }
}

void fail(SyncResult& result, const Error& error)
{
    result.ok = false;
    result.errorKind = error.kind;
    result.error = error.message;
}

const QString kFolderMarker = QStringLiteral(".ferry-folder");

// An unmounted drive or a replaced folder looks like "every file was deleted": never push that. Each
// mapped folder carries a hidden marker from its first sync on (as Syncthing's .stfolder): a folder that
// is missing, or lost its marker while the state says it held files, pauses the profile. A folder a
// person emptied keeps its marker; the mass-deletion guard still holds large deletions there.
bool foldersLookIntact(const QList<config::FolderMapping>& folders, const ScanResult& scan,
                       const SyncState& state, const SyncOptions& options, SyncResult& result)
{
    for (const QString& missing : scan.missingFolders) {
        result.paused = true;
        fail(result, makeError(ErrorKind::Invalid,
                               QStringLiteral("folder %1 is missing (unmounted drive or moved "
                                              "folder?); the profile is paused, nothing was deleted")
                                   .arg(missing)));
        return false;
    }
    for (const config::FolderMapping& f : folders) {
        if (QFile::exists(f.local + u'/' + kFolderMarker) || options.allowMassDelete)
            continue;
        const bool heldFiles =
            std::any_of(state.files.keyBegin(), state.files.keyEnd(),
                        [&](const QString& p) { return Reconciler::folderOf({f}, p) != nullptr; });
        if (heldFiles) {
            result.paused = true;
            fail(result, makeError(ErrorKind::Invalid,
                                   QStringLiteral(
                                       "folder %1 lost its %2 marker since the last sync (unmounted, or "
                                       "replaced by an empty folder?); the profile is paused, nothing was "
                                       "deleted (ferry sync --allow-mass-delete if this is the folder now)")
                                       .arg(f.local, kFolderMarker)));
            return false;
        }
    }
    return true;
}

Status markFolders(const QList<config::FolderMapping>& folders)
{
    for (const config::FolderMapping& f : folders) {
        QFile marker(f.local + u'/' + kFolderMarker);
        if (marker.exists())
            continue;
        if (!marker.open(QIODevice::WriteOnly) ||
            marker.write(
                "Ferry keeps this folder in sync. This file tells a mounted folder from an empty one; "
                "deleting it pauses syncing.\n") < 0)
            return makeError(
                ErrorKind::Io,
                QStringLiteral("cannot write %1: %2").arg(marker.fileName(), marker.errorString()));
    }
    return Status::success();
}

// Stores the blobs of the plan's uploads and conflict copies. A file whose content no longer matches
// the scan (edited meanwhile) is taken out of the plan: it waits for the next cycle.
QList<TreeUpdate> storeUploads(SyncPlan& plan, const ScanResult& scan, GitRepository& repo,
                               SyncResult& result, const std::function<void(int, int)>& progress)
{
    // Every file to store, read and written as blobs on every core.
    QStringList sources;
    for (const QString& path : std::as_const(plan.uploads))
        sources.append(scan.file(path).absolutePath);
    for (const ConflictCase& c : std::as_const(plan.conflicts))
        sources.append(scan.file(c.path).absolutePath);
    const int total = int(sources.size());
    const QList<GitRepository::StoredFile> stored =
        repo.storeFiles(sources, progress ? std::function<void(int)>([&](int n) { progress(n, total); })
                                          : std::function<void(int)>());

    QList<TreeUpdate> updates;
    qsizetype next = 0;
    const auto keep = [&](const QString& path, const QString& atPath) -> bool {
        const GitRepository::StoredFile& s = stored[next++];
        const LocalFile file = scan.file(path);
        if (s.oid.isEmpty() || s.oid != file.oid) {
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
}

// Adds the seconds since the last lap to `phase` in the result's timings.
class PhaseTimer
{
public:
    explicit PhaseTimer(SyncResult& result) : m_result(result) { m_timer.start(); }
    void lap(const char* phase)
    {
        const QString key = QString::fromLatin1(phase);
        m_result.timings[key] = m_result.timings.value(key).toDouble() + double(m_timer.nsecsElapsed()) / 1e9;
        m_timer.restart();
    }

private:
    SyncResult& m_result;
    QElapsedTimer m_timer;
};

} // namespace

SyncEngine::SyncEngine(config::Profile profile, QString dataDir, util::Backoff backoff)
    : m_profile(std::move(profile)), m_dataDir(std::move(dataDir)), m_backoff(backoff)
{
}

SyncEngine::~SyncEngine() = default;

Status SyncEngine::openRepository()
{
    if (m_repo)
        return Status::success();
    const QString repoPath =
        config::Paths::profileDir(m_dataDir, m_profile.name) + QStringLiteral("/repo.git");
    Result<std::unique_ptr<GitRepository>> opened = GitRepository::openOrInit(repoPath, m_profile.remote);
    if (!opened)
        return opened.error();
    m_repo = std::move(opened.value());
    return Status::success();
}

Result<bool> SyncEngine::remoteMoved()
{
    const Result<SyncState> state = loadState(config::Paths::stateFile(m_dataDir, m_profile.name));
    if (!state)
        return state.error();
    if (Status opened = openRepository(); !opened)
        return opened.error();
    GitRemote remote(*m_repo, RemoteCredentials{qEnvironmentVariable(m_profile.tokenEnv.toUtf8().constData()),
                                                m_profile.sshKey});
    const Result<QString> head = remote.advertisedHead(m_profile.branch);
    if (!head)
        return head.error();
    return *head != state->head;
}

bool SyncEngine::isAsSynced(const QString& absolutePath) const
{
    QString relative;
    const config::FolderMapping* f = Scanner::mappingOfLocal(m_profile.folders, absolutePath, &relative);
    if (!m_state || !f || relative.isEmpty())
        return false;
    const auto record = m_state->files.constFind(Scanner::repoPath(*f, relative));
    const FileStat st = FileStat::of(absolutePath);
    if (record == m_state->files.constEnd())
        return st.type == FileStat::Type::Missing;
    return st.type == FileStat::Type::File && st.size == record->size && st.mtimeNs == record->mtimeNs &&
           st.inode == record->inode;
}

Result<SyncState> SyncEngine::loadState(const QString& path)
{
    const FileStat now = FileStat::of(path);
    if (m_state && now.sameContentMetadata(m_stateFile))
        return *m_state;
    m_state.reset();
    m_stateMatchesDisk = false; // written by someone else: the folders may hold anything
    Result<SyncState> loaded = SyncState::load(path);
    if (loaded)
        remember(*loaded, path);
    return loaded;
}

void SyncEngine::remember(const SyncState& state, const QString& path)
{
    m_state = state;
    m_stateFile = FileStat::of(path);
}

SyncResult SyncEngine::runCycle(const SyncOptions& options)
{
    QElapsedTimer timer;
    timer.start();
    SyncResult result;
    result.profile = m_profile.name;
    // Another process on the same profile (a second `ferry sync`, the app, a resolution) goes first.
    const Result<std::unique_ptr<ProfileLock>> lock = ProfileLock::acquire(m_dataDir, m_profile.name, 5000);
    if (!lock) {
        fail(result, lock.error());
        return result;
    }
    const QString statePath = config::Paths::stateFile(m_dataDir, m_profile.name);
    QElapsedTimer loading;
    loading.start();
    Result<SyncState> loaded = loadState(statePath);
    result.timings[QStringLiteral("load")] = double(loading.nsecsElapsed()) / 1e9;
    if (!loaded) {
        fail(result, loaded.error());
        return result;
    }
    SyncState state = std::move(loaded.value());
    const QString watchBefore = state.watchStatus + u'|' + state.watchProblem;
    state.watchStatus = !options.watching                ? QString()
                        : options.watchProblem.isEmpty() ? QStringLiteral("watching")
                                                         : QStringLiteral("scanning");
    state.watchProblem = options.watching ? options.watchProblem : QString();
    result.watcher = state.watchProblem;
    SyncState working = state;
    cycle(working, options, result);
    result.durationSeconds = double(timer.nsecsElapsed()) / 1e9;
    // Only a successful cycle moves the files and the head; any cycle updates health and metrics.
    SyncState& saved = result.ok ? working : state;
    // The next cycle may trust the state for every path a watcher does not report only if this one
    // left nothing behind: no file waiting (being written, unreadable, edited meanwhile), no held deletion.
    const bool complete = result.ok && result.waiting == 0 && result.held == 0;
    const bool healthChanged = saved.health.status != state.health.status || !result.ok;
    recordOutcome(saved, result);
    QElapsedTimer saving;
    saving.start();
    // A cycle that moved nothing leaves the (possibly large) state file alone if it was written in the
    // last minute: only counters would change, and every run is in sync_logs anyway.
    // A cycle that had to read files (new, touched, or racily recorded ones) saves, so that the next one
    // can trust what it read.
    const bool idle = result.ok && !healthChanged && result.filesChanged() == 0 && result.waiting == 0 &&
                      result.hashed == 0 && saved.head == state.head &&
                      saved.files.size() == state.files.size() && saved.lastSync.isValid() &&
                      state.lastSync.isValid() && state.lastSync.secsTo(saved.lastSync) < 60 &&
                      saved.baseIsHead == state.baseIsHead && saved.heldDeletions == state.heldDeletions &&
                      watchBefore == saved.watchStatus + u'|' + saved.watchProblem;
    if (!idle) {
        if (Status s = saved.save(statePath); !s) {
            m_state.reset(); // the disk has the previous state: start from it next time
            if (result.ok)
                fail(result, s.error());
        } else {
            remember(saved, statePath);
        }
    } else {
        remember(saved, statePath); // newer counters than the file: they are written with the next change
    }
    m_stateMatchesDisk = m_state.has_value() && complete;
    result.timings[QStringLiteral("save")] = double(saving.nsecsElapsed()) / 1e9;
    return result;
}

void SyncEngine::cycle(SyncState& state, const SyncOptions& options, SyncResult& result)
{
    if (Status opened = openRepository(); !opened)
        return fail(result, opened.error());
    GitRepository& repo = *m_repo;
    if (!m_ignore) {
        Result<IgnoreRules> ignore = IgnoreRules::compile(m_profile.ignore);
        if (!ignore)
            return fail(result, ignore.error());
        m_ignore = std::move(ignore.value());
    }

    PhaseTimer phases(result);
    Scanner scanner(m_profile.folders, *m_ignore);
    // A file written again within one timestamp tick of the last scan keeps its size, mtime and inode:
    // only files clearly older than that scan (2 s covers FAT's and SMB's coarse clocks) are trusted.
    const QDateTime scanStarted = QDateTime::currentDateTimeUtc();
    scanner.setTrustedBefore(
        state.lastScanStarted.isValid() ? (state.lastScanStarted.toMSecsSinceEpoch() - 2000) * 1000000 : 0);
    const bool changesOnly = options.changesOnly && m_stateMatchesDisk;
    const ScanResult scan =
        changesOnly ? scanner.scanChanges(state.files, options.changedPaths) : scanner.scan(state.files);
    result.scanKind = changesOnly ? QStringLiteral("changes") : QStringLiteral("full");
    phases.lap("scan");
    result.scanned = int(scan.found);
    result.hashed = scan.hashed;
    result.notes += scan.notes;
    if (!foldersLookIntact(m_profile.folders, scan, state, options, result))
        return;
    if (Status marked = markFolders(m_profile.folders); !marked)
        return fail(result, marked.error());

    GitRemote remote(repo, RemoteCredentials{qEnvironmentVariable(m_profile.tokenEnv.toUtf8().constData()),
                                             m_profile.sshKey});
    const QString host = QSysInfo::machineHostName();
    const Signature author{m_profile.authorName.isEmpty() ? QStringLiteral("Ferry") : m_profile.authorName,
                           m_profile.authorEmail.isEmpty() ? QStringLiteral("ferry@") + host
                                                           : m_profile.authorEmail};
    bool caseInsensitive = false;
    for (const config::FolderMapping& f : m_profile.folders)
        caseInsensitive = caseInsensitive || PathSafety::isCaseInsensitive(f.local);

    for (result.pushAttempts = 0; result.pushAttempts < kMaxPushAttempts;) {
        const Result<QString> head =
            withRetry<QString>(m_backoff, [&] { return remote.fetch(m_profile.branch); });
        if (!head)
            return fail(result, head.error());
        phases.lap("fetch");
        // An unmoved head that the state describes exactly needs no tree: the remote side is the base.
        const bool remoteIsBase = !head->isEmpty() && *head == state.head && state.baseIsHead;
        Result<TreeFiles> remoteFiles =
            head->isEmpty() || remoteIsBase ? Result<TreeFiles>(TreeFiles{}) : repo.files(*head);
        if (!remoteFiles)
            return fail(result, remoteFiles.error());
        phases.lap("tree");

        Reconciler::Input input;
        input.folders = m_profile.folders;
        input.base = state.files;
        input.local = scan;
        input.remote = *remoteFiles;
        input.remoteIsBase = remoteIsBase;
        input.allowMassDelete = options.allowMassDelete;
        input.caseInsensitive = caseInsensitive;
        input.host = host;
        input.now = QDateTime::currentDateTimeUtc();
        SyncPlan plan = Reconciler::plan(input);
        if (!plan.conflicts.isEmpty()) {
            const Result<QDateTime> remoteTime = repo.commitTime(*head);
            result.conflicts = result.settled = 0; // counted again if a rejected push makes us redo this
            ConflictSettler(repo, m_profile.conflictRules)
                .settle(plan, state.files, scan, *remoteFiles, remoteTime ? *remoteTime : QDateTime(),
                        result);
        }
        phases.lap("plan");

        const QList<TreeUpdate> updates = storeUploads(plan, scan, repo, result, options.progress);
        Failpoint::hit("after-blobs");
        QString newHead = *head;
        if (!updates.isEmpty()) {
            const Result<QString> commit = repo.commit(
                *head, updates, QStringLiteral("Batch sync: %1 files").arg(updates.size()), author);
            if (!commit)
                return fail(result, commit.error());
            phases.lap("store");
            Failpoint::hit("after-commit");
            Failpoint::beforePush();
            ++result.pushAttempts;
            const auto pushed = withRetry<GitRemote::PushOutcome>(
                m_backoff, [&] { return remote.push(m_profile.branch, *commit); });
            if (!pushed)
                return fail(result, pushed.error());
            if (*pushed == GitRemote::PushOutcome::Rejected) {
                qCInfo(lcSync).noquote()
                    << m_profile.name << "push rejected (" << remote.lastRejection() << "); fetching again";
                continue;
            }
            phases.lap("push");
            Failpoint::hit("after-push");
            newHead = *commit;
            result.commit = *commit;
            state.lastLocalToRemote = input.now;
        }

        recordRemoteSide(plan, scan, state);
        result.uploaded = int(plan.uploads.size());
        result.deletedRemote = int(plan.remoteDeletes.size());
        VersionStore versions(
            config::Paths::versionsDir(m_dataDir, m_profile.name),
            VersionRetention{m_profile.versionsKeepDays, qint64(m_profile.versionsMaxMb) << 20});
        LocalChanges changes(repo, m_profile.folders, scan, *remoteFiles, versions);
        changes.setProgress(options.progress);
        changes.apply(plan, state, result, input.now);
        if (result.archived > 0) {
            if (const Result<int> pruned = versions.prune(input.now); !pruned)
                result.notes.append(QStringLiteral("versions archive: %1").arg(pruned.message()));
        }
        phases.lap("apply");
        if (plan.localChanges() > 0)
            state.lastRemoteToLocal = input.now;
        state.head = newHead;
        state.baseIsHead = result.waiting == 0 && plan.held.isEmpty();
        state.heldDeletions = plan.held;
        state.lastSync = input.now;
        state.lastScanStarted = scanStarted;
        result.head = newHead;
        result.held = int(plan.held.size());
        result.pendingTotal = int(state.pendingConflicts.size());
        result.refused = int(plan.refused.size());
        result.waiting += int(plan.waiting.size());
        result.notes += plan.refused;
        for (const QString& p : std::as_const(plan.held))
            result.notes.append(QStringLiteral("%1: deletion held by the mass-deletion guard").arg(p));
        for (const QString& p : std::as_const(plan.refused))
            qCWarning(lcSync).noquote() << m_profile.name << "refused remote path" << p;
        result.ok = true;
        return;
    }
    fail(result,
         makeError(ErrorKind::Conflict, QStringLiteral("push rejected %1 times: the remote keeps changing; "
                                                       "the next cycle tries again")
                                            .arg(kMaxPushAttempts)));
}

void SyncEngine::recordOutcome(SyncState& state, const SyncResult& result) const
{
    SyncMetrics& m = state.metrics;
    ++m.totalSyncs;
    m.totalDurationSeconds += result.durationSeconds;
    if (result.ok) {
        ++m.successfulSyncs;
        m.filesUploaded += result.uploaded + result.deletedRemote + result.keptBoth + result.merged;
        m.filesDownloaded += result.downloaded + result.deletedLocal;
        m.bytesUploaded += result.bytesUploaded;
        m.bytesDownloaded += result.bytesDownloaded;
        state.health = SyncHealth{};
        return;
    }
    ++m.failedSyncs;
    ++state.health.consecutiveFailures;
    state.health.lastError = result.error;
    state.health.status = result.paused                           ? QStringLiteral("paused")
                          : state.health.consecutiveFailures >= 3 ? QStringLiteral("failing")
                                                                  : QStringLiteral("degraded");
}

} // namespace ferry::sync
