#include "core/store/migrations.h"
#include "tests/support/testdatabase.h"

#include <QJsonArray>
#include <QTest>
#include <QTimeZone>
#include <QUuid>

using namespace ferry;
using store::RunRecord;
namespace RunStatus = store::RunStatus;

// The same suite runs on SQLite (tst_store) and PostgreSQL (tst_store_postgres).
class TestStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void migrationsRunOnceAndReopeningIsSafe();
    void syncLogsHasTheDesignedColumnsAndIndexes();
    void everyFieldSurvivesTheRoundTrip();
    void writingARunTwiceLeavesOneRow();
    void finishingARunUpdatesItsRunningRow();
    void aFinishedRunIsNeverTurnedBackIntoARunningOne();
    void runsAreNewestFirstAndFilteredByTaskStatusAndTime();
    void latestPerTaskGivesTheNewestRunOfEachTask();
    void failedSinceGivesOnlyFailuresFromThatTimeOn();
    void tickersFollowTheListAndAreNeverDeleted();

private:
    RunRecord makeRun(const QString& task, const QString& status, const QDateTime& started);
    void write(RunRecord& r);

    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<store::Store> m_store;
    const QDateTime m_t0{QDate(2026, 11, 20), QTime(4, 0, 0, 250), QTimeZone::utc()};
};

void TestStore::init()
{
    m_db = std::make_unique<test::TestDatabase>();
    FERRY_REQUIRE_BACKEND(*m_db);
    m_store = m_db->newStore();
    const Status opened = m_store->open();
    QVERIFY2(opened.ok(), qPrintable(opened.message()));
    QCOMPARE(m_store->backendName(), test::TestDatabase::backend());
}

void TestStore::cleanup()
{
    m_store.reset();
    m_db.reset();
}

RunRecord TestStore::makeRun(const QString& task, const QString& status, const QDateTime& started)
{
    RunRecord r;
    r.runId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r.taskName = task;
    r.status = status;
    r.startedAt = started;
    if (status != RunStatus::Running) {
        r.completedAt = started.addSecs(2);
        r.durationSeconds = 2.0;
    }
    return r;
}

void TestStore::write(RunRecord& r)
{
    const Status s = m_store->upsertRun(r);
    QVERIFY2(s.ok(), qPrintable(s.message()));
}

void TestStore::migrationsRunOnceAndReopeningIsSafe()
{
    QCOMPARE(*m_store->schemaVersion(), store::Migrations::latestVersion());
    auto second = m_db->newStore();
    QVERIFY(second->open().ok());
    QCOMPARE(*second->schemaVersion(), store::Migrations::latestVersion());
    QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM ferry_schema_migrations")),
             qint64(store::Migrations::all().size()));
}

void TestStore::syncLogsHasTheDesignedColumnsAndIndexes()
{
    const bool pg = test::TestDatabase::postgresRequested();
    const QString columns = m_db->scalar(
        pg ? QStringLiteral(
                 "SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position) "
                 "FROM information_schema.columns WHERE table_name = 'sync_logs'")
           : QStringLiteral(
                 "SELECT group_concat(name || ' ' || type, ', ') FROM pragma_table_info('sync_logs')"));
    if (pg)
        QCOMPARE(columns,
                 QStringLiteral("id integer, task_name character varying, status character varying, "
                                "rows_updated integer, error_message text, started_at timestamp without "
                                "time zone, completed_at timestamp without time zone, duration_seconds "
                                "double precision, metadata jsonb"));
    else
        QCOMPARE(columns,
                 QStringLiteral("id INTEGER, task_name VARCHAR(100), status VARCHAR(20), rows_updated "
                                "INTEGER, error_message TEXT, started_at TEXT, completed_at TEXT, "
                                "duration_seconds REAL, metadata TEXT"));
    const QString indexes =
        pg ? QStringLiteral("SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'sync_logs' AND "
                            "indexname IN ('idx_sync_logs_task_name', 'idx_sync_logs_completed_at')")
           : QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND "
                            "name IN ('idx_sync_logs_task_name', 'idx_sync_logs_completed_at')");
    QCOMPARE(m_db->count(indexes), 2);
}

