#include "core/sync/syncengine.h"

#include "core/config/paths.h"
#include "core/git/remote.h"
#include "core/git/repacker.h"
#include "core/git/repository.h"
#include "core/sync/failpoint.h"
#include "core/sync/profilelock.h"
#include "core/sync/scanner.h"
#include "core/sync/synccycle.h"
#include "core/sync/syncstate.h"
#include "core/util/logging.h"
#include "core/util/redact.h"

#include <QElapsedTimer>
#include <QFileInfo>

namespace ferry::sync {
namespace {

void fail(SyncResult& result, const Error& error)
{
    result.ok = false;
    result.errorKind = error.kind;
    result.error = error.message;
}

} // namespace

SyncEngine::SyncEngine(config::Profile profile, QString dataDir, util::Backoff backoff, util::StopToken stop)
    : m_profile(std::move(profile)), m_dataDir(std::move(dataDir)), m_backoff(backoff),
      m_stop(std::move(stop))
{
}

SyncEngine::~SyncEngine() = default;

Status SyncEngine::openRepository()
{
    if (m_repo)
        return Status::success();
    const QString repoPath =
        config::Paths::profileDir(m_dataDir, m_profile.name) + QStringLiteral("/repo.git");
    Result<std::unique_ptr<git::Repository>> opened = git::Repository::openOrInit(repoPath, m_profile.remote);
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
    git::Remote remote(
        *m_repo,
        git::Credentials{qEnvironmentVariable(m_profile.tokenEnv.toUtf8().constData()), m_profile.sshKey},
        m_stop);
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
    result.error = util::Redact::text(result.error); // nothing below stores or shows a credential
    result.stopped = !result.ok && m_stop.stopRequested();
    if (result.remoteReset)
        state.remoteReset = working.remoteReset; // the failed cycle's one finding that is kept
    result.durationSeconds = double(timer.nsecsElapsed()) / 1e9;
    // Only a successful cycle moves the files and the head; any cycle updates health and metrics.
    SyncState& saved = result.ok ? working : state;
    // The next cycle may trust the state for every path a watcher does not report only if this one
    // left nothing behind: no file waiting (being written, unreadable, edited meanwhile), no held deletion.
    const bool complete = result.ok && result.waiting == 0 && result.held == 0 && result.problems.isEmpty();
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
                      saved.baseIsHead == state.baseIsHead && saved.ignoreRules == state.ignoreRules &&
                      saved.heldDeletions == state.heldDeletions && saved.heldFiles == state.heldFiles &&
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
    result.snapshot = ProfileSnapshot::of(saved);
    result.timings[QStringLiteral("save")] = double(saving.nsecsElapsed()) / 1e9;
    maintainRepository(result);
    return result;
}

// Between cycles, still holding the profile lock: the cycle is saved, nothing else writes the repository.
void SyncEngine::maintainRepository(SyncResult& result)
{
    if (result.stopped || m_stop.stopRequested())
        return;
    const QString repoPath =
        config::Paths::profileDir(m_dataDir, m_profile.name) + QStringLiteral("/repo.git");
    git::Repacker repacker(repoPath, git::Repacker::Thresholds::fromEnvironment(), m_stop,
                           [](const char* step) { Failpoint::hit(step); });
    if (!QFileInfo::exists(repoPath) || !repacker.needed())
        return;
    m_repo.reset(); // its packs are about to go; the next cycle opens the repository again
    const Result<git::Repacker::Report> report = repacker.repack();
    if (!report) {
        // The repository is as it was (or has one more pack): the next cycle works, and tries again.
        qCWarning(lcSync).noquote() << m_profile.name
                                    << "repository maintenance failed:" << report.error().message;
        return;
    }
    qCInfo(lcSync).noquote() << m_profile.name << report->summary();
    result.timings[QStringLiteral("repack")] = report->seconds;
}

void SyncEngine::cycle(SyncState& state, const SyncOptions& options, SyncResult& result)
{
    config::Config own;
    own.profiles = {m_profile};
    if (const QString overlap = own.folderHolding(m_dataDir); !overlap.isEmpty()) {
        result.paused = true;
        return fail(result, makeError(ErrorKind::Invalid, overlap));
    }
    if (Status opened = openRepository(); !opened)
        return fail(result, opened.error());
    if (!m_ignore) {
        Result<IgnoreRules> ignore = IgnoreRules::compile(m_profile.ignore);
        if (!ignore)
            return fail(result, ignore.error());
        m_ignore = std::move(ignore.value());
    }
    const SyncCycle::Setup setup{m_profile, m_dataDir, *m_repo, *m_ignore,
                                 m_backoff, m_stop,    options, m_stateMatchesDisk};
    SyncCycle(setup, state, result).run();
}

void SyncEngine::recordOutcome(SyncState& state, SyncResult& result) const
{
    if (result.stopped) {
        result.health = state.health; // quitting says nothing about the profile
        return;
    }
    SyncMetrics& m = state.metrics;
    ++m.totalSyncs;
    m.totalDurationSeconds += result.durationSeconds;
    if (result.ok) {
        ++m.successfulSyncs;
        m.filesUploaded += result.uploaded + result.deletedRemote + result.keptBoth + result.merged;
        m.filesDownloaded += result.downloaded + result.deletedLocal;
        m.bytesUploaded += result.bytesUploaded;
        m.bytesDownloaded += result.bytesDownloaded;
        m.conflictsAutoResolved += result.settled;
    } else {
        ++m.failedSyncs;
    }
    state.health = state.health.after(result);
    result.health = state.health;
}

} // namespace ferry::sync
