#include "core/config/paths.h"
#include "core/store/migrations.h"
#include "core/store/runlog.h"
#include "tests/support/ferryprocess.h"
#include "tests/support/gitcli.h"
#include "tests/support/testdatabase.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace ferry;

namespace {

// The Python pipeline's sync_logs, exactly as it created it (docs/store.md), with both indexes. SQLite
// takes the same text.
const QString kSeedDdl = QStringLiteral(R"(CREATE TABLE sync_logs (
    id SERIAL PRIMARY KEY,
    task_name VARCHAR(100) NOT NULL,
    status VARCHAR(20) NOT NULL,
    rows_updated INTEGER DEFAULT 0,
    error_message TEXT,
    started_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    completed_at TIMESTAMP,
    duration_seconds DOUBLE PRECISION,
    metadata JSONB
);
CREATE INDEX idx_sync_logs_task_name ON sync_logs (task_name);
CREATE INDEX idx_sync_logs_completed_at ON sync_logs (completed_at DESC))");

// Its monitoring function, as the pipeline's users call it: the newest row of a task by completed_at.
const QString kSeedFunction = QStringLiteral(R"(CREATE FUNCTION get_latest_sync_status(p_task_name VARCHAR)
RETURNS TABLE (status VARCHAR, rows_updated INTEGER, error_message TEXT, completed_at TIMESTAMP) AS $$
    SELECT status, rows_updated, error_message, completed_at FROM sync_logs
    WHERE task_name = p_task_name ORDER BY completed_at DESC LIMIT 1
$$ LANGUAGE sql STABLE)");

// A table made by hand that Ferry cannot write as it is.
const QString kIncompatiblePostgres = QStringLiteral(R"(CREATE TABLE sync_logs (
    id SERIAL PRIMARY KEY,
    task_name VARCHAR(100) NOT NULL,
    status VARCHAR(20) NOT NULL,
    rows_updated INTEGER DEFAULT 0,
    error_message TEXT,
    started_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
    completed_at TIMESTAMP,
    duration_seconds DOUBLE PRECISION
);
CREATE INDEX idx_sync_logs_task_name ON sync_logs (task_name);
CREATE TABLE tickers (symbol VARCHAR(20), active BOOLEAN, first_seen_at TIMESTAMP, updated_at TIMESTAMP))");
const QString kIncompatibleSqlite =
    QString(kIncompatiblePostgres).replace(QStringLiteral("TIMESTAMPTZ"), QStringLiteral("INTEGER"));

} // namespace

// Ferry pointed at the database the Python pipeline filled: its sync_logs is adopted with its rows, the
// pipeline's monitoring queries keep answering right, and a table Ferry cannot use is refused untouched.
class TestAdoption : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void everyCommandWorksOnThePipelinesDatabaseAndItsRowsStayAsTheyWere();
    void thePipelinesMonitoringQueriesSeeFinishedRunsOnly();
    void anIncompatibleTableIsRefusedNamingItsColumnsAndNothingChanges();
    void anOlderFerrysRunningRowsMoveOutOfSyncLogs();

private:
    bool postgres() const { return !m_db->databaseUrl().isEmpty(); }
    // Runs SQL as the pipeline's users would: psql on PostgreSQL, the SQLite library on the file.
    QString sql(const QString& statements);
    void createSeedDatabase();
    QString seedRows()
    {
        return sql(postgres() ? QStringLiteral("SELECT t::text FROM sync_logs t WHERE id <= 5 ORDER BY id")
                              : QStringLiteral("SELECT quote(id)||'|'||quote(task_name)||'|'||quote(status)"
                                               "||'|'||quote(rows_updated)||'|'||quote(error_message)||'|'"
                                               "||quote(started_at)||'|'||quote(completed_at)||'|'"
                                               "||quote(duration_seconds)||'|'||quote(metadata) "
                                               "FROM sync_logs WHERE id <= 5 ORDER BY id"));
    }
    QString schema();
    test::FerryProcess::Result ferry(const QStringList& args);
    void writeConfig();
    QString timeAgo(qint64 seconds) const;

    std::unique_ptr<test::TestDatabase> m_db;
    QDateTime m_now;
};

