// The tray application's controller with real worker threads, a real bare repository, a local FMP-like
// server and the embedded store: the tray menu's actions reach the engine, and the GUI thread stays
// responsive while a profile of 10,000 files syncs.
#include "core/config/configfile.h"
#include "core/config/paths.h"
#include "core/store/sqlitestore.h"
#include "tests/support/fakeapithread.h"
#include "tests/support/ferryprocess.h"
#include "tests/support/gitcli.h"
#include "tests/support/replica.h"
#include "tests/support/stallmeter.h"
#include "ui/controller/desktopcontroller.h"
#include "ui/controller/instanceserver.h"
#include "ui/settings/settingsdialog.h"
#include "ui/status/profilesmodel.h"
#include "ui/status/schedulesmodel.h"
#include "ui/status/statuswindow.h"
#include "ui/tray/trayicon.h"

#include <atomic>
#include <QAction>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace ferry;
using test::FakeApi;
using test::GitCli;
using test::Replica;

class TestDesktopController : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void theTrayMenusActionsReachTheEngine();
    void theGuiThreadStaysResponsiveWhile10000FilesSync();
    void aProfileNotifiesOnceWhenItStartsFailing();
    void aResetRemoteIsOfferedInTheTrayAndTheChoiceApplied();
    void quitDuringARateLimitWaitEndsWithinTwoSeconds();
    void aRemovedProfileLeavesNoStateBehind();
    void savingSettingsDuringARunRestartsWithoutStallingTheGui();

private:
    QString remote() const { return m_dir->path() + QStringLiteral("/remote.git"); }
    static QAction* action(ui::DesktopController& c, const QString& name)
    {
        return c.tray().menu()->findChild<QAction*>(name);
    }
    qint64 runsOf(const QString& dataDir, const QString& task) const;
    // The config's file in the test folder, written; its path.
    QString saveConfig(const config::Config& config) const;
    // A market source on `api` over three tickers (AAA, BBB, CCC), its key in the environment.
    config::MarketSource marketSource(const QByteArray& apiUrl) const;
    // A price answer as FMP gives it, for `symbol`.
    static FakeApi::Reply prices(const QByteArray& symbol);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestDesktopController::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    GitCli::ok(m_dir->path(),
               {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), remote()});
    qputenv("FERRY_RETRY_BASE_MS", "1");
    qunsetenv("FERRY_TEST_PAUSE");
}

qint64 TestDesktopController::runsOf(const QString& dataDir, const QString& task) const
{
    store::SqliteStore store(config::Paths::sqliteDatabase(dataDir));
    if (!store.open().ok())
        return -1;
    return store
        .scalar(
            QStringLiteral("SELECT COUNT(*) FROM sync_logs WHERE task_name = '%1' AND status <> 'running'")
                .arg(task))
        .value()
        .toLongLong();
}

