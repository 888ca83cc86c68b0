#include "ui/controller/desktopcontroller.h"

#include "core/alert/alerter.h"
#include "core/check/doctor.h"
#include "core/host/ingestionhost.h"
#include "core/schedule/scheduler.h"
#include "core/store/storefactory.h"
#include "core/store/storethread.h"
#include "core/util/logging.h"
#include "ui/history/historyview.h"
#include "ui/history/recentchangesmodel.h"
#include "ui/history/recentchangesview.h"
#include "ui/resolver/resolverwindow.h"
#include "ui/settings/settingsdialog.h"
#include "ui/status/profilecardsview.h"
#include "ui/status/profilecheckdialog.h"
#include "ui/status/profilesmodel.h"
#include "ui/status/repositoriesmodel.h"
#include "ui/status/schedulesmodel.h"
#include "ui/status/statuswindow.h"
#include "ui/tray/trayicon.h"
#include "ui/wizard/folderwizard.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>

namespace ferry::ui {

DesktopController::DesktopController(QString configPath, QString dataDir, QObject* parent)
    : QObject(parent), m_configPath(std::move(configPath)), m_dataDir(std::move(dataDir)),
      m_profiles(std::make_unique<ProfilesModel>()), m_tray(std::make_unique<TrayIcon>()),
      m_watchers(m_dataDir), m_ingestion(new host::IngestionHost(this)),
      m_notifier(new TrayNotifier(*m_tray, this))
{
    connectWatchers();
    connectIngestion();
    connect(m_notifier, &TrayNotifier::notified, this, &DesktopController::notified);
    connect(m_notifier, &TrayNotifier::viewRequested, this,
            [this](TrayNotifier::View view, const QString& profile) { openView(view, profile); });
    connect(m_tray.get(), &TrayIcon::syncNowRequested, this, &DesktopController::syncNow);
    connect(m_tray.get(), &TrayIcon::pauseRequested, this, &DesktopController::setPaused);
    connect(m_tray.get(), &TrayIcon::pipelineRequested, this, &DesktopController::runPipeline);
    connect(m_tray.get(), &TrayIcon::statusRequested, this, &DesktopController::showStatus);
    connect(m_tray.get(), &TrayIcon::resolveRequested, this, &DesktopController::showResolver);
    connect(m_tray.get(), &TrayIcon::settingsRequested, this, &DesktopController::showSettings);
    connect(m_tray.get(), &TrayIcon::quitRequested, this, &DesktopController::quit);
    connect(m_tray.get(), &TrayIcon::remoteResetRequested, this, &DesktopController::chooseRemoteReset);
}

DesktopController::~DesktopController()
{
    shutdown();
}

void DesktopController::start(const config::Config& config)
{
    if (!m_engineStarted) {
        startEngine(config);
        return;
    }
    const bool stopping = m_next.has_value();
    m_next = config;
    if (stopping)
        return; // the stop under way ends in one start, on the latest config
    updateTray();
    // Both report on this thread when they have ended; an ingestion run in hand may take its time.
    m_ingestion->requestStop();
    m_watchers.requestStop();
}

void DesktopController::finishRestart()
{
    if (!m_next || m_ingestion->runsInHand() || !m_watchers.threadsFinished())
        return;
    // Taken first: stopAll() delivers the last results and end reports, which come back here.
    const config::Config next = *std::exchange(m_next, std::nullopt);
    stopAll(); // returns at once: nothing is left in hand
    startEngine(next);
}

void DesktopController::startEngine(const config::Config& config)
{
    m_engineStarted = true;
    startAlerts(config.alerts);
    m_config = config;
    const QString dataDir = m_dataDir;
    const store::StoreThread::Factory factory = [config, dataDir] {
        return store::StoreFactory::create(config, dataDir);
    };
    if (m_store)
        m_store->setFactory(factory); // the windows' models keep their StoreThread
    else
        m_store = std::make_unique<store::StoreThread>(factory);
    QStringList names;
    for (const config::Profile& p : config.profiles)
        names.append(p.name);
    m_profiles->setProfiles(names);
    for (const config::Profile& p : config.profiles) {
        ProfilesModel::Row r = *m_profiles->row(p.name);
        r.remote = p.remote;
        r.branch = p.branch;
        r.folders.clear();
        for (const config::FolderMapping& f : p.folders)
            r.folders.append(f.local);
        m_profiles->update(r);
    }
    dropRemovedProfiles(names);
    for (const config::Profile& p : config.profiles)
        m_state.insert(p.name, ProfileState());
    m_watchers.start(config.profiles);
    m_ingestion->start(config, m_dataDir); // syncs the repositories never synced (added since) at once
    QStringList pipelines;
    for (const schedule::ScheduledPipeline& p : schedule::ScheduledPipeline::fromConfig(config))
        pipelines.append(p.name);
    m_tray->setPipelines(pipelines);
    if (m_status)
        m_status->schedules()->setPipelines(schedule::ScheduledPipeline::fromConfig(config));
    if (m_status)
        showProfilesIn(*m_status->recentChanges());
    updateTray();
    emit engineStarted();
}

// A removed profile's state goes with it: its conflicts, failures and remote reset no longer show in
// the tray.
void DesktopController::dropRemovedProfiles(const QStringList& kept)
{
    const qsizetype before = m_state.size();
    m_state.removeIf([&kept](const auto& it) { return !kept.contains(it.key()); });
    if (m_state.size() == before)
        return;
    QStringList resets;
    for (auto it = m_state.cbegin(); it != m_state.cend(); ++it)
        if (it->remoteReset)
            resets.append(it.key());
    m_tray->setRemoteResets(resets);
}

// The alerts outlive a restart on the same `alerts` section: its rate limit and "once per streak" memory
// stay. A new section starts afresh.
void DesktopController::startAlerts(const config::AlertsConfig& alerts)
{
    m_notifier->setEnabled(alerts.desktop);
    if (m_alerter && alerts == m_config.alerts)
        return;
    m_alerter = std::make_unique<alert::Alerter>(alerts);
    m_alerter->setShutdownGraceMs(500); // Quit and a settings change stay quick with a hanging webhook
    connect(m_alerter.get(), &alert::Alerter::raised, m_notifier, &TrayNotifier::alert);
}

void DesktopController::connectWatchers()
{
    connect(&m_watchers, &host::WatcherHost::cycleStarted, this,
            [this](const QString& name, const QString&) { onCycleStarted(name); });
    connect(&m_watchers, &host::WatcherHost::cycleFinished, this, &DesktopController::onCycleFinished);
    connect(&m_watchers, &host::WatcherHost::progress, m_profiles.get(), &ProfilesModel::setProgress);
    connect(&m_watchers, &host::WatcherHost::fullScanScheduled, m_profiles.get(),
            &ProfilesModel::setNextFullScan);
    connect(&m_watchers, &host::WatcherHost::threadsEnded, this, &DesktopController::finishRestart);
}

void DesktopController::connectIngestion()
{
    connect(m_ingestion, &host::IngestionHost::runsEnded, this, &DesktopController::finishRestart);
    connect(m_ingestion, &host::IngestionHost::taskFinished, this, &DesktopController::onTaskFinished);
    connect(m_ingestion, &host::IngestionHost::taskNotice, this,
            [](const QString& pipeline, const QString& task, const QString& text) {
                qCInfo(lcIngest).noquote() << pipeline << task << text;
            });
    connect(m_ingestion, &host::IngestionHost::warning, this,
            [](const QString& message) { qCWarning(lcSchedule).noquote() << message; });
    connect(m_ingestion, &host::IngestionHost::pipelineFinished, this,
            [this](const QString& pipeline, const QString& status, bool needsAttention) {
                emit pipelineFinished(pipeline, status, needsAttention);
                if (m_status)
                    m_status->refresh();
            });
    // A repository's badge moves as the github task goes through it: Syncing…, then Synced or Error.
    connect(m_ingestion, &host::IngestionHost::repositoryChanged, this,
            [this](const QString& repository, const QString& status) {
                if (m_status)
                    m_status->repositories()->setStatus(repository, status);
                emit repositoryChanged(repository, status);
            });
    connect(m_ingestion, &host::IngestionHost::repositoriesFinished, this,
            [this](const QStringList& repositories, const QString& status) {
                if (m_status)
                    m_status->refresh();
                emit repositoriesSynced(repositories, status);
            });
}

void DesktopController::stopAll()
{
    m_ingestion->stop();
    // A transfer in progress ends now (the cycle fails as stopped, nothing half-done is saved); its
    // result still reaches the log: its sync_logs row goes to the store.
    m_watchers.stop();
}

void DesktopController::shutdown()
{
    m_next.reset(); // a restart under way ends here
    m_engineStarted = false;
    stopAll();
    m_alerter.reset(); // an alert in flight gets half a second
    m_status.reset();
    m_store.reset(); // writes the rows handed to it, then ends
}

void DesktopController::quit()
{
    shutdown();
    QCoreApplication::quit();
}

void DesktopController::syncNow()
{
    m_watchers.syncNow();
}

void DesktopController::resolveRemoteReset(const QString& profile, sync::ResetChoice choice)
{
    m_watchers.resolveRemoteReset(profile, choice);
}

// The reason comes from the engine (what happened, nothing changed); the person picks one way out.
void DesktopController::chooseRemoteReset(const QString& profile)
{
    QMessageBox box(QMessageBox::Warning, tr("The remote of %1 was reset").arg(profile),
                    m_state.value(profile).health.lastError);
    box.setInformativeText(tr("Nothing was deleted. Upload your files onto the remote as they are, or make "
                              "your folders what the remote has now (what goes is archived first)."));
    QPushButton* upload = box.addButton(tr("Upload my files"), QMessageBox::AcceptRole);
    QPushButton* take = box.addButton(tr("Take the remote's files"), QMessageBox::DestructiveRole);
    box.addButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == upload)
        resolveRemoteReset(profile, sync::ResetChoice::Reupload);
    else if (box.clickedButton() == take)
        resolveRemoteReset(profile, sync::ResetChoice::TakeRemote);
}

