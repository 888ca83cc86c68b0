// `ferry daemon` as processes against a local FMP-like server, on the test's store backend (SQLite, and
// PostgreSQL under pg_virtualenv): two daemons run a due pipeline once, a killed daemon's lease expires
// and another finishes the run, SIGTERM ends a run cleanly.
#include "tests/support/fakeapi.h"
#include "tests/support/ferryprocess.h"
#include "tests/support/gitcli.h"
#include "tests/support/replica.h"
#include "tests/support/testdatabase.h"

#include <functional>
#include <optional>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace ferry;
using test::FakeApi;

namespace {

constexpr int kTickers = 6;

// One `ferry daemon` process; its output is collected as it comes.
class Daemon
{
public:
    Daemon(const test::TestDatabase& db, const QString& configPath, int leaseSeconds,
           const QByteArray& retryBaseMs = QByteArray())
    {
        test::FerryProcess ferry(configPath, db.dataDir());
        if (!db.databaseUrl().isEmpty())
            ferry.env(QStringLiteral("DATABASE_URL"), db.databaseUrl());
        ferry.env(QStringLiteral("FMP_API_KEY"), QStringLiteral("secret"))
            .env(QStringLiteral("FERRY_SCHEDULE_TICK_MS"), QStringLiteral("100"))
            .env(QStringLiteral("FERRY_LEASE_SECONDS"), QString::number(leaseSeconds));
        if (!retryBaseMs.isEmpty())
            ferry.env(QStringLiteral("FERRY_RETRY_BASE_MS"), QString::fromLatin1(retryBaseMs));
        ferry.start(m_process, {QStringLiteral("daemon")});
    }
    ~Daemon()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    QProcess& process() { return m_process; }
    QByteArray out()
    {
        m_out += m_process.readAllStandardOutput();
        return m_out;
    }
    QByteArray err()
    {
        m_err += m_process.readAllStandardError();
        return m_err;
    }
    bool finished() const { return m_process.state() == QProcess::NotRunning; }

private:
    QProcess m_process;
    QByteArray m_out, m_err;
};

} // namespace

class TestDaemon : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void twoDaemonsRunADuePipelineOnce();
    void aKilledDaemonsRunIsFinishedByAnotherAfterItsLeaseExpires();
    void sigtermDuringARunExitsZeroWithEveryRowFinished();
    void sigtermDuringAWaitEndsTheDaemonWithinTwoSeconds_data();
    void sigtermDuringAWaitEndsTheDaemonWithinTwoSeconds();
    void aTaskThatLeftTickersUndoneIsReportedOnStderr();
    void theWatchersSyncUntilSigterm();
    void nothingToRunIsAUsageError();

private:
    void writeConfig();
    qint64 count(const QString& sql) const { return m_db->count(sql); }

    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<FakeApi> m_api;
    int m_delayMs = 0;
    // Answers in place of the real one for some requests: (symbol, is a price request) -> reply.
    std::function<std::optional<FakeApi::Reply>(const QString&, bool)> m_fault;
    QString m_configPath;
};

void TestDaemon::init()
{
    QVERIFY2(!test::FerryProcess::binary().isEmpty(), "FERRY_BINARY must name the ferry executable");
    m_db = std::make_unique<test::TestDatabase>();
    FERRY_REQUIRE_BACKEND(*m_db);
    m_delayMs = 0;
    m_fault = nullptr;
    m_api = std::make_unique<FakeApi>([this](const FakeApi::Request& r) {
        const QUrl url(QString::fromLatin1(r.path));
        const QString symbol = url.path().section(u'/', -1);
        if (QUrlQuery(url).queryItemValue(QStringLiteral("apikey")) != u"secret")
            return FakeApi::Reply{401, {}, R"({"Error Message": "Invalid API KEY."})"};
        if (m_fault)
            if (std::optional<FakeApi::Reply> fault =
                    m_fault(symbol, url.path().contains(u"historical-price-full")))
                return *fault;
        QByteArray body;
        if (url.path().contains(u"historical-price-full")) {
            QJsonArray days;
            for (int i = 0; i < 3; ++i)
                days.append(
                    QJsonObject{{QStringLiteral("date"), QDate(2026, 11, 20 - i).toString(Qt::ISODate)},
                                {QStringLiteral("open"), 10.0},
                                {QStringLiteral("high"), 11.0},
                                {QStringLiteral("low"), 9.0},
                                {QStringLiteral("close"), 10.5},
                                {QStringLiteral("volume"), 1000}});
            body = QJsonDocument(
                       QJsonObject{{QStringLiteral("symbol"), symbol}, {QStringLiteral("historical"), days}})
                       .toJson();
        } else {
            body =
                QJsonDocument(QJsonArray{QJsonObject{{QStringLiteral("symbol"), symbol},
                                                     {QStringLiteral("date"), QStringLiteral("2026-11-20")},
                                                     {QStringLiteral("dcf"), 100.0},
                                                     {QStringLiteral("Stock Price"), 90.0}}})
                    .toJson();
        }
        return FakeApi::Reply{200, {{"Content-Type", "application/json"}}, body, m_delayMs};
    });
    writeConfig();
}