void TestDesktopController::theTrayMenusActionsReachTheEngine()
{
    test::FakeApiThread api([](const FakeApi::Request& r) {
        const QByteArray symbol = r.path.split('?').first().split('/').last();
        if (r.path.contains("discounted-cash-flow"))
            return FakeApi::Reply{200,
                                  {},
                                  R"([{"symbol":")" + symbol +
                                      R"(","date":"2026-11-20","dcf":12.5,"Stock Price":10}])",
                                  0};
        return prices(symbol);
    });
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    alpha.profile().debounceMs = 200;
    alpha.profile().pollSeconds = 1;
    config::Config config;
    config.profiles = {alpha.profile()};
    config.market = marketSource(api.baseUrl());
    const QString configPath = saveConfig(config);

    ui::DesktopController controller(configPath, alpha.dataDir());
    QSignalSpy cycles(&controller, &ui::DesktopController::cycleFinished);
    QSignalSpy pipelines(&controller, &ui::DesktopController::pipelineFinished);
    controller.start(config);
    QVERIFY(cycles.wait(20000)); // the first, full cycle
    QCOMPARE(cycles.first().at(1).toString(), QStringLiteral("success"));
    QCOMPARE(controller.tray().state(), ui::TrayIcon::State::Idle);
    QCOMPARE(controller.profiles().row(QStringLiteral("alpha"))->health, sync::Health::Healthy);
    // The daily pipeline never ran: the scheduler starts it at once.
    QTRY_VERIFY_WITH_TIMEOUT(pipelines.count() >= 1, 20000);

    // Pause: nothing syncs, the tray says so; resume: what changed meanwhile goes up.
    action(controller, QStringLiteral("pause"))->trigger();
    QVERIFY(controller.paused());
    QCOMPARE(controller.tray().state(), ui::TrayIcon::State::Paused);
    alpha.write(QStringLiteral("paused.md"), "waits\n");
    QTest::qWait(1500);
    QVERIFY(!test::filesInBranch(remote(), QStringLiteral("sync"), QStringLiteral("shared/docs"))
                 .contains(QStringLiteral("paused.md")));
    action(controller, QStringLiteral("pause"))->trigger(); // resume
    QTRY_VERIFY_WITH_TIMEOUT(
        test::filesInBranch(remote(), QStringLiteral("sync"), QStringLiteral("shared/docs"))
            .contains(QStringLiteral("paused.md")),
        20000);

    // Sync now: a cycle on request.
    const int before = int(cycles.count());
    action(controller, QStringLiteral("syncNow"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(cycles.count() > before, 20000);

    // Run pipeline ▸ daily: the worker runs it and each task is logged.
    QAction* daily = controller.tray().menu()->findChild<QAction*>(QStringLiteral("pipeline:daily"));
    QVERIFY(daily);
    const int ran = int(pipelines.count());
    daily->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(pipelines.count() > ran, 20000);
    QCOMPARE(pipelines.last().at(0).toString(), QStringLiteral("daily"));
    QCOMPARE(pipelines.last().at(1).toString(), QStringLiteral("success"));
    // The status window's Schedules tab: the daily pipeline with its last run, and Run now.
    controller.showStatus();
    ui::SchedulesModel* schedules = controller.statusWindow().schedules();
    QTRY_COMPARE(schedules->rowCount(), 1);
    QCOMPARE(schedules->data(schedules->index(0, ui::SchedulesModel::Pipeline)).toString(),
             QStringLiteral("daily"));
    QTRY_VERIFY(schedules->data(schedules->index(0, ui::SchedulesModel::LastRun))
                    .toString()
                    .contains(QStringLiteral("success")));
    auto* scheduleTable = controller.statusWindow().findChild<QTableView*>(QStringLiteral("schedules"));
    scheduleTable->setCurrentIndex(schedules->index(0, 0));
    const int beforeRunNow = int(pipelines.count());
    QTest::mouseClick(controller.statusWindow().findChild<QPushButton*>(QStringLiteral("runNow")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(pipelines.count() > beforeRunNow, 20000);

    // A second Ferry hands its work to this one: `ferry sync` and `ferry ingest` run here and report back,
    // and a second app start only brings the status window forward.
    ui::InstanceServer instances(controller, alpha.dataDir());
    QVERIFY(instances.listen());
    const auto ferryCli = [&](const QStringList& args) {
        QProcess p;
        test::FerryProcess(configPath, alpha.dataDir()).start(p, args);
        [&] {
            QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::NotRunning, 30000);
        }();
        return QPair<int, QString>(p.exitCode(),
                                   QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError()));
    };
    const int cyclesBefore = int(cycles.count());
    const auto synced = ferryCli({QStringLiteral("sync")});
    QVERIFY2(synced.first == 0 &&
                 synced.second.contains(QStringLiteral("run by the Ferry app that is running")),
             qPrintable(synced.second));
    QVERIFY(cycles.count() > cyclesBefore); // the cycle ran in this process
    const int pipelinesBefore = int(pipelines.count());
    const auto ingested = ferryCli({QStringLiteral("ingest"), QStringLiteral("daily")});
    QVERIFY2(ingested.first == 0 && ingested.second.contains(QStringLiteral("daily: success")),
             qPrintable(ingested.second));
    QVERIFY(pipelines.count() > pipelinesBefore);
    // (Through FERRY_CONFIG/FERRY_DATA_DIR this time; tst_trayapp starts the app with the options.)
    QProcess second;
    test::FerryProcess()
        .env(QStringLiteral("FERRY_CONFIG"), configPath)
        .env(QStringLiteral("FERRY_DATA_DIR"), alpha.dataDir())
        .start(second, {});
    QTRY_VERIFY_WITH_TIMEOUT(second.state() == QProcess::NotRunning, 30000);
    QCOMPARE(second.exitCode(), 0);
    QTRY_VERIFY(controller.statusWindow().isVisible());

    controller.shutdown();
    QVERIFY(runsOf(alpha.dataDir(), QStringLiteral("market")) >= 2); // scheduled + from the menu
    QVERIFY(runsOf(alpha.dataDir(), QStringLiteral("dcf")) >= 2);
    QVERIFY(runsOf(alpha.dataDir(), QStringLiteral("sync:alpha")) >= 3);
}

void TestDesktopController::theGuiThreadStaysResponsiveWhile10000FilesSync()
{
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    for (int i = 0; i < 10000; ++i)
        alpha.write(QStringLiteral("d%1/file%2.txt").arg(i / 500).arg(i),
                    QByteArray(512, char('a' + i % 26)) + QByteArray::number(i));
    config::Config config;
    config.profiles = {alpha.profile()};
    const QString configPath = saveConfig(config);

    ui::DesktopController controller(configPath, alpha.dataDir());
    QSignalSpy cycles(&controller, &ui::DesktopController::cycleFinished);
    // A timer on the GUI thread, every 10 ms: the longest wait between two ticks is how long the GUI
    // thread was busy (or blocked on I/O) at a stretch.
    QElapsedTimer clock;
    qint64 last = 0, longest = 0;
    int ticks = 0;
    QTimer timer;
    timer.setInterval(10);
    connect(&timer, &QTimer::timeout, this, [&] {
        const qint64 now = clock.elapsed();
        longest = std::max(longest, now - last);
        last = now;
        ++ticks;
    });
    // The profile's row shows the cycle's progress while it runs: files done of total.
    int largestTotal = 0, progressUpdates = 0;
    connect(&controller.profiles(), &QAbstractItemModel::dataChanged, this, [&] {
        if (const ui::ProfilesModel::Row* row = controller.profiles().row(QStringLiteral("alpha"));
            row && row->total > 0) {
            largestTotal = std::max(largestTotal, row->total);
            ++progressUpdates;
        }
    });
    clock.start();
    timer.start();
    controller.start(config);
    QVERIFY(cycles.wait(120000));
    timer.stop();
    const double seconds = double(clock.elapsed()) / 1000;
    QCOMPARE(cycles.first().at(1).toString(), QStringLiteral("success"));
    const QByteArray tree = GitCli::ok(remote(), {QStringLiteral("ls-tree"), QStringLiteral("-r"),
                                                  QStringLiteral("--name-only"), QStringLiteral("sync")});
    QCOMPARE(tree.count('\n'), 10000);
    qInfo("first sync of 10,000 files: %.1f s, %d ticks, longest gap between GUI ticks %lld ms", seconds,
          ticks, longest);
    QVERIFY2(longest < 100, qPrintable(QStringLiteral("the GUI thread was busy for %1 ms").arg(longest)));
    QCOMPARE(largestTotal, 10000);
    QVERIFY2(progressUpdates > 10, qPrintable(QString::number(progressUpdates)));
    QCOMPARE(controller.profiles().row(QStringLiteral("alpha"))->total, 0); // cleared when the cycle ended
    controller.shutdown();
}

void TestDesktopController::aProfileNotifiesOnceWhenItStartsFailing()
{
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), m_dir->filePath(QStringLiteral("missing.git")));
    alpha.write(QStringLiteral("note.md"), "unsent\n");
    config::Config config;
    config.profiles = {alpha.profile()};
    const QString configPath = saveConfig(config);
    ui::DesktopController controller(configPath, alpha.dataDir());
    QSignalSpy cycles(&controller, &ui::DesktopController::cycleFinished);
    QSignalSpy notified(&controller, &ui::DesktopController::notified);
    controller.start(config);
    // A remote that does not answer may come back: retrying (degraded) twice, failing the third time —
    // the engine's rule, which `ferry status` shows too.
    const auto health = [&] {
        return controller.profiles().row(QStringLiteral("alpha"))->health;
    };
    QVERIFY(cycles.wait(20000));
    QCOMPARE(cycles.last().at(1).toString(), QStringLiteral("failed"));
    QCOMPARE(health(), sync::Health::Degraded);
    QCOMPARE(controller.tray().state(), ui::TrayIcon::State::Idle);
    QVERIFY(controller.tray().toolTip().contains(QStringLiteral("retrying")));
    controller.syncNow();
    QTRY_VERIFY_WITH_TIMEOUT(cycles.count() >= 2, 20000);
    QCOMPARE(health(), sync::Health::Degraded);
    QCOMPARE(notified.count(), 0);
    controller.syncNow();
    QTRY_VERIFY_WITH_TIMEOUT(cycles.count() >= 3, 20000);
    QCOMPARE(health(), sync::Health::Failing);
    QCOMPARE(controller.tray().state(), ui::TrayIcon::State::Error);
    QCOMPARE(notified.count(), 1);
    QCOMPARE(notified.first().at(0).toString(), QStringLiteral("failing:sync:alpha"));
    controller.syncNow();
    QTRY_VERIFY_WITH_TIMEOUT(cycles.count() >= 4, 20000);
    QCOMPARE(notified.count(), 1); // still failing: said once
    controller.shutdown();
}