void DesktopController::syncProfile(const QString& profile)
{
    m_watchers.syncProfile(profile);
}

QStringList DesktopController::profileNames() const
{
    QStringList names;
    for (const config::Profile& p : m_config.profiles)
        names.append(p.name);
    return names;
}

void DesktopController::setPaused(bool paused)
{
    m_watchers.setPaused(paused);
    m_tray->setPaused(paused);
    for (auto it = m_state.begin(); it != m_state.end(); ++it) {
        if (const ProfilesModel::Row* row = m_profiles->row(it.key())) {
            ProfilesModel::Row r = *row;
            r.paused = m_watchers.isPaused(it.key());
            m_profiles->update(r);
        }
    }
    updateTray();
}

void DesktopController::setProfilePaused(const QString& profile, bool paused)
{
    m_watchers.setProfilePaused(profile, paused);
    if (const ProfilesModel::Row* row = m_profiles->row(profile)) {
        ProfilesModel::Row r = *row;
        r.paused = m_watchers.isPaused(profile);
        m_profiles->update(r);
    }
}

void DesktopController::runPipeline(const QString& pipeline)
{
    m_ingestion->runPipeline(pipeline);
}

void DesktopController::syncRepository(const QString& repository)
{
    m_ingestion->runRepositories({repository});
}

