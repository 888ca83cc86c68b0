#include "core/config/paths.h"
#include "core/store/postgresstore.h"
#include "core/store/runlog.h"
#include "core/util/atomicfile.h"
#include "tests/support/testdatabase.h"

#include <QJsonArray>
#include <QProcess>
#include <QTest>
#include <QTimeZone>

using namespace ferry;
using store::RunLog;
namespace RunStatus = store::RunStatus;

// Runs on SQLite (tst_runlog) and PostgreSQL (tst_runlog_postgres). "The database is down" is a real
// PostgreSQL client aimed at a closed port; the PostgreSQL variant also stops and restarts its server.
class TestRunLog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void beginShowsTheRunAsRunningAndFinishCompletesIt();
    void runsRecordedWhileTheDatabaseIsDownAreWrittenOnceWhenItIsBack();
    void aReplayInterruptedByACrashWritesNothingTwice();
    void finishingARunAlsoWritesTheRunsQueuedBeforeIt();
    void withTheQueueUnwritableTooTheErrorSaysBoth();
    void survivesAPostgresRestartInTheMiddleOf1000Runs();

private:
    QString queuePath() const { return config::Paths::runQueue(m_db->dataDir()); }
    static std::unique_ptr<store::Store> unreachableStore();
    static QStringList pgClusterArgs(const QString& action);

    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<store::Store> m_store;
};

void TestRunLog::init()
{
    m_db = std::make_unique<test::TestDatabase>();
    FERRY_REQUIRE_BACKEND(*m_db);
    m_store = m_db->newStore();
    const Status opened = m_store->open();
    QVERIFY2(opened.ok(), qPrintable(opened.message()));
}

void TestRunLog::cleanup()
{
    m_store.reset();
    m_db.reset();
}

std::unique_ptr<store::Store> TestRunLog::unreachableStore()
{
    return std::make_unique<store::PostgresStore>(QStringLiteral("host=127.0.0.1 port=1 dbname=nowhere"), 2);
}

void TestRunLog::beginShowsTheRunAsRunningAndFinishCompletesIt()
{
    util::ManualClock clock(QDateTime(QDate(2026, 11, 23), QTime(5, 0), QTimeZone::utc()));
    RunLog log(*m_store, queuePath(), clock);
    store::RunRecord run =
        log.begin(QStringLiteral("market"), QJsonObject{{QStringLiteral("tickers"), 2600}});
    QCOMPARE(m_store->recentRuns(1)->first().status, RunStatus::Running);

    clock.advanceMs(42500);
    const auto outcome =
        log.finish(run, RunStatus::Partial, 12995, QStringLiteral("1 ticker skipped"),
                   QJsonObject{{QStringLiteral("skipped"), QJsonArray{QStringLiteral("ZZZZ")}}});
    QVERIFY(outcome.ok());
    QCOMPARE(*outcome, RunLog::Outcome::Written);
    const auto runs = *m_store->recentRuns(10);
    QCOMPARE(runs.size(), 1);
    const store::RunRecord& back = runs.first();
    QCOMPARE(back.status, RunStatus::Partial);
    QCOMPARE(back.rowsUpdated, 12995);
    QCOMPARE(*back.durationSeconds, 42.5);
    QCOMPARE(back.completedAt, clock.nowUtc());
    QCOMPARE(back.metadata.value(QStringLiteral("tickers")).toInt(), 2600); // from begin
    QCOMPARE(back.metadata.value(QStringLiteral("skipped")).toArray().first().toString(),
             QStringLiteral("ZZZZ"));
}

void TestRunLog::runsRecordedWhileTheDatabaseIsDownAreWrittenOnceWhenItIsBack()
{
    auto down = unreachableStore();
    {
        RunLog offline(*down, queuePath());
        for (int i = 0; i < 20; ++i) {
            store::RunRecord run = offline.begin(QStringLiteral("task-%1").arg(i % 4));
            const auto outcome = offline.finish(run, RunStatus::Success, i);
            QVERIFY2(outcome.ok(), qPrintable(outcome.message()));
            QCOMPARE(*outcome, RunLog::Outcome::Queued);
        }
        QCOMPARE(offline.queued(), 20);
    }
    QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM sync_logs")), 0);

    RunLog online(*m_store, queuePath());
    const auto flushed = online.flush();
    QVERIFY2(flushed.ok(), qPrintable(flushed.message()));
    QCOMPARE(*flushed, 20);
    QCOMPARE(online.queued(), 0);
    QCOMPARE(*online.flush(), 0);
    QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM sync_logs")), 20);
    QCOMPARE(m_db->count(QStringLiteral("SELECT SUM(rows_updated) FROM sync_logs")), 190); // 0 + … + 19
}

void TestRunLog::aReplayInterruptedByACrashWritesNothingTwice()
{
    auto down = unreachableStore();
    RunLog offline(*down, queuePath());
    for (int i = 0; i < 10; ++i) {
        store::RunRecord run = offline.begin(QStringLiteral("github"));
        QVERIFY(offline.finish(run, RunStatus::Success, 1).ok());
    }
    // A previous flush wrote the first six rows and died before it could rewrite the queue.
    auto queued = *store::RunQueue(queuePath()).load();
    for (int i = 0; i < 6; ++i)
        QVERIFY(m_store->upsertRun(queued[i]).ok());

    RunLog online(*m_store, queuePath());
    QCOMPARE(*online.flush(), 10);
    QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM sync_logs")), 10);
}