void TestStore::everyFieldSurvivesTheRoundTrip()
{
    RunRecord r = makeRun(QStringLiteral("github"), RunStatus::Partial, m_t0);
    r.rowsUpdated = 1234;
    r.errorMessage = QStringLiteral("2 items skipped: \"owner/repo#12\" 404\nsecond line, ünïcode");
    r.durationSeconds = 12.345;
    r.metadata =
        QJsonObject{{QStringLiteral("skipped"), QJsonArray{QStringLiteral("a"), QStringLiteral("b")}},
                    {QStringLiteral("retries"), 3},
                    {QStringLiteral("nested"), QJsonObject{{QStringLiteral("ok"), true}}}};
    write(r);
    QVERIFY(r.id > 0);

    const auto runs = m_store->recentRuns(10);
    QVERIFY2(runs.ok(), qPrintable(runs.message()));
    QCOMPARE(runs->size(), 1);
    const RunRecord& back = runs->first();
    QCOMPARE(back.id, r.id);
    QCOMPARE(back.runId, r.runId);
    QCOMPARE(back.taskName, r.taskName);
    QCOMPARE(back.status, r.status);
    QCOMPARE(back.rowsUpdated, 1234);
    QCOMPARE(back.errorMessage, r.errorMessage);
    QCOMPARE(back.startedAt, m_t0); // milliseconds kept, UTC
    QCOMPARE(back.completedAt, m_t0.addSecs(2));
    QCOMPARE(*back.durationSeconds, 12.345);
    QJsonObject expected = r.metadata;
    expected.insert(QStringLiteral("run_id"), r.runId);
    QCOMPARE(back.metadata, expected);

    RunRecord bare = makeRun(QStringLiteral("tickers"), RunStatus::Running, m_t0.addSecs(60));
    write(bare);
    const RunRecord latest = m_store->recentRuns(1)->first();
    QVERIFY(latest.errorMessage.isNull());
    QVERIFY(!latest.completedAt.isValid());
    QVERIFY(!latest.durationSeconds.has_value());
}

void TestStore::writingARunTwiceLeavesOneRow()
{
    RunRecord r = makeRun(QStringLiteral("market"), RunStatus::Success, m_t0);
    write(r);
    const qint64 id = r.id;
    RunRecord again = r;
    again.id = 0;
    write(again);
    write(again);
    QCOMPARE(again.id, id);
    QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM sync_logs")), 1);
}

void TestStore::finishingARunUpdatesItsRunningRow()
{
    RunRecord r = makeRun(QStringLiteral("dcf"), RunStatus::Running, m_t0);
    write(r);
    QCOMPARE(m_store->recentRuns(5)->first().status, RunStatus::Running);
    QCOMPARE(m_store->recentRuns(5)->first().id, 0);
    // In progress, it stays out of sync_logs, where only finished runs are (the pipeline's queries).
    QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM sync_logs")), 0);
    QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM ferry_running_runs")), 1);
    r.status = RunStatus::Failed;
    r.errorMessage = QStringLiteral("401 Unauthorized");
    r.completedAt = m_t0.addSecs(5);
    r.durationSeconds = 5.0;
    write(r);
    const auto runs = *m_store->recentRuns(5);
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.first().status, RunStatus::Failed);
    QVERIFY(runs.first().id > 0);
    QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM ferry_running_runs")), 0);
    QCOMPARE(runs.first().errorMessage, QStringLiteral("401 Unauthorized"));
    QCOMPARE(*runs.first().durationSeconds, 5.0);
}

void TestStore::aFinishedRunIsNeverTurnedBackIntoARunningOne()
{
    RunRecord done = makeRun(QStringLiteral("dcf"), RunStatus::Success, m_t0);
    done.rowsUpdated = 9;
    write(done);
    RunRecord stale = done; // a late "running" write, e.g. replayed out of order
    stale.status = RunStatus::Running;
    stale.rowsUpdated = 0;
    stale.completedAt = {};
    write(stale);
    const RunRecord back = m_store->recentRuns(1)->first();
    QCOMPARE(back.status, RunStatus::Success);
    QCOMPARE(back.rowsUpdated, 9);
}

void TestStore::runsAreNewestFirstAndFilteredByTaskStatusAndTime()
{
    QList<RunRecord> all;
    const QStringList tasks = {QStringLiteral("github"), QStringLiteral("market"),
                               QStringLiteral("sync:notes")};
    for (int i = 0; i < 12; ++i) {
        RunRecord r = makeRun(tasks[i % 3], i % 4 == 0 ? RunStatus::Failed : RunStatus::Success,
                              m_t0.addSecs(3600 * i));
        write(r);
        all.append(r);
    }
    const auto newest = *m_store->recentRuns(5);
    QCOMPARE(newest.size(), 5);
    QCOMPARE(newest.first().runId, all.last().runId);
    for (qsizetype i = 1; i < newest.size(); ++i)
        QVERIFY(newest[i - 1].startedAt > newest[i].startedAt);

    store::RunFilter byTask;
    byTask.task = QStringLiteral("market");
    byTask.limit = 0;
    const auto market = *m_store->runs(byTask);
    QCOMPARE(market.size(), 4);
    for (const RunRecord& r : market)
        QCOMPARE(r.taskName, QStringLiteral("market"));

    store::RunFilter combined;
    combined.task = QStringLiteral("github");
    combined.status = RunStatus::Failed;
    combined.since = m_t0.addSecs(3600 * 3);
    const auto githubFailures = *m_store->runs(combined);
    // github runs are i = 0, 3, 6, 9; failed are i % 4 == 0: i = 0 (before since) and none else.
    QCOMPARE(githubFailures.size(), 0);
    combined.since = m_t0;
    QCOMPARE(m_store->runs(combined)->size(), 1);
}