void TestAdoption::init()
{
    m_db = std::make_unique<test::TestDatabase>();
    FERRY_REQUIRE_BACKEND(*m_db);
    m_now = QDateTime::currentDateTimeUtc();
}

void TestAdoption::cleanup()
{
    if (QSqlDatabase::contains(QStringLiteral("seed")))
        QSqlDatabase::removeDatabase(QStringLiteral("seed"));
    m_db.reset();
}

QString TestAdoption::sql(const QString& statements)
{
    if (postgres()) {
        QProcess psql;
        psql.start(QStringLiteral("psql"),
                   {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-A"), QStringLiteral("-t"),
                    QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-d"),
                    m_db->databaseUrl(), QStringLiteral("-f"), QStringLiteral("-")});
        psql.write(statements.toUtf8() + ";\n");
        psql.closeWriteChannel();
        if (!psql.waitForFinished(30000) || psql.exitCode() != 0)
            return QStringLiteral("psql failed: ") + QString::fromUtf8(psql.readAllStandardError());
        return QString::fromUtf8(psql.readAllStandardOutput()).trimmed();
    }
    QSqlDatabase db = QSqlDatabase::contains(QStringLiteral("seed"))
                          ? QSqlDatabase::database(QStringLiteral("seed"))
                          : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("seed"));
    db.setDatabaseName(config::Paths::sqliteDatabase(m_db->dataDir()));
    if (!db.isOpen() && !db.open())
        return QStringLiteral("sqlite failed: ") + db.lastError().text();
    QStringList rows;
    for (const QString& statement : statements.split(u';', Qt::SkipEmptyParts)) {
        if (statement.trimmed().isEmpty())
            continue;
        QSqlQuery q(db);
        if (!q.exec(statement))
            return QStringLiteral("sqlite failed: ") + q.lastError().text();
        while (q.next()) {
            QStringList values;
            for (int i = 0; i < q.record().count(); ++i)
                values << q.value(i).toString();
            rows << values.join(u'|');
        }
    }
    db.close(); // Ferry runs beside it and must not wait for this connection
    return rows.join(u'\n');
}

QString TestAdoption::timeAgo(qint64 seconds) const
{
    // As Python's str(datetime.utcnow()) wrote them: microseconds.
    return m_now.addSecs(-seconds).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")) +
           QStringLiteral("417");
}

void TestAdoption::createSeedDatabase()
{
    const QString columns = QStringLiteral("task_name, status, rows_updated, error_message, started_at, "
                                           "completed_at, duration_seconds, metadata");
    // PostgreSQL numbers the rows through SERIAL; SQLite gets the ids the pipeline would have had.
    const QString prefix = postgres() ? QString() : QStringLiteral("id, ");
    const auto id = [&](int n) {
        return postgres() ? QString() : QStringLiteral("%1, ").arg(n);
    };
    QString inserts;
    const QStringList rows = {
        QStringLiteral("'stock_prices', 'success', 13000, NULL, '%1', '%2', 41.503917, '{\"tickers\": 2600, "
                       "\"days\": 5}'")
            .arg(timeAgo(3 * 86400), timeAgo(3 * 86400 - 41)),
        QStringLiteral("'dcf_valuations', 'success', 2598, NULL, '%1', '%2', 12.25, NULL")
            .arg(timeAgo(3 * 86400 - 60), timeAgo(3 * 86400 - 72)),
        QStringLiteral("'github_prs', 'failed', 0, 'Bad credentials', '%1', '%2', 0.8, '{\"repository\": "
                       "\"octocat/hello-world\"}'")
            .arg(timeAgo(10 * 86400), timeAgo(10 * 86400 - 1)),
        QStringLiteral(
            "'stock_prices', 'failed', 0, 'HTTPError: 503 Service Unavailable', '%1', '%2', 3.1, '[]'")
            .arg(timeAgo(2 * 86400), timeAgo(2 * 86400 - 3)),
        QStringLiteral("'github_prs', 'success', 412, NULL, '%1', '%2', 95.0, '{}'")
            .arg(timeAgo(86400), timeAgo(86400 - 95)),
    };
    for (int i = 0; i < rows.size(); ++i)
        inserts += QStringLiteral("INSERT INTO sync_logs (%1%2) VALUES (%3%4);\n")
                       .arg(prefix, columns, id(i + 1), rows[i]);
    QCOMPARE(sql(kSeedDdl + QStringLiteral(";\n") + inserts), QString());
    if (postgres())
        QCOMPARE(sql(kSeedFunction), QString());
}