void TestDesktopController::aResetRemoteIsOfferedInTheTrayAndTheChoiceApplied()
{
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    alpha.write(QStringLiteral("note.md"), "kept\n");
    QVERIFY(alpha.sync().ok);
    const QByteArray synced =
        GitCli::ok(remote(), {QStringLiteral("rev-parse"), QStringLiteral("sync")}).trimmed();
    GitCli::ok(remote(),
               {QStringLiteral("update-ref"), QStringLiteral("-d"), QStringLiteral("refs/heads/sync")});
    config::Config config;
    config.profiles = {alpha.profile()};
    const QString configPath = saveConfig(config);
    ui::DesktopController controller(configPath, alpha.dataDir());
    QSignalSpy cycles(&controller, &ui::DesktopController::cycleFinished);
    QSignalSpy notified(&controller, &ui::DesktopController::notified);
    controller.start(config);
    QVERIFY(cycles.wait(20000));
    QCOMPARE(cycles.last().at(1).toString(), QStringLiteral("failed"));
    QCOMPARE(controller.profiles().row(QStringLiteral("alpha"))->health, sync::Health::Paused);
    QCOMPARE(controller.tray().state(), ui::TrayIcon::State::Error);
    QVERIFY(action(controller, QStringLiteral("remoteReset:alpha")) != nullptr);
    QCOMPARE(notified.count(), 1); // "alpha is stopped", once
    QCOMPARE(alpha.contents().value(QStringLiteral("note.md")), QByteArray("kept\n"));

    controller.resolveRemoteReset(QStringLiteral("alpha"), sync::ResetChoice::Reupload);
    QTRY_VERIFY_WITH_TIMEOUT(cycles.count() >= 2, 20000);
    QCOMPARE(cycles.last().at(1).toString(), QStringLiteral("success"));
    QCOMPARE(controller.profiles().row(QStringLiteral("alpha"))->health, sync::Health::Healthy);
    QVERIFY(action(controller, QStringLiteral("remoteReset:alpha")) == nullptr);
    // The branch is back, with the history it had.
    QCOMPARE(GitCli::run(remote(), {QStringLiteral("merge-base"), QStringLiteral("--is-ancestor"),
                                    QString::fromLatin1(synced), QStringLiteral("sync")})
                 .exitCode,
             0);
    controller.shutdown();
}

