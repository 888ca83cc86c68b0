#pragma once

#include "core/config/config.h"
#include "core/git/repacker.h"
#include "core/sync/filestat.h"
#include "core/sync/ignorerules.h"
#include "core/sync/syncresult.h"
#include "core/sync/syncstate.h"
#include "core/util/backoff.h"
#include "core/util/clock.h"
#include "core/util/stoptoken.h"

#include <functional>
#include <memory>
#include <optional>

namespace ferry::git {
class Repository;
}

namespace ferry::sync {

// What a person chose after the remote branch was reset (emptied, replaced, rewritten, deleted).
enum class ResetChoice {
    None,       // pause the profile and say what happened
    Reupload,   // the local files go onto the new history as a normal child commit; nothing is deleted
    TakeRemote, // the folders become the remote's tree; local files that go are archived first
};

struct SyncOptions
{
    ResetChoice resetChoice = ResetChoice::None;
    bool allowMassDelete = false; // apply deletions the guard would hold, and sync emptied folders
    // From a watcher that saw every change since this engine's last cycle: look only at these paths
    // (absolute). The engine still scans everything when it cannot vouch for the rest (first cycle,
    // a state written by another process, files left waiting or held by the last cycle).
    bool changesOnly = false;
    QStringList changedPaths;
    bool watching = false; // a watcher runs this cycle: recorded in the state for `ferry status`
    QString watchProblem;  // what the watcher cannot see ("" when it sees everything)
    // Files done of total while the cycle stores uploads, then while it applies remote changes; called
    // from worker threads, every few dozen files and at the end of each phase.
    std::function<void(int done, int total)> progress;
    // "Now" for the cycle: scan times, conflict-copy names, archived versions' times and their
    // retention, the state's sync times. Tests move it; it must outlive the cycle.
    const util::Clock* clock = &util::Clock::system();
};

// One profile's sync cycle: scan, fetch, decide, commit, push, apply, save state (docs/design.md, "Folder ↔
// Git reconciliation"). The bare clone lives in DATA_DIR/profiles/NAME/repo.git and the state in
// DATA_DIR/profiles/NAME/state.json, which is written last: a crash anywhere leaves the previous state,
// from which the next cycle finishes the job (every step before it can be redone without loss).
// Blocking: run it on a worker thread, one cycle at a time.
//
// A long-lived engine (the watcher's, the daemon's) keeps the state, the open repository and the
// compiled ignore rules between cycles: a cycle reads state.json again only when the file changed
// behind its back (another process synced or resolved a conflict).
class SyncEngine
{
public:
    SyncEngine(config::Profile profile, QString dataDir,
               util::Backoff backoff = util::Backoff::fromEnvironment(), util::StopToken stop = {});
    ~SyncEngine();
    SyncEngine(const SyncEngine&) = delete;
    SyncEngine& operator=(const SyncEngine&) = delete;

    SyncResult runCycle(const SyncOptions& options = {});
    // Repository maintenance: repacks the bare clone when it passed a threshold (git::Repacker). Call it
    // after runCycle once the cycle's result is reported (status, tray, sync_logs), never while a cycle
    // runs (an engine is used by one thread at a time): a repack can take seconds and no result waits
    // for it. Takes the profile lock itself, so it never
    // runs during a cycle; skipped when another process holds the lock or a stop was requested. Returns
    // the report when it repacked (a failure is logged and leaves a valid repository).
    std::optional<git::Repacker::Report> maintain();
    // Whether the remote branch head differs from the last synced one, asking the remote for its
    // advertised heads only (no fetch): the watcher's cheap poll.
    Result<bool> remoteMoved();
    // Whether a local path is exactly as the last cycle left it (a file with the recorded size, time and
    // inode, or absent and not recorded): the events of the cycle's own writes are not changes.
    bool isAsSynced(const QString& absolutePath) const;

    const config::Profile& profile() const { return m_profile; }
    // Ends the engine's waits and transfers at once (SIGTERM, Quit): the cycle in hand fails as stopped
    // and saves nothing half-done. Thread-safe; copies share the flag.
    const util::StopToken& stopToken() const { return m_stop; }

private:
    Status openRepository();
    Result<SyncState> loadState(const QString& path);
    void remember(const SyncState& state, const QString& path);
    void cycle(SyncState& state, const SyncOptions& options, SyncResult& result);
    void recordOutcome(SyncState& state, SyncResult& result) const;
    QString repoPath() const;

    config::Profile m_profile;
    QString m_dataDir;
    util::Backoff m_backoff;
    util::StopToken m_stop;
    std::unique_ptr<git::Repository> m_repo;
    std::optional<IgnoreRules> m_ignore;
    std::optional<SyncState> m_state; // as last loaded or saved
    FileStat m_stateFile;             // state.json's metadata when m_state matched it
    bool m_stateMatchesDisk = false;  // m_state came from this engine's last, complete cycle
};

} // namespace ferry::sync
