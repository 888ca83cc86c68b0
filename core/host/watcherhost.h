#pragma once

#include "core/config/config.h"
#include "core/sync/syncengine.h"
#include "core/sync/syncresult.h"

#include <memory>
#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QThread>
#include <vector>

namespace ferry::sync {
class SyncWatcher;
}

namespace ferry::host {

// The folder watchers of `ferry sync --watch`, `ferry daemon` and the tray app: a SyncWatcher per
// profile, each in its own thread ("ferry-sync-NAME"). Requests go to the watchers queued; their
// results come back as this object's signals, on the thread that made it. Logging the cycles and
// showing them is the caller's part.
class WatcherHost : public QObject
{
    Q_OBJECT

public:
    explicit WatcherHost(QString dataDir, QObject* parent = nullptr);
    ~WatcherHost() override; // stop()

    // A watcher for each profile, in addition to those running (a profile already watched is left).
    // A watcher starts paused when the host is paused.
    void start(const QList<config::Profile>& profiles);
    // Ends the cycles in progress at once, mid-transfer too (they fail as stopped, nothing half-done is
    // saved), then the threads; the last results are delivered before it returns.
    void stop();
    // The first half of stop(), without waiting: the cycles in progress are told to end, then the
    // threads; threadsEnded() follows once every one has, and stop() then returns at once. Requests
    // meanwhile (syncNow…) go nowhere: no profile is watched any more.
    void requestStop();
    bool threadsFinished() const; // true too when none runs

    QStringList profiles() const { return m_watchers.keys(); }
    bool isWatching(const QString& profile) const { return m_watchers.contains(profile); }
    bool paused() const { return m_paused; }
    // Paused by the global pause or on its own (a card's Pause): the global Resume leaves the latter.
    bool isPaused(const QString& profile) const { return m_paused || m_pausedProfiles.contains(profile); }

    void syncNow();                           // a full cycle of every profile; nothing while paused
    void syncProfile(const QString& profile); // a full cycle of one profile
    void setPaused(bool paused);              // every profile, and the ones started later
    void setProfilePaused(const QString& profile, bool paused); // kept across setPaused and restarts
    // A person's choice after the remote of `profile` was reset: one full cycle that applies it.
    void resolveRemoteReset(const QString& profile, sync::ResetChoice choice);

signals:
    void cycleStarted(const QString& profile, const QString& trigger);
    void cycleFinished(const ferry::sync::SyncResult& result);
    void progress(const QString& profile, int done, int total);
    void fullScanScheduled(const QString& profile, const QDateTime& at);
    // After requestStop() (or during stop()): the last watcher's thread has ended.
    void threadsEnded();

private:
    void startOne(const config::Profile& profile);

    QString m_dataDir;
    bool m_paused = false;
    QSet<QString> m_pausedProfiles;
    std::vector<std::unique_ptr<QThread>> m_threads;
    QHash<QString, sync::SyncWatcher*> m_watchers; // live in their threads
};

} // namespace ferry::host