// A profile stopped by a remote reset is removed from the config (the settings' Save restarts the engine
// on the new config): the tray no longer shows its error nor offers its choice.
void TestDesktopController::aRemovedProfileLeavesNoStateBehind()
{
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    alpha.write(QStringLiteral("note.md"), "kept\n");
    QVERIFY(alpha.sync().ok);
    GitCli::ok(remote(),
               {QStringLiteral("update-ref"), QStringLiteral("-d"), QStringLiteral("refs/heads/sync")});
    config::Config config;
    config.profiles = {alpha.profile()};
    ui::DesktopController controller(saveConfig(config), alpha.dataDir());
    QSignalSpy cycles(&controller, &ui::DesktopController::cycleFinished);
    controller.start(config);
    QVERIFY(cycles.wait(20000));
    QCOMPARE(controller.tray().state(), ui::TrayIcon::State::Error);
    QVERIFY(action(controller, QStringLiteral("remoteReset:alpha")) != nullptr);

    // alpha goes, beta (healthy, on a remote of its own) stays.
    const QString betaRemote = m_dir->filePath(QStringLiteral("beta.git"));
    GitCli::ok(m_dir->path(),
               {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), betaRemote});
    Replica beta(m_dir->path(), QStringLiteral("beta"), betaRemote);
    beta.write(QStringLiteral("b.md"), "b\n");
    config.profiles = {beta.profile()};
    saveConfig(config);
    // What the tray shows as the engine starts again on it, before beta's first cycle.
    bool resetOffered = true;
    auto stateAtRestart = ui::TrayIcon::State::Error;
    connect(&controller, &ui::DesktopController::engineStarted, this, [&] {
        resetOffered = action(controller, QStringLiteral("remoteReset:alpha")) != nullptr;
        stateAtRestart = controller.tray().state();
    });
    controller.start(config);
    QTRY_VERIFY_WITH_TIMEOUT(!controller.restarting(), 20000);
    QVERIFY(!resetOffered);
    QCOMPARE(stateAtRestart, ui::TrayIcon::State::Idle);
    QVERIFY(action(controller, QStringLiteral("remoteReset:alpha")) == nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(cycles.count() >= 2, 20000);
    QCOMPARE(cycles.last().at(0).toString(), QStringLiteral("beta"));
    QCOMPARE(controller.tray().state(), ui::TrayIcon::State::Idle);
    QVERIFY2(!controller.tray().toolTip().contains(QStringLiteral("alpha")),
             qPrintable(controller.tray().toolTip()));
    QCOMPARE(controller.pendingConflicts(), 0);
    controller.shutdown();
}