void TestDaemon::cleanup()
{
    m_api.reset();
    m_db.reset();
}

// The daily pipeline is due every day at 00:00 UTC: always already past today.
void TestDaemon::writeConfig()
{
    const QString tickers = m_db->dataDir() + QStringLiteral("/tickers.txt");
    QFile t(tickers);
    QVERIFY(t.open(QIODevice::WriteOnly));
    for (int i = 0; i < kTickers; ++i)
        t.write("SYM" + QByteArray::number(i) + '\n');
    t.close();
    m_configPath = m_db->dataDir() + QStringLiteral("/config.json");
    QFile c(m_configPath);
    QVERIFY(c.open(QIODevice::WriteOnly));
    c.write(QJsonDocument(
                QJsonObject{
                    {QStringLiteral("ingestion"),
                     QJsonObject{
                         {QStringLiteral("market"),
                          QJsonObject{{QStringLiteral("api_url"), QString::fromLatin1(m_api->baseUrl())},
                                      {QStringLiteral("tickers_file"), tickers},
                                      {QStringLiteral("days"), 3},
                                      {QStringLiteral("concurrency"), 2},
                                      {QStringLiteral("dcf_concurrency"), 2},
                                      {QStringLiteral("schedule"),
                                       QJsonObject{{QStringLiteral("time"), QStringLiteral("00:00")},
                                                   {QStringLiteral("timezone"), QStringLiteral("UTC")}}}}}}}})
                .toJson());
}

void TestDaemon::twoDaemonsRunADuePipelineOnce()
{
    Daemon a(*m_db, m_configPath, 600), b(*m_db, m_configPath, 600);
    QTRY_VERIFY2_WITH_TIMEOUT(
        count(QStringLiteral("SELECT COUNT(*) FROM job_runs WHERE last_due IS NOT NULL")) == 1,
        (a.err() + b.err()).constData(), 30000);
    QTest::qWait(1000); // ten more ticks each: nobody runs it again
    a.process().terminate();
    b.process().terminate();
    QTRY_VERIFY_WITH_TIMEOUT(a.finished() && b.finished(), 20000);
    QCOMPARE(a.process().exitCode(), 0);
    QCOMPARE(b.process().exitCode(), 0);
    const QByteArray out = a.out() + b.out();
    QCOMPARE(out.count("ferry daemon: daily: started"), 1);
    QVERIFY2(out.contains("ferry daemon: daily: finished: success"), out.constData());
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sync_logs")), 3);
    for (const char* task : {"tickers", "market", "dcf"})
        QCOMPARE(count(QStringLiteral(
                           "SELECT COUNT(*) FROM sync_logs WHERE task_name = '%1' AND status = 'success'")
                           .arg(QLatin1String(task))),
                 1);
    QCOMPARE(m_api->requests(), 2 * kTickers); // one price and one valuation request per ticker
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM stock_prices")), 3 * kTickers);
}

