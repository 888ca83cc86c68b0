#pragma once

#include "core/config/config.h"
#include "core/host/cyclerunlog.h"
#include "core/host/watcherhost.h"
#include "core/ingest/taskoutcome.h"
#include "core/sync/syncengine.h"
#include "core/sync/syncresult.h"
#include "ui/controller/traynotifier.h"

#include <memory>
#include <optional>
#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>

namespace ferry::alert {
class Alerter;
}
namespace ferry::host {
class IngestionHost;
}
namespace ferry::store {
class StoreThread;
}
namespace ferry::ui {

class FolderWizard;
class ProfileCardsView;
class RecentChangesView;
class ProfilesModel;
class ResolverWindow;
class SettingsDialog;
class StatusWindow;
class TrayIcon;

// The tray application's engine room. It owns the worker threads — the watchers (host::WatcherHost), the
// ingestion (a PipelineWorker and the Scheduler with its own store), a StoreThread for the windows and
// the sync_logs rows — and the windows; the GUI thread only routes requests and results. Results come back
// as queued signals into the models (profiles, repositories, history) and the tray's state.
class DesktopController : public QObject
{
    Q_OBJECT

public:
    DesktopController(QString configPath, QString dataDir, QObject* parent = nullptr);
    ~DesktopController() override; // shutdown()

    // Starts the watchers, the scheduler and the ingestion worker for `config`; again with a new config
    // after the settings changed: the running parts are told to stop and restart on it once their item
    // in hand has ended, without the GUI thread waiting for them (the tray says so meanwhile). A config
    // given while they stop replaces the one waiting: the latest wins, and they start once.
    void start(const config::Config& config);
    bool restarting() const { return m_next.has_value(); }
    // Stops cleanly: the scheduler starts nothing new, the ingestion ends its waits at once (rate limits,
    // backoffs), stores what came and logs its run, every watcher finishes its cycle in progress; then
    // the threads end. Nothing is left half-written.
    void shutdown();

    TrayIcon& tray() { return *m_tray; }
    ProfilesModel& profiles() { return *m_profiles; }
    store::StoreThread& store() { return *m_store; }
    StatusWindow& statusWindow();
    ResolverWindow* resolverWindow() const;
    SettingsDialog* settingsDialog() const;
    FolderWizard* folderWizard() const;
    bool paused() const { return m_watchers.paused(); }
    int pendingConflicts() const;
    QStringList profileNames() const;

public slots:
    void syncNow();
    void syncProfile(const QString& profile); // a full cycle of one profile now
    // A person's choice after the remote of `profile` was reset (the tray asks with chooseRemoteReset).
    void resolveRemoteReset(const QString& profile, sync::ResetChoice choice);
    void chooseRemoteReset(const QString& profile);
    void setPaused(bool paused);
    void setProfilePaused(const QString& profile, bool paused); // one profile (its card's Pause)
    void runPipeline(const QString& pipeline);
    void syncRepository(const QString& repository); // one tracked GitHub repository ("owner/name"), now
    void showStatus();
    void showResolver();
    void showSettings();
    // Add a folder… (the empty state's and the cards'): the first-run wizard; its Start restarts the
    // engine on the config with the new profile, whose first cycle begins at once.
    void addFolder();
    // A profile card's Check: ferry doctor's checks of that profile, in a dialog (run in its worker).
    void checkProfile(const QString& profile);
    // What a click on a tray message opens: the status window (on its History tab), the resolver, or
    // the choice after a remote reset.
    void openView(ferry::ui::TrayNotifier::View view, const QString& profile = QString());
    void quit();

signals:
    void cycleFinished(const QString& profile, const QString& status);
    void taskFinished(const QString& task, const QString& status);
    void pipelineFinished(const QString& pipeline, const QString& status, bool needsAttention);
    // A tray message went out (it passed the limit of one per kind every 10 minutes): kinds are
    // "failing:sync:PROFILE", "conflicts" and alert keys ("run_failed:market", "remote_reset:PROFILE").
    void notified(const QString& kind, const QString& title, const QString& message);
    // A profile card's Check: test the remote and credentials (the first-run wizard's checks answer it).
    void checkRequested(const QString& profile);
    // A tracked GitHub repository's state as the github task saved it: syncing, synced or error.
    void repositoryChanged(const QString& repository, const QString& status);
    void repositoriesSynced(const QStringList& repositories, const QString& status); // a run of some
    // The engine runs on a config: at once after the first start(), after a restart once the old one
    // ended.
    void engineStarted();

private:
    struct ProfileState
    {
        int pendingConflicts = 0;
        sync::SyncHealth health;  // after the last cycle, by the engine's rule
        bool remoteReset = false; // paused until a person chooses
        bool syncing = false;
        QDateTime lastSync;
    };

    void connectCards(ProfileCardsView& cards);
    void showProfilesIn(RecentChangesView& changes);
    void connectWatchers();
    void stopAll();
    void startEngine(const config::Config& config);
    void finishRestart(); // when the old engine's parts have ended: the config waiting starts
    void onCycleStarted(const QString& profile);
    void onCycleFinished(const sync::SyncResult& result);
    void connectIngestion();
    void onTaskFinished(const QString& pipeline, const QString& task, const ingest::TaskOutcome& outcome);
    void updateTray();
    // One line for the tray about the profiles that need a person, or are retrying.
    QString trayDetail(int conflicts) const;
    void startAlerts(const config::AlertsConfig& alerts);
    void dropRemovedProfiles(const QStringList& kept);

    QString m_configPath;
    QString m_dataDir;
    config::Config m_config;
    std::unique_ptr<store::StoreThread> m_store;
    std::unique_ptr<ProfilesModel> m_profiles;
    std::unique_ptr<TrayIcon> m_tray;
    std::unique_ptr<StatusWindow> m_status;
    QPointer<ResolverWindow> m_resolver;
    QPointer<SettingsDialog> m_settings;
    QPointer<FolderWizard> m_wizard;

    host::WatcherHost m_watchers;
    bool m_engineStarted = false;
    std::optional<config::Config> m_next; // while the engine stops for a restart: the config it restarts on
    QHash<QString, ProfileState> m_state;
    host::CycleRunLog m_cycleLog{m_dataDir}; // the cycles' sync_logs rows, written in m_store's thread
    host::IngestionHost* m_ingestion;
    TrayNotifier* m_notifier;
    std::unique_ptr<alert::Alerter> m_alerter; // the config's `alerts`: webhook and desktop
};

} // namespace ferry::ui