// The scheduled daily run meets a 429 with Retry-After: 300 on one ticker; Quit from the tray 300 ms
// into the wait returns within 2 s, with the market run written to sync_logs (not left running).
void TestDesktopController::quitDuringARateLimitWaitEndsWithinTwoSeconds()
{
    std::atomic<bool> waiting{false};
    test::FakeApiThread api([&waiting](const FakeApi::Request& r) {
        const QByteArray symbol = r.path.split('?').first().split('/').last();
        if (symbol == "BBB") {
            waiting = true;
            return FakeApi::Reply{429, {{"Retry-After", "300"}}, "Too Many Requests", 0};
        }
        return prices(symbol);
    });
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    config::Config config;
    config.market = marketSource(api.baseUrl());
    const QString configPath = saveConfig(config);

    ui::DesktopController controller(configPath, alpha.dataDir());
    controller.start(config); // the daily pipeline never ran: the scheduler starts it at once
    QTRY_VERIFY_WITH_TIMEOUT(waiting, 20000);
    QTest::qWait(300);
    QElapsedTimer t;
    t.start();
    action(controller, QStringLiteral("quit"))->trigger();
    QVERIFY2(t.elapsed() < 2000, qPrintable(QString::number(t.elapsed())));
    QCOMPARE(runsOf(alpha.dataDir(), QStringLiteral("market")), 1);
    QCOMPARE(runsOf(alpha.dataDir(), QStringLiteral("dcf")), 0);
}