int DesktopController::pendingConflicts() const
{
    int total = 0;
    for (const ProfileState& s : m_state)
        total += s.pendingConflicts;
    return total;
}

void DesktopController::onCycleStarted(const QString& profile)
{
    if (!m_state.contains(profile))
        return; // a cycle of a profile removed since, ending as its watcher stopped
    ProfileState& state = m_state[profile];
    state.syncing = true;
    if (const ProfilesModel::Row* row = m_profiles->row(profile)) {
        ProfilesModel::Row r = *row;
        r.syncing = true;
        m_profiles->update(r);
    }
    if (m_store)
        m_cycleLog.begin(*m_store, profile);
    updateTray();
}

void DesktopController::onCycleFinished(const sync::SyncResult& result)
{
    if (!m_state.contains(result.profile)) {
        if (m_store)
            m_cycleLog.finish(*m_store, result);
        return; // its run is logged; the tray no longer speaks of it
    }
    ProfileState& state = m_state[result.profile];
    const int conflictsBefore = pendingConflicts();
    state.syncing = false;
    const sync::Health healthBefore = state.health.status;
    state.health = result.health;
    const bool resetBefore = state.remoteReset;
    state.remoteReset = result.remoteReset;
    state.pendingConflicts = result.pendingTotal;
    if (state.remoteReset != resetBefore) {
        QStringList resets;
        for (auto it = m_state.cbegin(); it != m_state.cend(); ++it)
            if (it->remoteReset)
                resets.append(it.key());
        m_tray->setRemoteResets(resets);
    }
    if (result.ok)
        state.lastSync = QDateTime::currentDateTimeUtc();
    ProfilesModel::Row r;
    if (const ProfilesModel::Row* old = m_profiles->row(result.profile))
        r = *old; // its config, pause and next scan stay
    r.name = result.profile;
    r.syncing = false;
    r.done = r.total = 0;
    r.health = state.health.status;
    r.pending = result.pending + result.held;
    r.lastSync = state.lastSync;
    r.summary = result.summary();
    r.snapshot = result.snapshot;
    m_profiles->update(r);
    const QString status = result.runStatus();
    if (m_store)
        m_cycleLog.finish(*m_store, result);
    if (m_status && m_status->isVisible())
        m_status->recentChanges()->refresh(); // read after the row above is written: one store thread
    emit taskFinished(sync::SyncResult::taskName(result.profile), status);
    // Once when the profile needs a person (failing, or stopped by a guard), not on every retry; a
    // remote reset is told by its alert (below), with the choice to make.
    const bool needsYou =
        state.health.status == sync::Health::Failing || state.health.status == sync::Health::Paused;
    if (needsYou && state.health.status != healthBefore && !result.remoteReset)
        m_notifier->notify(QStringLiteral("failing:") + sync::SyncResult::taskName(result.profile),
                           state.health.status == sync::Health::Paused
                               ? tr("%1 is stopped").arg(result.profile)
                               : tr("%1 keeps failing").arg(result.profile),
                           state.health.lastError, TrayNotifier::View::Status, result.profile);
    if (pendingConflicts() > conflictsBefore)
        m_notifier->notify(QStringLiteral("conflicts"), tr("New conflicts"),
                           tr("Conflicts waiting in %1: %2").arg(result.profile).arg(pendingConflicts()),
                           TrayNotifier::View::Resolver, result.profile);
    if (m_alerter)
        m_alerter->cycleFinished(result); // remote resets, held deletions, N failed cycles
    updateTray();
    emit cycleFinished(result.profile, status);
}

