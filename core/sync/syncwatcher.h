#pragma once

#include "core/config/config.h"
#include "core/sync/syncengine.h"
#include "core/sync/syncresult.h"
#include "core/util/stoptoken.h"

#include <memory>
#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace ferry::sync {

class FolderWatcher;
class SyncEngine;

// Keeps one profile in sync for as long as it runs (`ferry sync --watch`, the daemon, the tray app):
// - file-system events, after a quiet period (debounce_ms, default 2 s; a file still being written keeps
//   postponing it, up to kMaxDelayMs), start a cycle that looks only at the changed paths;
// - a full scan every interval_seconds (default 900 s), jittered by ±10 % so that several profiles do
//   not scan at once; every poll_seconds instead while the watcher cannot see everything;
// - the remote is polled every poll_seconds (default 60 s) by comparing its advertised branch head with
//   the last synced one, without fetching; a moved head starts a cycle;
// - a failed cycle is retried after poll_seconds (the engine already retried the network with backoff).
// Lives in a worker thread: every slot and timer runs there, cycles included.
class SyncWatcher : public QObject
{
    Q_OBJECT

public:
    SyncWatcher(config::Profile profile, QString dataDir, QObject* parent = nullptr);
    ~SyncWatcher() override;

    static constexpr int kMaxDelayMs = 30000;

    // The wait before retrying after `failures` failed cycles in a row: the poll interval, doubled
    // each time up to 30 minutes (a refused push or a reset remote is not hammered).
    static int retryDelayMs(int pollSeconds, int failures);

    // Ends the cycle in progress at once, mid-transfer too (it fails as stopped, nothing half-done is
    // saved): call it from the thread that owns the watcher's thread before quitting that thread.
    void requestStop() const { m_stop.requestStop(); }

public slots:
    void start();   // watch, then the first (full) cycle
    void syncNow(); // a full cycle now (the tray's Sync now); nothing while paused
    // Paused, no cycle starts: changes are still collected and the first cycle after resuming (a full
    // one) takes them.
    void setPaused(bool paused);
    // A person's choice after the remote branch was reset: one full cycle that applies it.
    void resolveRemoteReset(ferry::sync::ResetChoice choice);

signals:
    void cycleStarted(const QString& profile, const QString& trigger);
    void cycleFinished(const ferry::sync::SyncResult& result);
    // Files done of total in the cycle in hand (emitted from worker threads: connect queued).
    void progress(const QString& profile, int done, int total);
    // When the next periodic full scan is due (UTC), each time it is scheduled.
    void fullScanScheduled(const QString& profile, const QDateTime& at);

private:
    void onFolderChanged();
    void onDebounced();
    void pollRemote();
    void fullScan();
    void runCycle(const QString& trigger, bool changesOnly, ResetChoice choice = ResetChoice::None);
    void scheduleFullScan();
    int jittered(int milliseconds) const;

    config::Profile m_profile;
    QString m_dataDir;
    std::unique_ptr<SyncEngine> m_engine;
    std::unique_ptr<FolderWatcher> m_watcher;
    // Children, so that they move to the watcher's thread with it.
    QTimer* m_debounce = new QTimer(this);
    QTimer* m_fullScan = new QTimer(this);
    QTimer* m_poll = new QTimer(this);
    QElapsedTimer m_firstPending; // since the first event not yet synced (monotonic): caps the debounce
    bool m_lastFailed = false;
    util::StopToken m_stop; // shared with the engine; requestStop() may come from any thread
    bool m_paused = false;
};

} // namespace ferry::sync
