#include "core/host/watcherhost.h"
#include "tests/support/gitcli.h"
#include "tests/support/replica.h"
#include "tests/support/tcptrap.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace ferry;
using test::GitCli;
using test::Replica;

// host::WatcherHost, as `ferry daemon`, `ferry sync --watch` and the tray app use it: a watcher per
// profile on real folders and bare repositories, its results on the host's thread, and a stop that ends
// every watcher at once (a hung transfer too) and still delivers the last results.
class TestWatcherHost : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void everyProfileGetsAWatcherWhoseResultsArriveOnTheHostsThread();
    void aProfileAddedLaterStartsOnlyItsOwnWatcher();
    void syncProfileCyclesThatProfileOnly();
    void aProfilePausedOnItsOwnStaysPausedThroughTheGlobalResume();
    void stopEndsAHungTransferAtOnceAndDeliversItsResult();

private:
    QString bare(const QString& name) const;
    // A profile of its own remote, with short timings; every profile shares `m_dataDir` as in the app.
    config::Profile profile(const QString& name, const QString& remote);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_dataDir;
    std::vector<std::unique_ptr<Replica>> m_replicas;
};

void TestWatcherHost::init()
{
    m_replicas.clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_dataDir = m_dir->path() + QStringLiteral("/data");
    qputenv("FERRY_RETRY_BASE_MS", "1");
}

QString TestWatcherHost::bare(const QString& name) const
{
    const QString path = m_dir->path() + u'/' + name + QStringLiteral(".git");
    GitCli::ok(m_dir->path(), {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), path});
    return path;
}

config::Profile TestWatcherHost::profile(const QString& name, const QString& remote)
{
    m_replicas.push_back(std::make_unique<Replica>(m_dir->path(), name, remote));
    config::Profile p = m_replicas.back()->profile();
    p.debounceMs = 300;
    p.pollSeconds = 60; // no poll-triggered cycle during a test
    return p;
}

void TestWatcherHost::everyProfileGetsAWatcherWhoseResultsArriveOnTheHostsThread()
{
    host::WatcherHost host(m_dataDir);
    QStringList started, finished;
    bool offThread = false;
    connect(&host, &host::WatcherHost::cycleStarted, this, [&](const QString& profile, const QString&) {
        offThread |= QThread::currentThread() != thread();
        started.append(profile);
    });
    connect(&host, &host::WatcherHost::cycleFinished, this, [&](const sync::SyncResult& r) {
        offThread |= QThread::currentThread() != thread();
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.trigger, QStringLiteral("start"));
        finished.append(r.profile);
    });
    host.start({profile(QStringLiteral("alpha"), bare(QStringLiteral("a"))),
                profile(QStringLiteral("beta"), bare(QStringLiteral("b")))});
    QCOMPARE(host.profiles().size(), 2);
    QVERIFY(host.isWatching(QStringLiteral("alpha")) && host.isWatching(QStringLiteral("beta")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
    finished.sort();
    QCOMPARE(finished, (QStringList{QStringLiteral("alpha"), QStringLiteral("beta")}));
    QCOMPARE(started.size(), 2);
    QVERIFY(!offThread);
    host.stop();
    QVERIFY(host.profiles().isEmpty());
}

void TestWatcherHost::aProfileAddedLaterStartsOnlyItsOwnWatcher()
{
    host::WatcherHost host(m_dataDir);
    QSignalSpy finished(&host, &host::WatcherHost::cycleFinished);
    const config::Profile alpha = profile(QStringLiteral("alpha"), bare(QStringLiteral("a")));
    host.start({alpha});
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    host.start({alpha, profile(QStringLiteral("beta"), bare(QStringLiteral("b")))});
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
    QTest::qWait(500);
    QCOMPARE(finished.size(), 2); // alpha was not started again
    QCOMPARE(finished.at(1).at(0).value<sync::SyncResult>().profile, QStringLiteral("beta"));
    QCOMPARE(host.profiles().size(), 2);
}

void TestWatcherHost::syncProfileCyclesThatProfileOnly()
{
    host::WatcherHost host(m_dataDir);
    QSignalSpy finished(&host, &host::WatcherHost::cycleFinished);
    host.start({profile(QStringLiteral("alpha"), bare(QStringLiteral("a"))),
                profile(QStringLiteral("beta"), bare(QStringLiteral("b")))});
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
    host.syncProfile(QStringLiteral("beta"));
    host.syncProfile(QStringLiteral("nobody")); // not watched: nothing
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 20000);
    const auto third = finished.at(2).at(0).value<sync::SyncResult>();
    QCOMPARE(third.profile, QStringLiteral("beta"));
    QCOMPARE(third.trigger, QStringLiteral("manual"));
    host.setPaused(true);
    host.syncNow(); // paused: no cycle
    QTest::qWait(500);
    QCOMPARE(finished.size(), 3);
}