void TestDaemon::aKilledDaemonsRunIsFinishedByAnotherAfterItsLeaseExpires()
{
    m_delayMs = 400; // the market task takes a few seconds: time to kill the daemon in the middle
    Daemon a(*m_db, m_configPath, 2);
    QTRY_VERIFY2_WITH_TIMEOUT(m_api->requests() >= 1, a.err().constData(), 20000);
    a.process().kill();
    QTRY_VERIFY_WITH_TIMEOUT(a.finished(), 5000);
    QElapsedTimer sinceKill;
    sinceKill.start();
    QVERIFY(!m_db->scalar(QStringLiteral("SELECT lease_holder FROM job_runs")).isEmpty()); // left behind
    const int requestsOfA = m_api->requests();

    m_delayMs = 0;
    Daemon b(*m_db, m_configPath, 2);
    QTRY_VERIFY2_WITH_TIMEOUT(b.out().contains("ferry daemon: daily: started"), b.err().constData(), 20000);
    // a renewed its 2 s lease every 0.67 s: it cannot have expired much sooner than 1.3 s after the kill.
    QVERIFY2(sinceKill.elapsed() >= 1000, qPrintable(QString::number(sinceKill.elapsed())));
    QTRY_VERIFY2_WITH_TIMEOUT(b.out().contains("ferry daemon: daily: finished"), b.err().constData(), 20000);
    b.process().terminate();
    QTRY_VERIFY_WITH_TIMEOUT(b.finished(), 20000);
    QCOMPARE(b.process().exitCode(), 0);
    QCOMPARE(m_api->requests(), requestsOfA + 2 * kTickers);
    // a's market run stays "running" (it died), apart from sync_logs; b logged its own three.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM ferry_running_runs WHERE task_name = 'market'")), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sync_logs WHERE status = 'running'")), 0);
    QCOMPARE(count(QStringLiteral(
                 "SELECT COUNT(*) FROM sync_logs WHERE task_name = 'dcf' AND status = 'success'")),
             1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM dcf_valuations")), kTickers);
    QCOMPARE(count(QStringLiteral(
                 "SELECT COUNT(*) FROM job_runs WHERE last_due IS NOT NULL AND lease_holder IS NULL")),
             1);
}

void TestDaemon::sigtermDuringARunExitsZeroWithEveryRowFinished()
{
    m_delayMs = 400;
    Daemon a(*m_db, m_configPath, 600);
    QTRY_VERIFY2_WITH_TIMEOUT(m_api->requests() >= 1, a.err().constData(), 20000);
    a.process().terminate();
    QTRY_VERIFY_WITH_TIMEOUT(a.finished(), 20000);
    QCOMPARE(a.process().exitStatus(), QProcess::NormalExit);
    QVERIFY2(a.process().exitCode() == 0, a.err().constData());
    QVERIFY2(a.out().contains("ferry daemon: daily: stopped before the end"), a.out().constData());
    QVERIFY(a.out().contains("ferry daemon: stopped"));
    QVERIFY(m_api->requests() < 2 * kTickers); // nothing new was sent after the signal
    QCOMPARE(count(QStringLiteral("SELECT (SELECT COUNT(*) FROM sync_logs WHERE status = 'running') + "
                                  "(SELECT COUNT(*) FROM ferry_running_runs)")),
             0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sync_logs WHERE task_name = 'market'")), 1);
    // The answers in flight when the signal came were stored, and the row says how many.
    const qint64 prices = count(QStringLiteral("SELECT COUNT(*) FROM stock_prices"));
    QVERIFY2(prices > 0 && prices < 3 * kTickers, qPrintable(QString::number(prices)));
    QCOMPARE(count(QStringLiteral("SELECT rows_updated FROM sync_logs WHERE task_name = 'market'")), prices);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sync_logs WHERE task_name = 'dcf'")), 0);
    // The lease went back and the run is still due: the next daemon runs it.
    QCOMPARE(count(QStringLiteral(
                 "SELECT COUNT(*) FROM job_runs WHERE lease_holder IS NULL AND last_due IS NULL")),
             1);
}

void TestDaemon::sigtermDuringAWaitEndsTheDaemonWithinTwoSeconds_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<QByteArray>("retryBaseMs");
    QTest::newRow("429 with Retry-After: 300") << 429 << QByteArray("300") << QByteArray("5");
    QTest::newRow("backoff after a 503 (a minute)") << 503 << QByteArray() << QByteArray("30000");
}

// The daily run waits minutes for SYM2's price; SIGTERM 300 ms into the wait ends the daemon within 2 s,
// exit 0, the market row written, the lease given back and the run still due.
void TestDaemon::sigtermDuringAWaitEndsTheDaemonWithinTwoSeconds()
{
    QFETCH(int, status);
    QFETCH(QByteArray, retryAfter);
    QFETCH(QByteArray, retryBaseMs);
    bool waited = false;
    m_fault = [&](const QString& symbol, bool isPrice) -> std::optional<FakeApi::Reply> {
        if (symbol != u"SYM2" || !isPrice)
            return std::nullopt;
        waited = true;
        FakeApi::Reply reply{status, {}, "Too Many Requests"};
        if (!retryAfter.isEmpty())
            reply.headers.append({"Retry-After", retryAfter});
        return reply;
    };
    Daemon a(*m_db, m_configPath, 600, retryBaseMs);
    QTRY_VERIFY2_WITH_TIMEOUT(waited, a.err().constData(), 20000);
    QTest::qWait(300);
    QElapsedTimer sinceStop;
    sinceStop.start();
    a.process().terminate();
    QTRY_VERIFY_WITH_TIMEOUT(a.finished(), 20000);
    QVERIFY2(sinceStop.elapsed() < 2000, qPrintable(QString::number(sinceStop.elapsed())));
    QCOMPARE(a.process().exitStatus(), QProcess::NormalExit);
    QVERIFY2(a.process().exitCode() == 0, a.err().constData());
    QVERIFY2(a.out().contains("ferry daemon: daily: stopped before the end; due again"), a.out().constData());
    if (status == 429) // the source's pause is told as it begins
        QVERIFY2(a.out().contains(
                     "ferry daemon: daily: market: waiting 300 s: HTTP 429 (too many requests) (SYM2"),
                 a.out().constData());
    QCOMPARE(count(QStringLiteral("SELECT (SELECT COUNT(*) FROM sync_logs WHERE status = 'running') + "
                                  "(SELECT COUNT(*) FROM ferry_running_runs)")),
             0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sync_logs WHERE task_name = 'market'")), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sync_logs WHERE task_name = 'dcf'")), 0);
    QCOMPARE(count(QStringLiteral(
                 "SELECT COUNT(*) FROM job_runs WHERE lease_holder IS NULL AND last_due IS NULL")),
             1);
}