QString TestAdoption::schema()
{
    return sql(postgres()
                   ? QStringLiteral("SELECT tablename FROM pg_tables WHERE schemaname = 'public' UNION ALL "
                                    "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1")
                   : QStringLiteral("SELECT sql FROM sqlite_master ORDER BY name"));
}

test::FerryProcess::Result TestAdoption::ferry(const QStringList& args)
{
    test::FerryProcess ferry(m_db->dataDir() + QStringLiteral("/config.json"), m_db->dataDir());
    if (postgres())
        ferry.env(QStringLiteral("DATABASE_URL"), m_db->databaseUrl());
    return ferry.run(args, 60000);
}

void TestAdoption::writeConfig()
{
    const QString dir = m_db->dataDir();
    QVERIFY(QDir().mkpath(dir + QStringLiteral("/notes")));
    test::GitCli::ok(dir, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"),
                           dir + QStringLiteral("/remote.git")});
    const test::FerryProcess::Result init =
        ferry({QStringLiteral("init"), QStringLiteral("--remote"), dir + QStringLiteral("/remote.git"),
               QStringLiteral("--folder"), dir + QStringLiteral("/notes=shared/notes"),
               QStringLiteral("--profile"), QStringLiteral("notes")});
    QVERIFY2(init.exitCode == 0, qPrintable(init.output()));
    QFile tickers(dir + QStringLiteral("/tickers.txt"));
    QVERIFY(tickers.open(QIODevice::WriteOnly));
    tickers.write("AAPL\nMSFT\n");
    tickers.close();
    QFile file(dir + QStringLiteral("/config.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonObject config = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    config[QStringLiteral("ingestion")] =
        QJsonObject{{QStringLiteral("market"),
                     QJsonObject{{QStringLiteral("tickers_file"), tickers.fileName()},
                                 {QStringLiteral("api_url"), QStringLiteral("http://127.0.0.1:9")}}}};
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QJsonDocument(config).toJson());
    QFile note(dir + QStringLiteral("/notes/plan.md"));
    QVERIFY(note.open(QIODevice::WriteOnly));
    note.write("# Plan\n");
}