// Settings → Save while the scheduled daily run is ending, held there 4 s (FERRY_TEST_PAUSE): the GUI
// thread keeps handling events while the old engine stops (the tray says the settings are being
// applied), a second Save meanwhile starts nothing more, and once the run has ended the engine runs on
// the new config: the profile it adds syncs.
void TestDesktopController::savingSettingsDuringARunRestartsWithoutStallingTheGui()
{
    test::FakeApiThread api([](const FakeApi::Request& r) {
        const QByteArray symbol = r.path.split('?').first().split('/').last();
        if (r.path.contains("discounted-cash-flow"))
            return FakeApi::Reply{
                200, {}, R"([{"symbol":")" + symbol + R"(","date":"2026-11-20","dcf":1}])", 0};
        return prices(symbol);
    });
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    config::Config config;
    config.profiles = {alpha.profile()};
    config.market = marketSource(api.baseUrl());
    const QString configPath = saveConfig(config);
    ui::DesktopController controller(configPath, alpha.dataDir());
    QStringList events; // in the order the GUI thread saw them
    connect(&controller, &ui::DesktopController::taskFinished, this,
            [&events](const QString& task, const QString&) { events.append(task); });
    connect(&controller, &ui::DesktopController::pipelineFinished, this,
            [&events](const QString& pipeline) { events.append(QStringLiteral("finished:") + pipeline); });
    connect(&controller, &ui::DesktopController::engineStarted, this,
            [&events] { events.append(QStringLiteral("engine started")); });
    QSignalSpy cycles(&controller, &ui::DesktopController::cycleFinished);
    qputenv("FERRY_TEST_PAUSE", "ingestion-run-ending:4000");
    controller.start(config); // the daily pipeline never ran: the scheduler starts it at once

    // The new config, as Settings loads it: beta added, on a remote of its own.
    const QString betaRemote = m_dir->filePath(QStringLiteral("beta.git"));
    GitCli::ok(m_dir->path(),
               {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), betaRemote});
    Replica beta(m_dir->path(), QStringLiteral("beta"), betaRemote);
    beta.write(QStringLiteral("b.md"), "b\n");
    config::Config next = config;
    next.profiles.append(beta.profile());
    saveConfig(next);
    controller.showSettings();
    ui::SettingsDialog* settings = controller.settingsDialog();
    QSignalSpy loaded(settings, &ui::SettingsDialog::loaded);
    QSignalSpy applied(settings, &ui::SettingsDialog::applied);
    QVERIFY(loaded.wait(10000));
    auto* save = settings->findChild<QPushButton*>(QStringLiteral("apply"));

    QTRY_VERIFY_WITH_TIMEOUT(events.contains(QStringLiteral("dcf")), 20000); // the run's last task: ending
    QVERIFY(!events.contains(QStringLiteral("finished:daily")));
    test::StallMeter meter;
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(applied.wait(10000));
    // The run is held 4 s: waiting for it on the GUI thread would be a gap of seconds.
    QVERIFY2(meter.longest() < 1000,
             qPrintable(QStringLiteral("GUI thread blocked %1 ms").arg(meter.longest())));
    QVERIFY(controller.restarting());
    QCOMPARE(controller.tray().state(), ui::TrayIcon::State::Syncing);
    QVERIFY2(controller.tray().toolTip().contains(QStringLiteral("Applying the new settings")),
             qPrintable(controller.tray().toolTip()));
    QTest::mouseClick(save, Qt::LeftButton); // a second Save while the old engine stops
    QVERIFY(applied.wait(10000));
    QVERIFY(controller.restarting());
    QTRY_VERIFY_WITH_TIMEOUT(!controller.restarting(), 20000);
    qunsetenv("FERRY_TEST_PAUSE");
    qInfo("GUI thread through the restart: longest gap between 10 ms ticks %lld ms, most GUI-thread CPU "
          "within one gap %lld ms",
          meter.longest(), meter.mostCpu());
    QVERIFY2(meter.mostCpu() < 100, qPrintable(QStringLiteral("GUI thread busy %1 ms").arg(meter.mostCpu())));
    QVERIFY2(meter.longest() < 1000,
             qPrintable(QStringLiteral("GUI thread blocked %1 ms").arg(meter.longest())));

    // The old run ended (and was told) before the engine started again, once, on the new config.
    QCOMPARE(events.count(QStringLiteral("engine started")), 2);
    QVERIFY2(events.contains(QStringLiteral("finished:daily")) &&
                 events.indexOf(QStringLiteral("finished:daily")) <
                     events.lastIndexOf(QStringLiteral("engine started")),
             qPrintable(events.join(u',')));
    QCOMPARE(controller.profileNames(), (QStringList{QStringLiteral("alpha"), QStringLiteral("beta")}));
    const auto betaCycles = [&cycles] {
        return std::count_if(cycles.cbegin(), cycles.cend(),
                             [](const QList<QVariant>& c) { return c.at(0).toString() == u"beta"; });
    };
    QTRY_VERIFY_WITH_TIMEOUT(betaCycles() >= 1, 20000);
    QVERIFY(test::filesInBranch(betaRemote, QStringLiteral("sync"), QStringLiteral("shared/docs"))
                .contains(QStringLiteral("b.md")));
    QTest::qWait(500);
    QCOMPARE(betaCycles(), 1); // one watcher's first cycle: one set of watchers
    QCOMPARE(events.count(QStringLiteral("engine started")), 2);
    controller.shutdown();
}