void TestStore::latestPerTaskGivesTheNewestRunOfEachTask()
{
    RunRecord a1 = makeRun(QStringLiteral("a"), RunStatus::Failed, m_t0);
    RunRecord a2 = makeRun(QStringLiteral("a"), RunStatus::Success, m_t0.addSecs(10));
    RunRecord b1 = makeRun(QStringLiteral("b"), RunStatus::Success, m_t0.addSecs(20));
    RunRecord b2 = makeRun(QStringLiteral("b"), RunStatus::Running, m_t0.addSecs(30));
    RunRecord c1 = makeRun(QStringLiteral("c"), RunStatus::Failed, m_t0.addSecs(5));
    for (RunRecord* r : {&a2, &b2, &c1, &a1, &b1}) // written out of order on purpose
        write(*r);
    const auto latest = m_store->latestPerTask();
    QVERIFY2(latest.ok(), qPrintable(latest.message()));
    QCOMPARE(latest->size(), 3);
    QCOMPARE(latest->at(0).runId, a2.runId);
    QCOMPARE(latest->at(1).runId, b2.runId);
    QCOMPARE(latest->at(2).runId, c1.runId);
}

void TestStore::failedSinceGivesOnlyFailuresFromThatTimeOn()
{
    RunRecord oldFailure = makeRun(QStringLiteral("a"), RunStatus::Failed, m_t0.addDays(-2));
    RunRecord newFailure = makeRun(QStringLiteral("b"), RunStatus::Failed, m_t0);
    RunRecord success = makeRun(QStringLiteral("a"), RunStatus::Success, m_t0.addSecs(1));
    RunRecord partial = makeRun(QStringLiteral("c"), RunStatus::Partial, m_t0.addSecs(2));
    for (RunRecord* r : {&oldFailure, &newFailure, &success, &partial})
        write(*r);
    const auto failed = m_store->failedSince(m_t0.addDays(-1));
    QVERIFY(failed.ok());
    QCOMPARE(failed->size(), 1);
    QCOMPARE(failed->first().runId, newFailure.runId);
    QCOMPARE(m_store->failedSince(m_t0.addDays(-3))->size(), 2);
}

void TestStore::tickersFollowTheListAndAreNeverDeleted()
{
    const auto first = m_store->replaceTickers(
        {QStringLiteral("AAPL"), QStringLiteral("MSFT"), QStringLiteral("BRK.B")}, m_t0);
    QVERIFY2(first.ok(), qPrintable(first.message()));
    QCOMPARE(first->added.size(), 3);
    QCOMPARE(first->changed(), 3);
    QCOMPARE(m_store->activeTickers().value(),
             (QStringList{QStringLiteral("AAPL"), QStringLiteral("BRK.B"), QStringLiteral("MSFT")}));

    // MSFT leaves the list, TSLA joins; then MSFT comes back.
    const auto second = m_store->replaceTickers(
        {QStringLiteral("AAPL"), QStringLiteral("BRK.B"), QStringLiteral("TSLA")}, m_t0.addDays(1));
    QCOMPARE(second->added, QStringList{QStringLiteral("TSLA")});
    QCOMPARE(second->deactivated, QStringList{QStringLiteral("MSFT")});
    QCOMPARE(m_store->activeTickers().value(),
             (QStringList{QStringLiteral("AAPL"), QStringLiteral("BRK.B"), QStringLiteral("TSLA")}));
    const auto third = m_store->replaceTickers({QStringLiteral("MSFT")}, m_t0.addDays(2));
    QCOMPARE(third->reactivated, QStringList{QStringLiteral("MSFT")});
    QCOMPARE(third->deactivated.size(), 3);
    QCOMPARE(m_store->activeTickers().value(), QStringList{QStringLiteral("MSFT")});
    // The same list again changes nothing.
    QCOMPARE(m_store->replaceTickers({QStringLiteral("MSFT")}, m_t0.addDays(3))->changed(), 0);
}

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