// A failed run is told by its alert, the first one too; `task` is empty when the pipeline could not start.
void DesktopController::onTaskFinished(const QString& pipeline, const QString& task,
                                       const ingest::TaskOutcome& outcome)
{
    emit taskFinished(task, outcome.status);
    if (m_alerter)
        m_alerter->taskFinished(task.isEmpty() ? pipeline : task, outcome);
}

void DesktopController::updateTray()
{
    using State = TrayIcon::State;
    bool syncing = false, needsYou = false;
    QDateTime last;
    for (const ProfileState& p : std::as_const(m_state)) {
        syncing |= p.syncing;
        needsYou |= p.health.status == sync::Health::Failing || p.health.status == sync::Health::Paused;
        if (p.lastSync.isValid() && (!last.isValid() || p.lastSync > last))
            last = p.lastSync;
    }
    const int conflicts = pendingConflicts();
    m_tray->setConflictCount(conflicts);
    if (restarting()) {
        m_tray->setState(State::Syncing, tr("Applying the new settings…"), last);
        return;
    }
    const State state = syncing         ? State::Syncing
                        : paused()      ? State::Paused
                        : needsYou      ? State::Error
                        : conflicts > 0 ? State::Conflicts
                                        : State::Idle;
    m_tray->setState(state, trayDetail(conflicts), last);
    if (m_config.profiles.isEmpty())
        m_tray->setNoProfiles();
}

QString DesktopController::trayDetail(int conflicts) const
{
    QString retrying;
    for (auto it = m_state.cbegin(); it != m_state.cend(); ++it) {
        switch (it->health.status) {
        case sync::Health::Failing:
            return tr("%1 is failing: %2").arg(it.key(), it->health.lastError);
        case sync::Health::Paused:
            return tr("%1 is stopped: %2").arg(it.key(), it->health.lastError);
        case sync::Health::Degraded:
            if (retrying.isEmpty())
                retrying = tr("%1 is retrying: %2").arg(it.key(), it->health.lastError);
            break;
        case sync::Health::Healthy:
            break;
        }
    }
    if (conflicts > 0)
        return tr("Conflicts to resolve: %1").arg(conflicts);
    return retrying;
}

StatusWindow& DesktopController::statusWindow()
{
    if (!m_status) {
        m_status = std::make_unique<StatusWindow>(*m_profiles, *m_store);
        connect(m_status.get(), &StatusWindow::syncNowRequested, this, &DesktopController::syncNow);
        connect(m_status.get(), &StatusWindow::runPipelineRequested, this, &DesktopController::runPipeline);
        connectCards(*m_status->profileCards());
        showProfilesIn(*m_status->recentChanges());
        connect(m_status->recentChanges(), &RecentChangesView::openRequested, this,
                [](const QUrl& url) { QDesktopServices::openUrl(url); });
        connect(m_status.get(), &StatusWindow::syncRepositoryRequested, this,
                &DesktopController::syncRepository);
        m_status->schedules()->setPipelines(schedule::ScheduledPipeline::fromConfig(m_config));
    }
    return *m_status;
}