// A card's Pause and the tray's Pause are separate: Resume in the tray leaves the card's pause alone.
void TestWatcherHost::aProfilePausedOnItsOwnStaysPausedThroughTheGlobalResume()
{
    host::WatcherHost host(m_dataDir);
    QSignalSpy finished(&host, &host::WatcherHost::cycleFinished);
    host.start({profile(QStringLiteral("alpha"), bare(QStringLiteral("a"))),
                profile(QStringLiteral("beta"), bare(QStringLiteral("b")))});
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
    host.setProfilePaused(QStringLiteral("alpha"), true);
    host.setPaused(true);
    QVERIFY(host.isPaused(QStringLiteral("alpha")) && host.isPaused(QStringLiteral("beta")));
    host.setPaused(false);
    QVERIFY(host.isPaused(QStringLiteral("alpha")));
    QVERIFY(!host.isPaused(QStringLiteral("beta")));
    host.syncNow(); // beta cycles (on resuming, and now); alpha, still paused, does not
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() >= 3, 20000);
    QTest::qWait(1000);
    for (qsizetype i = 2; i < finished.size(); ++i)
        QCOMPARE(finished.at(i).at(0).value<sync::SyncResult>().profile, QStringLiteral("beta"));
    const qsizetype before = finished.size();
    host.setProfilePaused(QStringLiteral("alpha"), false);
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() > before, 20000); // resumed on its own: it cycles
    QCOMPARE(finished.at(before).at(0).value<sync::SyncResult>().profile, QStringLiteral("alpha"));
}

// A remote that accepts and never answers holds a transfer; stop() ends it within a second, and the
// cycle's result (stopped) reaches the host's listeners before stop() returns.
void TestWatcherHost::stopEndsAHungTransferAtOnceAndDeliversItsResult()
{
    test::TcpTrap trap(test::TcpTrap::Mode::Silent);
    host::WatcherHost host(m_dataDir);
    int started = 0;
    QList<sync::SyncResult> results;
    connect(&host, &host::WatcherHost::cycleStarted, this, [&] { ++started; });
    connect(&host, &host::WatcherHost::cycleFinished, this,
            [&](const sync::SyncResult& r) { results.append(r); });
    host.start(
        {profile(QStringLiteral("alpha"), bare(QStringLiteral("a"))),
         profile(QStringLiteral("hung"), QStringLiteral("http://127.0.0.1:%1/r.git").arg(trap.port()))});
    QTRY_VERIFY_WITH_TIMEOUT(trap.connections() >= 1 && !results.isEmpty(), 20000);
    QTest::qWait(300);
    QCOMPARE(results.size(), 1); // alpha's first cycle; the hung one is still in its transfer
    QElapsedTimer timer;
    timer.start();
    host.stop();
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(results.size(), started); // every cycle that started has its result, delivered already
    QCOMPARE(results.last().profile, QStringLiteral("hung"));
    QVERIFY(results.last().stopped);
    QVERIFY(host.profiles().isEmpty());
}

QTEST_GUILESS_MAIN(TestWatcherHost)
#include "tst_watcherhost.moc"