void TestRunLog::finishingARunAlsoWritesTheRunsQueuedBeforeIt()
{
    auto down = unreachableStore();
    RunLog offline(*down, queuePath());
    store::RunRecord early = offline.begin(QStringLiteral("early"));
    QVERIFY(offline.finish(early, RunStatus::Failed, 0, QStringLiteral("network down")).ok());

    RunLog online(*m_store, queuePath());
    store::RunRecord late = online.begin(QStringLiteral("late"));
    QCOMPARE(*online.finish(late, RunStatus::Success, 0), RunLog::Outcome::Written);
    QCOMPARE(online.queued(), 0);
    QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM sync_logs")), 2);
    const auto failures = *m_store->failedSince(early.startedAt);
    QCOMPARE(failures.size(), 1);
    QCOMPARE(failures.first().runId, early.runId);
    QCOMPARE(failures.first().errorMessage, QStringLiteral("network down"));
}

void TestRunLog::withTheQueueUnwritableTooTheErrorSaysBoth()
{
    QVERIFY(util::writeFileAtomically(m_db->dataDir() + QStringLiteral("/blocker"), "x").ok());
    auto down = unreachableStore();
    RunLog log(*down, m_db->dataDir() + QStringLiteral("/blocker/pending_runs.jsonl"));
    store::RunRecord run = log.begin(QStringLiteral("dcf"));
    const auto outcome = log.finish(run, RunStatus::Success, 1);
    QVERIFY(!outcome.ok());
    QVERIFY2(outcome.message().contains(QStringLiteral("unreachable")), qPrintable(outcome.message()));
    QVERIFY2(outcome.message().contains(QStringLiteral("cannot queue")), qPrintable(outcome.message()));
}

QStringList TestRunLog::pgClusterArgs(const QString& action)
{
    // pg_virtualenv names its cluster VERSION/regress; FERRY_TEST_PG_CLUSTER may say otherwise.
    const QString cluster = qEnvironmentVariable("FERRY_TEST_PG_CLUSTER", qEnvironmentVariable("PGVERSION") +
                                                                              QStringLiteral("/regress"));
    QStringList args = cluster.split(u'/');
    args << action;
    if (action == u"stop")
        args << QStringLiteral("-m") << QStringLiteral("fast");
    return args;
}

void TestRunLog::survivesAPostgresRestartInTheMiddleOf1000Runs()
{
    if (!test::TestDatabase::postgresRequested())
        QSKIP("stops and restarts a PostgreSQL server: runs in tst_runlog_postgres");
    if (qEnvironmentVariableIsEmpty("PGVERSION") && qEnvironmentVariableIsEmpty("FERRY_TEST_PG_CLUSTER"))
        QSKIP("needs a cluster this test may stop: run under pg_virtualenv");

    // The server is stopped and started by a separate process while runs keep being recorded, so the
    // outage lands in the middle of writes, not politely between them.
    RunLog log(*m_store, queuePath());
    QProcess ctl;
    const auto startCtl = [&](const QString& action) {
        ctl.start(QStringLiteral("pg_ctlcluster"), pgClusterArgs(action));
    };
    const auto finishCtl = [&] {
        QVERIFY2(ctl.waitForFinished(120000) && ctl.exitCode() == 0,
                 qPrintable(QString::fromUtf8(ctl.readAllStandardError())));
    };
    int written = 0;
    int queued = 0;
    for (int i = 0; i < 1000; ++i) {
        if (i == 300)
            startCtl(QStringLiteral("stop"));
        if (i == 500)
            finishCtl();
        if (i == 700)
            startCtl(QStringLiteral("start"));
        store::RunRecord run = log.begin(QStringLiteral("run-%1").arg(i % 7));
        const auto outcome = log.finish(run, i % 5 ? RunStatus::Success : RunStatus::Failed, i);
        QVERIFY2(outcome.ok(), qPrintable(outcome.message()));
        (*outcome == RunLog::Outcome::Written ? written : queued)++;
    }
    finishCtl();
    const auto flushed = log.flush();
    QVERIFY2(flushed.ok(), qPrintable(flushed.message()));
    QCOMPARE(log.queued(), 0);

    QVERIFY2(queued >= 200, qPrintable(QStringLiteral("only %1 runs were queued").arg(queued)));
    QVERIFY(written >= 300);

    QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM sync_logs")), 1000);
    QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(DISTINCT metadata->>'run_id') FROM sync_logs")), 1000);
    QCOMPARE(m_db->count(QStringLiteral("SELECT (SELECT COUNT(*) FROM sync_logs WHERE status = 'running') + "
                                        "(SELECT COUNT(*) FROM ferry_running_runs)")),
             0);
    QCOMPARE(m_db->count(QStringLiteral("SELECT SUM(rows_updated) FROM sync_logs")), 999 * 1000 / 2);
    qInfo("1000 runs: %d written directly, %d queued while PostgreSQL was down", written, queued);
}

QTEST_GUILESS_MAIN(TestRunLog)
#include "tst_runlog.moc"