void DesktopController::showProfilesIn(RecentChangesView& changes)
{
    changes.model()->setProfiles(m_config.profiles);
    changes.setDataDir(m_dataDir);
    changes.setProfiles(profileNames());
}

// The profile cards' actions: the engine's through the watchers, the rest through the desktop.
void DesktopController::connectCards(ProfileCardsView& cards)
{
    connect(&cards, &ProfileCardsView::syncRequested, this, &DesktopController::syncProfile);
    connect(&cards, &ProfileCardsView::pauseRequested, this, &DesktopController::setProfilePaused);
    connect(&cards, &ProfileCardsView::conflictsRequested, this, [this] { showResolver(); });
    connect(&cards, &ProfileCardsView::checkRequested, this, &DesktopController::checkRequested);
    connect(&cards, &ProfileCardsView::checkRequested, this, &DesktopController::checkProfile);
    connect(&cards, &ProfileCardsView::addFolderRequested, this, &DesktopController::addFolder);
    connect(&cards, &ProfileCardsView::openRequested, this, [](const QUrl& url) {
        if (!url.isEmpty())
            QDesktopServices::openUrl(url);
    });
    connect(&cards, &ProfileCardsView::heldDetailsRequested, this,
            [this](const QString& profile, const QString& details) {
                auto* box = new QMessageBox(QMessageBox::Information, tr("Held in %1").arg(profile),
                                            tr("Some changes of %1 are held until you act.").arg(profile),
                                            QMessageBox::Close, m_status.get());
                box->setDetailedText(details);
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->setObjectName(QStringLiteral("heldDetails"));
                box->open();
            });
}

ResolverWindow* DesktopController::resolverWindow() const
{
    return m_resolver.data();
}

SettingsDialog* DesktopController::settingsDialog() const
{
    return m_settings.data();
}

void DesktopController::showStatus()
{
    StatusWindow& window = statusWindow();
    // A window minimized (by hand, or by `ferry --minimized` without a tray) comes back too.
    window.setWindowState(window.windowState() & ~Qt::WindowMinimized);
    window.show();
    window.raise();
    window.activateWindow();
}

void DesktopController::showResolver()
{
    if (!m_resolver) {
        m_resolver = new ResolverWindow(m_config.profiles, m_dataDir);
        m_resolver->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_resolver, &ResolverWindow::syncRequested, this, &DesktopController::syncProfile);
    }
    m_resolver->show();
    m_resolver->raise();
}

void DesktopController::openView(TrayNotifier::View view, const QString& profile)
{
    switch (view) {
    case TrayNotifier::View::Resolver:
        showResolver();
        return;
    case TrayNotifier::View::RemoteReset:
        if (m_state.value(profile).remoteReset) {
            chooseRemoteReset(profile);
            return;
        }
        break; // already chosen: the status shows how it went
    case TrayNotifier::View::Status:
    case TrayNotifier::View::History:
        break;
    }
    showStatus();
    QTabWidget* tabs = m_status->tabs();
    tabs->setCurrentIndex(0);
    if (view == TrayNotifier::View::History)
        for (int i = 0; i < tabs->count(); ++i)
            if (qobject_cast<HistoryView*>(tabs->widget(i)))
                tabs->setCurrentIndex(i);
}

void DesktopController::showSettings()
{
    if (!m_settings) {
        m_settings = new SettingsDialog(m_configPath);
        m_settings->setDataDir(m_dataDir);
        m_settings->setAttribute(Qt::WA_DeleteOnClose);
        // Applied settings take effect at once: the engine restarts on the new config.
        connect(m_settings, &SettingsDialog::applied, this, [this](const config::Config& c) { start(c); });
    }
    m_settings->show();
    m_settings->raise();
}

FolderWizard* DesktopController::folderWizard() const
{
    return m_wizard.data();
}

void DesktopController::addFolder()
{
    if (!m_wizard) {
        m_wizard = new FolderWizard(m_configPath, profileNames(), m_status.get());
        m_wizard->setWindowFlag(Qt::Window);
        m_wizard->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_wizard, &FolderWizard::added, this, [this](const config::Config& c) { start(c); });
    }
    m_wizard->show();
    m_wizard->raise();
}

void DesktopController::checkProfile(const QString& profile)
{
    const config::Profile* p = m_config.profile(profile);
    if (!p)
        return;
    auto* dialog = new ProfileCheckDialog(*p, check::Doctor::credentialsOf(*p), m_status.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    dialog->run();
}

} // namespace ferry::ui