void TestAdoption::everyCommandWorksOnThePipelinesDatabaseAndItsRowsStayAsTheyWere()
{
    createSeedDatabase();
    const QString before = seedRows();
    QCOMPARE(before.count(u'\n'), 4);
    writeConfig();

    const test::FerryProcess::Result synced = ferry({QStringLiteral("sync")});
    QVERIFY2(synced.exitCode == 0, qPrintable(synced.output()));
    const test::FerryProcess::Result tickers = ferry({QStringLiteral("ingest"), QStringLiteral("tickers")});
    QVERIFY2(tickers.exitCode == 0, qPrintable(tickers.output()));
    // No API key: the market task fails, with its own row (exit 1 is the run's failure, not the store's).
    const test::FerryProcess::Result market = ferry({QStringLiteral("ingest"), QStringLiteral("market")});
    QVERIFY2(market.exitCode == 1 && market.output().contains(QStringLiteral("FMP_API_KEY")),
             qPrintable(market.output()));
    for (const QStringList& args :
         {QStringList{QStringLiteral("status")}, QStringList{QStringLiteral("conflicts")},
          QStringList{QStringLiteral("versions")}, QStringList{QStringLiteral("history")}}) {
        const test::FerryProcess::Result r = ferry(args);
        QVERIFY2(r.exitCode == 0, qPrintable(args.join(u' ') + QStringLiteral(": ") + r.output()));
    }
    QVERIFY(ferry({QStringLiteral("history")})
                .out.contains(QStringLiteral("HTTPError: 503 Service Unavailable")));

    // The daemon opens the same store and stops cleanly.
    QProcess daemon;
    test::FerryProcess daemonFerry(m_db->dataDir() + QStringLiteral("/config.json"), m_db->dataDir());
    if (postgres())
        daemonFerry.env(QStringLiteral("DATABASE_URL"), m_db->databaseUrl());
    daemonFerry.start(daemon, {QStringLiteral("daemon")});
    QByteArray daemonOut;
    QTRY_VERIFY_WITH_TIMEOUT((daemonOut += daemon.readAllStandardOutput()).contains("ferry daemon: watching"),
                             20000);
    daemon.terminate();
    QVERIFY(daemon.waitForFinished(20000));
    QCOMPARE(daemon.exitCode(), 0);

    // The pipeline's rows, as they were, byte for byte; Ferry's after them.
    QCOMPARE(seedRows(), before);
    const test::FerryProcess::Result history = ferry({QStringLiteral("history"), QStringLiteral("--json")});
    QVERIFY2(history.exitCode == 0, qPrintable(history.err));
    const QJsonArray runs = QJsonDocument::fromJson(history.out.toUtf8()).array();
    QStringList tasks;
    for (const QJsonValue& r : runs)
        tasks << r[QStringLiteral("task_name")].toString();
    QVERIFY2(tasks.size() >= 8, qPrintable(tasks.join(u',')));
    QCOMPARE(tasks.mid(tasks.size() - 5),
             (QStringList{QStringLiteral("github_prs"), QStringLiteral("stock_prices"),
                          QStringLiteral("dcf_valuations"), QStringLiteral("stock_prices"),
                          QStringLiteral("github_prs")}));
    for (const QString& ferryTask :
         {QStringLiteral("sync:notes"), QStringLiteral("tickers"), QStringLiteral("market")})
        QVERIFY2(tasks.contains(ferryTask), qPrintable(tasks.join(u',')));
    const QJsonObject failed = runs[runs.size() - 4].toObject();
    QCOMPARE(failed[QStringLiteral("status")].toString(), QStringLiteral("failed"));
    QCOMPARE(failed[QStringLiteral("error_message")].toString(),
             QStringLiteral("HTTPError: 503 Service Unavailable"));
    QCOMPARE(failed[QStringLiteral("rows_updated")].toInt(), 0);
    QCOMPARE(failed[QStringLiteral("duration_seconds")].toDouble(), 3.1);
    QCOMPARE(failed[QStringLiteral("started_at")].toString(),
             m_now.addSecs(-2 * 86400).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ")));
    QCOMPARE(failed[QStringLiteral("run_id")].toString(), QString()); // the pipeline had none
    const QJsonObject firstPrices = runs[runs.size() - 2].toObject();
    QCOMPARE(firstPrices[QStringLiteral("metadata")][QStringLiteral("tickers")].toInt(), 2600);

    // Ferry's indexes were added beside the pipeline's two, which were kept.
    const QString indexes = sql(
        postgres()
            ? QStringLiteral("SELECT indexname FROM pg_indexes WHERE tablename = 'sync_logs' ORDER BY 1")
            : QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sync_logs' "
                             "AND sql IS NOT NULL ORDER BY 1"));
    QVERIFY2(indexes.contains(
                 QStringLiteral("idx_sync_logs_completed_at\nidx_sync_logs_run_id\nidx_sync_logs_started_at\n"
                                "idx_sync_logs_task_name")),
             qPrintable(indexes));
    QCOMPARE(sql(QStringLiteral("SELECT MAX(version) FROM ferry_schema_migrations")),
             QString::number(store::Migrations::latestVersion()));
}