// The daemon's log tells automation what `ferry ingest`'s exit status does, with the same line: a task
// that left a ticker undone (a 500 on every try) on stderr; one that only skipped a bad symbol on stdout.
void TestDaemon::aTaskThatLeftTickersUndoneIsReportedOnStderr()
{
    m_fault = [](const QString& symbol, bool isPrice) -> std::optional<FakeApi::Reply> {
        if (symbol == u"SYM1")
            return FakeApi::Reply{400, {}, R"({"Error Message": "unknown symbol"})"};
        if (symbol == u"SYM3" && isPrice)
            return FakeApi::Reply{500, {}, "Internal Server Error"};
        return std::nullopt;
    };
    Daemon a(*m_db, m_configPath, 600, "5");
    QTRY_VERIFY2_WITH_TIMEOUT(a.out().contains("ferry daemon: daily: finished"), a.err().constData(), 30000);
    a.process().terminate();
    QTRY_VERIFY_WITH_TIMEOUT(a.finished(), 20000);
    QCOMPARE(a.process().exitCode(), 0);
    const QByteArray err = a.err(), out = a.out();
    QVERIFY2(
        err.contains("ferry daemon: daily: market: partial, 12 rows (1 failed, 1 skipped): 1 of 6 tickers "
                     "failed (first: SYM3: HTTP 500 after 5 tries)"),
        err.constData());
    QVERIFY2(out.contains("ferry daemon: daily: dcf: partial, 5 rows (1 skipped)"), out.constData());
    QVERIFY2(!err.contains("dcf:"), err.constData());
}

// A profile and no ingestion: the daemon is `ferry sync --watch` with a different name.
void TestDaemon::theWatchersSyncUntilSigterm()
{
    const QString remote = m_db->dataDir() + QStringLiteral("/remote.git");
    test::GitCli::ok(m_db->dataDir(),
                     {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), remote});
    QTemporaryDir home; // the folder outside the daemon's data directory, as Ferry requires
    test::Replica alpha(home.path(), QStringLiteral("alpha"), remote);
    alpha.profile().debounceMs = 200;
    alpha.profile().pollSeconds = 1;
    alpha.write(QStringLiteral("before.md"), "hello\n");
    Daemon d(*m_db, alpha.writeConfig(), 600);
    const auto inBranch = [&](const char* name) {
        return test::filesInBranch(remote, QStringLiteral("sync"), QStringLiteral("shared/docs"))
            .contains(QString::fromLatin1(name));
    };
    QTRY_VERIFY2_WITH_TIMEOUT(inBranch("before.md"), d.err().constData(), 15000);
    alpha.write(QStringLiteral("while-running.md"), "hello\n");
    QTRY_VERIFY2_WITH_TIMEOUT(inBranch("while-running.md"), d.err().constData(), 15000);
    d.process().terminate();
    QTRY_VERIFY_WITH_TIMEOUT(d.finished(), 20000);
    QCOMPARE(d.process().exitCode(), 0);
    QVERIFY2(d.out().contains("ferry daemon: watching 1 profile(s), 0 schedule(s)"), d.out().constData());
    QVERIFY2(d.out().contains("alpha: ok"), d.out().constData()); // a line per cycle
    QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM sync_logs WHERE task_name = 'sync:alpha' AND "
                                 "status = 'success'")) >= 2);
    QCOMPARE(count(QStringLiteral("SELECT (SELECT COUNT(*) FROM sync_logs WHERE status = 'running') + "
                                  "(SELECT COUNT(*) FROM ferry_running_runs)")),
             0);
}

void TestDaemon::nothingToRunIsAUsageError()
{
    QFile c(m_configPath);
    QVERIFY(c.open(QIODevice::WriteOnly | QIODevice::Truncate));
    c.write("{}");
    c.close();
    Daemon a(*m_db, m_configPath, 600);
    QVERIFY(a.process().waitForFinished(20000));
    QCOMPARE(a.process().exitCode(), 2);
    QVERIFY2(a.err().contains("ferry daemon: nothing to run"), a.err().constData());
}

QTEST_GUILESS_MAIN(TestDaemon)
#include "tst_daemon.moc"
