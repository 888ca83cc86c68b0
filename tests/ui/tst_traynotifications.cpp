// The tray's notifications with the real controller, worker threads, a bare repository and a local
// FMP-like server (offscreen): the first failed nightly run notifies, a remote reset and held deletions
// notify once across cycles, and a click on the message opens the view it is about.
#include "core/config/configfile.h"
#include "tests/support/fakeapithread.h"
#include "tests/support/gitcli.h"
#include "tests/support/replica.h"
#include "ui/controller/desktopcontroller.h"
#include "ui/history/historyview.h"
#include "ui/status/statuswindow.h"
#include "ui/tray/trayicon.h"

#include <atomic>
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace ferry;
using test::FakeApi;
using test::GitCli;
using test::Replica;

class TestTrayNotifications : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void theFirstFailedNightlyRunNotifiesAndItsClickOpensTheHistory();
    void aRemoteResetNotifiesOnceAndItsClickOffersTheChoice();
    void heldDeletionsNotifyOnce();
    void desktopOffShowsNothing();
    void quitIsNotHeldByAHangingWebhook();

private:
    QString remote() const { return m_dir->filePath(QStringLiteral("remote.git")); }
    QString saveConfig(const config::Config& config) const;
    static QStringList kinds(const QSignalSpy& notified);
    // A profile whose remote branch was deleted after its first sync.
    Replica resetReplica() const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestTrayNotifications::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    GitCli::ok(m_dir->path(),
               {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), remote()});
    qputenv("FERRY_RETRY_BASE_MS", "1");
}

// Before, a task had to fail twice in a row before the tray said anything: the first nightly failure was
// silent until the next night.
void TestTrayNotifications::theFirstFailedNightlyRunNotifiesAndItsClickOpensTheHistory()
{
    test::FakeApiThread fmp([](const FakeApi::Request&) {
        return FakeApi::Reply{401, {}, R"({"Error Message": "Invalid API KEY."})", 0};
    });
    const QString tickers = m_dir->filePath(QStringLiteral("tickers.txt"));
    QFile f(tickers);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("AAA\nBBB\n");
    f.close();
    qputenv("FMP_API_KEY", "refused");
    config::Config config;
    config::MarketSource market;
    market.apiUrl = QString::fromLatin1(fmp.baseUrl());
    market.tickersFile = tickers;
    config.market = market;
    const QString dataDir = m_dir->filePath(QStringLiteral("data"));
    ui::DesktopController controller(saveConfig(config), dataDir);
    QSignalSpy notified(&controller, &ui::DesktopController::notified);
    QSignalSpy pipelines(&controller, &ui::DesktopController::pipelineFinished);
    controller.start(config); // the daily pipeline never ran: the scheduler starts it at once
    QTRY_COMPARE_WITH_TIMEOUT(pipelines.count(), 1, 20000);
    QCOMPARE(pipelines.first().at(1).toString(), QStringLiteral("failed"));
    QTRY_VERIFY_WITH_TIMEOUT(kinds(notified).contains(QStringLiteral("run_failed:market")), 5000);
    const int first = int(kinds(notified).indexOf(QStringLiteral("run_failed:market")));
    QCOMPARE(notified.at(first).at(1).toString(), QStringLiteral("market failed"));
    QVERIFY(!notified.at(first).at(2).toString().isEmpty()); // the run's error

    QVERIFY(!controller.statusWindow().isVisible());
    emit controller.tray().messageClicked();
    QVERIFY(controller.statusWindow().isVisible());
    QTabWidget* tabs = controller.statusWindow().tabs();
    QVERIFY(qobject_cast<ui::HistoryView*>(tabs->currentWidget()) != nullptr);
    controller.shutdown();
}

void TestTrayNotifications::aRemoteResetNotifiesOnceAndItsClickOffersTheChoice()
{
    Replica alpha = resetReplica();
    alpha.profile().pollSeconds = 1; // paused cycles again after 1, 2, 4 s
    config::Config config;
    config.profiles = {alpha.profile()};
    ui::DesktopController controller(saveConfig(config), alpha.dataDir());
    QSignalSpy cycles(&controller, &ui::DesktopController::cycleFinished);
    QSignalSpy notified(&controller, &ui::DesktopController::notified);
    controller.start(config);
    QTRY_VERIFY_WITH_TIMEOUT(cycles.count() >= 3, 20000);
    for (const QList<QVariant>& cycle : std::as_const(cycles))
        QCOMPARE(cycle.at(1).toString(), QStringLiteral("failed"));
    QCOMPARE(kinds(notified), QStringList{QStringLiteral("remote_reset:alpha")});
    QCOMPARE(notified.first().at(1).toString(), QStringLiteral("The remote of alpha was reset"));

    QString offered;
    QTimer::singleShot(0, this, [&offered] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            offered = box->windowTitle();
            box->reject();
        }
    });
    emit controller.tray().messageClicked();
    QCOMPARE(offered, QStringLiteral("The remote of alpha was reset"));
    QCOMPARE(alpha.contents().value(QStringLiteral("note.md")), QByteArray("kept\n"));
    controller.shutdown();
}