void TestAdoption::thePipelinesMonitoringQueriesSeeFinishedRunsOnly()
{
    createSeedDatabase();
    writeConfig();
    QCOMPARE(ferry({QStringLiteral("ingest"), QStringLiteral("tickers")}).exitCode, 0);
    QCOMPARE(ferry({QStringLiteral("ingest"), QStringLiteral("market")}).exitCode, 1);
    // A run in progress — or one whose process was killed — as every Ferry task starts one.
    std::unique_ptr<store::Store> store = m_db->newStore();
    store::RunLog log(*store, config::Paths::runQueue(m_db->dataDir()));
    const store::RunRecord inProgress = log.begin(QStringLiteral("tickers"));
    log.begin(QStringLiteral("market"));
    store.reset();

    // Ferry shows them …
    const test::FerryProcess::Result running = ferry({QStringLiteral("history"), QStringLiteral("--status"),
                                                      QStringLiteral("running"), QStringLiteral("--json")});
    QCOMPARE(QJsonDocument::fromJson(running.out.toUtf8()).array().size(), 2);

    // … the pipeline's queries, as written, do not: the newest finished run of each task.
    const auto latest = [&](const QString& task) {
        return sql(
            postgres()
                ? QStringLiteral(
                      "SELECT status, rows_updated, error_message FROM get_latest_sync_status('%1')")
                      .arg(task)
                : QStringLiteral(
                      "SELECT status, rows_updated, error_message FROM sync_logs WHERE task_name = '%1' "
                      "ORDER BY completed_at DESC LIMIT 1")
                      .arg(task));
    };
    QCOMPARE(latest(QStringLiteral("tickers")), QStringLiteral("success|2|"));
    QVERIFY2(latest(QStringLiteral("market")).startsWith(QStringLiteral("failed|0|")),
             qPrintable(latest(QStringLiteral("market"))));
    QCOMPARE(latest(QStringLiteral("stock_prices")),
             QStringLiteral("failed|0|HTTPError: 503 Service Unavailable"));

    const QString perTask = sql(
        postgres() ? QStringLiteral("SELECT DISTINCT ON (task_name) task_name, status FROM sync_logs "
                                    "ORDER BY task_name, completed_at DESC")
                   : QStringLiteral("SELECT task_name, status FROM (SELECT task_name, status, ROW_NUMBER() "
                                    "OVER (PARTITION BY task_name ORDER BY completed_at DESC) AS n "
                                    "FROM sync_logs) WHERE n = 1 ORDER BY task_name"));
    QCOMPARE(perTask,
             QStringLiteral("dcf_valuations|success\ngithub_prs|success\nmarket|failed\nstock_prices|failed\n"
                            "tickers|success"));

    const QString failedThisWeek = sql(
        QStringLiteral(
            "SELECT task_name, error_message FROM sync_logs WHERE status = 'failed' AND completed_at > %1 "
            "ORDER BY completed_at DESC")
            .arg(postgres() ? QStringLiteral("NOW() - INTERVAL '7 days'")
                            : QStringLiteral("datetime('now', '-7 days')")));
    const QStringList failures = failedThisWeek.split(u'\n');
    QCOMPARE(failures.size(), 2);
    QVERIFY2(failures[0].startsWith(QStringLiteral("market|")) &&
                 failures[0].contains(QStringLiteral("FMP_API_KEY")),
             qPrintable(failedThisWeek));
    QCOMPARE(failures[1], QStringLiteral("stock_prices|HTTPError: 503 Service Unavailable"));

    // Finishing the run puts it where the pipeline's queries see it.
    store = m_db->newStore();
    store::RunLog again(*store, config::Paths::runQueue(m_db->dataDir()));
    store::RunRecord finished = inProgress;
    QVERIFY(again.finish(finished, store::RunStatus::Partial, 1, QStringLiteral("1 symbol rejected")).ok());
    QCOMPARE(latest(QStringLiteral("tickers")), QStringLiteral("partial|1|1 symbol rejected"));
}