FakeApi::Reply TestDesktopController::prices(const QByteArray& symbol)
{
    return FakeApi::Reply{
        200,
        {},
        R"({"symbol":")" + symbol +
            R"(","historical":[{"date":"2026-11-20","open":1,"high":2,"low":0.5,"close":1.5,"volume":100}]})",
        0};
}

QString TestDesktopController::saveConfig(const config::Config& config) const
{
    const QString path = m_dir->filePath(QStringLiteral("config.json"));
    const Status saved = config::ConfigFile(path).save(config);
    if (!saved.ok())
        qFatal("cannot write the test's config %s: %s", qPrintable(path), qPrintable(saved.message()));
    return path;
}

config::MarketSource TestDesktopController::marketSource(const QByteArray& apiUrl) const
{
    const QString tickers = m_dir->filePath(QStringLiteral("tickers.txt"));
    QFile f(tickers);
    if (!f.open(QIODevice::WriteOnly) || f.write("AAA\nBBB\nCCC\n") != 12)
        qFatal("cannot write %s", qPrintable(tickers));
    config::MarketSource market;
    market.apiUrl = QString::fromLatin1(apiUrl);
    market.tickersFile = tickers;
    qputenv("FMP_API_KEY", "test-key");
    return market;
}

QTEST_MAIN(TestDesktopController)
#include "tst_desktopcontroller.moc"