// The mass-deletion guard holds the deletion of 60 files on every cycle until a person applies it:
// said once.
void TestTrayNotifications::heldDeletionsNotifyOnce()
{
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    for (int i = 0; i < 60; ++i)
        alpha.write(QStringLiteral("f%1.txt").arg(i), "x\n");
    QVERIFY(alpha.sync().ok);
    for (int i = 0; i < 60; ++i)
        QVERIFY(alpha.remove(QStringLiteral("f%1.txt").arg(i)));
    config::Config config;
    config.profiles = {alpha.profile()};
    ui::DesktopController controller(saveConfig(config), alpha.dataDir());
    QSignalSpy cycles(&controller, &ui::DesktopController::cycleFinished);
    QSignalSpy notified(&controller, &ui::DesktopController::notified);
    controller.start(config);
    QVERIFY(cycles.wait(20000));
    controller.syncNow();
    QTRY_VERIFY_WITH_TIMEOUT(cycles.count() >= 2, 20000);
    controller.syncNow();
    QTRY_VERIFY_WITH_TIMEOUT(cycles.count() >= 3, 20000);
    QCOMPARE(kinds(notified), QStringList{QStringLiteral("deletions_held:alpha")});
    QVERIFY2(notified.first().at(2).toString().contains(QStringLiteral("60 deletions held")),
             qPrintable(notified.first().at(2).toString()));
    QCOMPARE(GitCli::ok(remote(), {QStringLiteral("ls-tree"), QStringLiteral("-r"),
                                   QStringLiteral("--name-only"), QStringLiteral("sync")})
                 .count('\n'),
             60);
    controller.shutdown();
}

void TestTrayNotifications::desktopOffShowsNothing()
{
    Replica alpha = resetReplica();
    alpha.profile().pollSeconds = 1;
    config::Config config;
    config.profiles = {alpha.profile()};
    config.alerts.desktop = false;
    ui::DesktopController controller(saveConfig(config), alpha.dataDir());
    QSignalSpy cycles(&controller, &ui::DesktopController::cycleFinished);
    QSignalSpy notified(&controller, &ui::DesktopController::notified);
    controller.start(config);
    QTRY_VERIFY_WITH_TIMEOUT(cycles.count() >= 2, 20000);
    QCOMPARE(controller.tray().state(), ui::TrayIcon::State::Error); // the icon still says it
    QCOMPARE(notified.count(), 0);
    controller.shutdown();
}

// The reset's alert goes to a webhook that accepts and never answers (timeout 10 s): Quit still ends
// within about half a second, and the tray said it all the same.
void TestTrayNotifications::quitIsNotHeldByAHangingWebhook()
{
    std::atomic<int> posts{0};
    test::FakeApiThread webhook([&posts](const FakeApi::Request&) {
        ++posts;
        FakeApi::Reply silent;
        silent.silent = true;
        return silent;
    });
    Replica alpha = resetReplica();
    config::Config config;
    config.profiles = {alpha.profile()};
    config.alerts.webhookUrl = QString::fromLatin1(webhook.baseUrl()) + QStringLiteral("/hook");
    ui::DesktopController controller(saveConfig(config), alpha.dataDir());
    QSignalSpy notified(&controller, &ui::DesktopController::notified);
    controller.start(config);
    QTRY_COMPARE_WITH_TIMEOUT(posts.load(), 1, 20000);
    QCOMPARE(kinds(notified), QStringList{QStringLiteral("remote_reset:alpha")});
    QElapsedTimer t;
    t.start();
    controller.shutdown();
    QVERIFY2(t.elapsed() < 1500, qPrintable(QString::number(t.elapsed())));
}

Replica TestTrayNotifications::resetReplica() const
{
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    alpha.write(QStringLiteral("note.md"), "kept\n");
    if (!alpha.sync().ok)
        qFatal("the first sync failed");
    GitCli::ok(remote(),
               {QStringLiteral("update-ref"), QStringLiteral("-d"), QStringLiteral("refs/heads/sync")});
    return alpha;
}

QStringList TestTrayNotifications::kinds(const QSignalSpy& notified)
{
    QStringList out;
    for (const QList<QVariant>& n : notified)
        out.append(n.at(0).toString());
    return out;
}

QString TestTrayNotifications::saveConfig(const config::Config& config) const
{
    const QString path = m_dir->filePath(QStringLiteral("config.json"));
    const Status saved = config::ConfigFile(path).save(config);
    if (!saved.ok())
        qFatal("cannot write the test's config %s: %s", qPrintable(path), qPrintable(saved.message()));
    return path;
}

QTEST_MAIN(TestTrayNotifications)
#include "tst_traynotifications.moc"