void TestAdoption::anIncompatibleTableIsRefusedNamingItsColumnsAndNothingChanges()
{
    QCOMPARE(sql(postgres() ? kIncompatiblePostgres : kIncompatibleSqlite), QString());
    QCOMPARE(
        sql(QStringLiteral("INSERT INTO sync_logs (task_name, status, started_at) VALUES ('stock_prices', "
                           "'success', %1)")
                .arg(postgres() ? QStringLiteral("'2026-11-01 05:00:00+00'") : QStringLiteral("1793509200"))),
        QString());
    const QString schemaBefore = schema();
    const QString rowsBefore = sql(QStringLiteral("SELECT id, task_name, status, started_at FROM sync_logs"));
    writeConfig();

    for (const QStringList& args : {QStringList{QStringLiteral("history")},
                                    QStringList{QStringLiteral("ingest"), QStringLiteral("tickers")}}) {
        const test::FerryProcess::Result r = ferry(args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("nothing was changed")), qPrintable(r.err));
        QVERIFY2(r.err.contains(
                     postgres()
                         ? QStringLiteral("sync_logs.started_at is timestamp with time zone, Ferry needs "
                                          "timestamp without time zone")
                         : QStringLiteral("sync_logs.started_at is declared INTEGER")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("sync_logs.metadata is missing")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("tickers has no primary key or unique index on (symbol)")),
                 qPrintable(r.err));
    }
    const test::FerryProcess::Result status = ferry({QStringLiteral("status"), QStringLiteral("--json")});
    const QJsonObject store =
        QJsonDocument::fromJson(status.out.toUtf8()).object()[QStringLiteral("store")].toObject();
    QCOMPARE(store[QStringLiteral("reachable")].toBool(), false);
    QVERIFY2(
        store[QStringLiteral("error")].toString().contains(QStringLiteral("sync_logs.metadata is missing")),
        qPrintable(status.output()));

    QCOMPARE(schema(), schemaBefore); // no ferry_schema_migrations, no index, no table
    QCOMPARE(sql(QStringLiteral("SELECT id, task_name, status, started_at FROM sync_logs")), rowsBefore);
}

void TestAdoption::anOlderFerrysRunningRowsMoveOutOfSyncLogs()
{
    // A database of Ferry before migration 5: a killed run's "running" row in sync_logs.
    QVERIFY(m_db->newStore()->open().ok());
    const QString metadata = QStringLiteral("{\"run_id\": \"0b5a6f1e-0000-4000-8000-000000000001\"}");
    QCOMPARE(sql(QStringLiteral(
                     "DROP TABLE ferry_running_runs; DELETE FROM ferry_schema_migrations WHERE version = 5; "
                     "INSERT INTO sync_logs (%1task_name, status, started_at, metadata) VALUES "
                     "(%2'market', 'running', '%3', '%4'); "
                     "INSERT INTO sync_logs (%1task_name, status, started_at, completed_at, metadata) VALUES "
                     "(%5'stock_prices', 'running', '%6', NULL, NULL)")
                     .arg(postgres() ? QString() : QStringLiteral("id, "),
                          postgres() ? QString() : QStringLiteral("1, "), timeAgo(3600), metadata,
                          postgres() ? QString() : QStringLiteral("2, "))
                     .arg(timeAgo(7200))),
             QString());

    const test::FerryProcess::Result running = ferry({QStringLiteral("history"), QStringLiteral("--status"),
                                                      QStringLiteral("running"), QStringLiteral("--json")});
    QVERIFY2(running.exitCode == 0, qPrintable(running.err));
    const QJsonArray runs = QJsonDocument::fromJson(running.out.toUtf8()).array();
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs[0][QStringLiteral("run_id")].toString(),
             QStringLiteral("0b5a6f1e-0000-4000-8000-000000000001"));
    QCOMPARE(runs[0][QStringLiteral("id")].toInt(), 0);
    // Ferry's own row moved; a row Ferry did not write (no run_id) is left where it was.
    QCOMPARE(sql(QStringLiteral("SELECT task_name FROM sync_logs")), QStringLiteral("stock_prices"));
    QCOMPARE(sql(QStringLiteral("SELECT task_name FROM ferry_running_runs")), QStringLiteral("market"));
}

QTEST_GUILESS_MAIN(TestAdoption)
#include "tst_adoption.moc"
