// `ferry ingest daily --json`, run as users run it (the binary, a config file, FMP_API_KEY), over 2,600
// tickers x 5 days against a local FMP-like server with injected faults, on the test's store backend
// (SQLite, and PostgreSQL under pg_virtualenv): what lands in stock_prices and dcf_valuations, and the
// one sync_logs row of each task.
#include "core/store/runrecord.h"
#include "tests/support/fakeapi.h"
#include "tests/support/ferryprocess.h"
#include "tests/support/testdatabase.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QTimer>
#include <QUrl>

using namespace ferry;
using test::FakeApi;

class TestDailyPipeline : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void goodTickersLandOnceBadOnesAreListedAndEveryTaskIsLogged();
    void dcfRunsAndLandsWhenMarketIsRefused();
    void theExitStatusTellsBadSymbolsFromTickersLeftUndone();
    void aStopDuringEachKindOfWaitEndsTheRunWithinTwoSeconds_data();
    void aStopDuringEachKindOfWaitEndsTheRunWithinTwoSeconds();

private:
    struct Run
    {
        int exitCode = -1;
        QJsonArray tasks; // the --json output
        QString err;
        qint64 stopToExitMs = -1; // when stopped: from SIGTERM to the end of the process
    };
    struct How
    {
        QByteArray retryBaseMs = "5";   // FERRY_RETRY_BASE_MS: the backoff in milliseconds
        std::function<bool()> stopWhen; // SIGTERM 300 ms after it holds
    };
    // Runs `ferry ingest daily --json` against `api`, serving its requests meanwhile (same thread).
    Run daily(const FakeApi& api, const How& how);
    Run daily(const FakeApi& api) { return daily(api, How()); }
    void writeTickers(int n);
    QJsonObject lastRun(const QString& task) const;
    qint64 count(const QString& sql) const { return m_db->count(sql); }

    static QString symbol(int i) { return QStringLiteral("T%1").arg(i, 4, 10, QLatin1Char('0')); }
    static FakeApi::Reply prices(int i);
    static FakeApi::Reply valuation(int i);

    std::unique_ptr<test::TestDatabase> m_db;
};

namespace {

constexpr int kTickers = 2600, kDays = 5;
constexpr int kBurst = 30; // the first price requests answered 429 with Retry-After: 1
// Unknown to the API (HTTP 400 on both endpoints): one ticker in 200.
bool isUnknown(int i)
{
    return i % 200 == 100;
}
constexpr int kUnknown = kTickers / 200;
constexpr int kCut = 2000;           // its prices body is cut in the middle, once: a transient fault
const QList<int> kFlaky{1234, 2222}; // HTTP 500 twice, then fine (both endpoints)
const QDate kLastDay(2026, 11, 20);  // the server's days do not follow the clock: runs compare

int indexOf(const QByteArray& path)
{
    const QByteArray name = QUrl(QString::fromLatin1(path)).path().section(u'/', -1).toLatin1();
    bool ok = false;
    const int i = name.mid(1).toInt(&ok);
    return name.startsWith('T') && ok ? i : -1;
}

} // namespace

void TestDailyPipeline::init()
{
    QVERIFY2(!test::FerryProcess::binary().isEmpty(), "FERRY_BINARY must name the ferry executable");
    m_db = std::make_unique<test::TestDatabase>();
    FERRY_REQUIRE_BACKEND(*m_db);
    writeTickers(kTickers);
}

void TestDailyPipeline::writeTickers(int n)
{
    QFile tickers(m_db->dataDir() + QStringLiteral("/tickers.csv"));
    QVERIFY(tickers.open(QIODevice::WriteOnly | QIODevice::Truncate));
    tickers.write("Ticker;Name\n");
    for (int i = 0; i < n; ++i)
        tickers.write(symbol(i).toLatin1() + ";Company " + QByteArray::number(i) + '\n');
}

void TestDailyPipeline::cleanup()
{
    m_db.reset();
}

FakeApi::Reply TestDailyPipeline::prices(int i)
{
    QJsonArray days;
    for (int d = 0; d < kDays; ++d)
        days.append(QJsonObject{{QStringLiteral("date"), kLastDay.addDays(-d).toString(Qt::ISODate)},
                                {QStringLiteral("open"), i + d / 10.0},
                                {QStringLiteral("high"), i + 1.0},
                                {QStringLiteral("low"), i - 1.0},
                                {QStringLiteral("close"), i + 0.5 + d / 100.0},
                                {QStringLiteral("volume"), 1000 + i * 10 + d}});
    const QJsonObject body{{QStringLiteral("symbol"), symbol(i)}, {QStringLiteral("historical"), days}};
    return {200, {{"Content-Type", "application/json"}}, QJsonDocument(body).toJson(QJsonDocument::Compact)};
}

FakeApi::Reply TestDailyPipeline::valuation(int i)
{
    const QJsonObject v{{QStringLiteral("symbol"), symbol(i)},
                        {QStringLiteral("date"), kLastDay.toString(Qt::ISODate)},
                        {QStringLiteral("dcf"), 100 + i / 4.0},
                        {QStringLiteral("Stock Price"), 90 + i / 8.0}};
    return {200, {{"Content-Type", "application/json"}}, QJsonDocument(QJsonArray{v}).toJson()};
}

TestDailyPipeline::Run TestDailyPipeline::daily(const FakeApi& api, const How& how)
{
    QFile config(m_db->dataDir() + QStringLiteral("/config.json"));
    if (!config.open(QIODevice::WriteOnly))
        return {};
    // The defaults users get: 5 days, concurrency 50 for prices and 10 for valuations.
    config.write(R"({"ingestion": {"market": {"tickers_file": ")" + m_db->dataDir().toUtf8() +
                 R"(/tickers.csv", "api_url": ")" + api.baseUrl() + R"("}}})");
    config.close();
    QProcess p;
    test::FerryProcess ferry(config.fileName(), m_db->dataDir());
    if (!m_db->databaseUrl().isEmpty())
        ferry.env(QStringLiteral("DATABASE_URL"), m_db->databaseUrl());
    ferry.env(QStringLiteral("FMP_API_KEY"), QStringLiteral("secret"))
        .env(QStringLiteral("FERRY_RETRY_BASE_MS"), QString::fromLatin1(how.retryBaseMs));
    QEventLoop loop;
    connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    connect(&p, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    QElapsedTimer sinceStop;
    QTimer watch; // SIGTERM once the server has made the client wait
    watch.setInterval(10);
    connect(&watch, &QTimer::timeout, &loop, [&] {
        if (!how.stopWhen() || sinceStop.isValid())
            return;
        watch.stop();
        QTimer::singleShot(300, &p, [&] {
            sinceStop.start();
            p.terminate();
        });
    });
    if (how.stopWhen)
        watch.start();
    ferry.start(p, {QStringLiteral("ingest"), QStringLiteral("daily"), QStringLiteral("--json")});
    loop.exec(); // the server answers while the child runs
    const qint64 stopToExit = sinceStop.isValid() ? sinceStop.elapsed() : -1;
    if (p.state() != QProcess::NotRunning) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QJsonDocument::fromJson(p.readAllStandardOutput()).array(),
            QString::fromUtf8(p.readAllStandardError()), stopToExit};
}

// The newest sync_logs row of a task, as `ferry history --json` would show it.
QJsonObject TestDailyPipeline::lastRun(const QString& task) const
{
    auto store = m_db->newStore();
    if (!store->open())
        return {};
    const Result<QList<store::RunRecord>> runs = store->runs({task, {}, {}, 1});
    return runs && !runs->isEmpty() ? runs->first().toJson() : QJsonObject();
}

void TestDailyPipeline::goodTickersLandOnceBadOnesAreListedAndEveryTaskIsLogged()
{
    QHash<QByteArray, int> calls; // by path without the query
    int priceRequests = 0, valuationRequests = 0;
    FakeApi api([&](const FakeApi::Request& r) {
        const int i = indexOf(r.path);
        const bool isPrice = r.path.contains("/historical-price-full/");
        const int n = ++calls[r.path.split('?').first()];
        (isPrice ? priceRequests : valuationRequests)++;
        if (i < 0 || !r.path.contains("apikey=secret"))
            return FakeApi::Reply{401, {}, R"({"Error Message": "Invalid API KEY."})"};
        if (isPrice && priceRequests <= kBurst)
            return FakeApi::Reply{429, {{"Retry-After", "1"}}, "Too Many Requests"};
        if (isUnknown(i))
            return FakeApi::Reply{400, {}, R"({"Error Message": "unknown symbol"})"};
        if (kFlaky.contains(i) && n <= 2)
            return FakeApi::Reply{500, {}, "Internal Server Error"};
        FakeApi::Reply reply = isPrice ? prices(i) : valuation(i);
        if (isPrice && i == kCut && n == 1)
            reply.body.truncate(reply.body.size() / 2);
        return reply;
    });
    const int goodPrices = kTickers - kUnknown, goodValuations = kTickers - kUnknown;

    const Run first = daily(api);
    QVERIFY2(first.exitCode == 0, qPrintable(first.err)); // bad symbols skipped: not a failure
    QCOMPARE(first.tasks.size(), 3);
    QCOMPARE(priceRequests, kTickers + kBurst + 2 * int(kFlaky.size()) + 1);
    QCOMPARE(valuationRequests, kTickers + 2 * int(kFlaky.size()));

    // Every good ticker's five days, once; nothing for the bad ones.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM stock_prices")), goodPrices * kDays);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(DISTINCT ticker) FROM stock_prices")), goodPrices);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM (SELECT ticker FROM stock_prices GROUP BY ticker "
                                  "HAVING COUNT(*) <> 5) AS t")),
             0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM stock_prices WHERE ticker IN ('T0100', 'T2500')")),
             0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM stock_prices WHERE ticker = 'T2000'")),
             kDays); // retried
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM stock_prices WHERE ticker = 'T1234'")), kDays);
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT close FROM stock_prices WHERE ticker = 'T0042' AND "
                                         "date = '2026-11-18'"))
                 .toDouble(),
             42.52);
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT volume FROM stock_prices WHERE ticker = 'T2599' AND "
                                         "date = '2026-11-16'"))
                 .toLongLong(),
             1000 + 25990 + 4);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM dcf_valuations")), goodValuations);
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT dcf FROM dcf_valuations WHERE ticker = 'T2222'")).toDouble(),
             100 + 2222 / 4.0);

    // One sync_logs row per task, with its status, rows and (market, dcf) the bad tickers and why.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sync_logs")), 3);
    const QJsonObject tickers = lastRun(QStringLiteral("tickers"));
    QCOMPARE(tickers[QStringLiteral("status")].toString(), store::RunStatus::Success);
    QCOMPARE(tickers[QStringLiteral("rows_updated")].toInt(), kTickers);
    const QJsonObject market = lastRun(QStringLiteral("market"));
    QCOMPARE(market[QStringLiteral("status")].toString(), store::RunStatus::Partial);
    QCOMPARE(market[QStringLiteral("rows_updated")].toInt(), goodPrices * kDays);
    const QJsonObject marketMeta = market[QStringLiteral("metadata")].toObject();
    const QJsonArray skipped = marketMeta[QStringLiteral("skipped")].toArray();
    QCOMPARE(skipped.size(), kUnknown);
    QVERIFY(skipped.contains(QStringLiteral("T0100: HTTP 400")));
    QVERIFY(skipped.contains(QStringLiteral("T2500: HTTP 400")));
    QCOMPARE(marketMeta[QStringLiteral("failed")].toArray().size(), 0);
    QCOMPARE(marketMeta[QStringLiteral("failed_units")].toInt(), 0);
    QCOMPARE(marketMeta[QStringLiteral("skipped_units")].toInt(), kUnknown);
    QCOMPARE(marketMeta[QStringLiteral("retries")].toInt(), kBurst + 2 * int(kFlaky.size()) + 1);
    // The 429 burst is one wait of the whole source, counted once (it was 30 before).
    QVERIFY2(marketMeta[QStringLiteral("waited_seconds")].toDouble() < 1.5,
             qPrintable(QString::number(marketMeta[QStringLiteral("waited_seconds")].toDouble())));
    QVERIFY2(QJsonDocument(marketMeta[QStringLiteral("events")].toArray()).toJson().contains("T2000, try 2"),
             QJsonDocument(marketMeta[QStringLiteral("events")].toArray()).toJson().constData());
    QCOMPARE(marketMeta[QStringLiteral("tickers")].toInt(), kTickers);
    const QJsonObject dcf = lastRun(QStringLiteral("dcf"));
    QCOMPARE(dcf[QStringLiteral("status")].toString(), store::RunStatus::Partial);
    QCOMPARE(dcf[QStringLiteral("rows_updated")].toInt(), goodValuations);
    const QJsonArray dcfSkipped = dcf[QStringLiteral("metadata")][QStringLiteral("skipped")].toArray();
    QCOMPARE(dcfSkipped.size(), kUnknown);
    QVERIFY(dcfSkipped.contains(QStringLiteral("T0300: HTTP 400")));
    // What --json printed is what was logged.
    QCOMPARE(first.tasks[1][QStringLiteral("rows_updated")].toInt(), goodPrices * kDays);
    QCOMPARE(first.tasks[1][QStringLiteral("metadata")][QStringLiteral("skipped")].toArray(), skipped);

    // The same day again (without the 429 burst): the rows are replaced, not added; three more sync_logs
    // rows.
    calls.clear();
    const Run again = daily(api);
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM stock_prices")), goodPrices * kDays);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM dcf_valuations")), goodValuations);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sync_logs")), 6);
    QCOMPARE(lastRun(QStringLiteral("market"))[QStringLiteral("rows_updated")].toInt(), goodPrices * kDays);
    QCOMPARE(lastRun(QStringLiteral("tickers"))[QStringLiteral("rows_updated")].toInt(), 0); // no change
}

void TestDailyPipeline::dcfRunsAndLandsWhenMarketIsRefused()
{
    int priceRequests = 0;
    FakeApi api([&](const FakeApi::Request& r) {
        if (r.path.contains("/historical-price-full/")) { // this key has no access to prices
            ++priceRequests;
            return FakeApi::Reply{401, {}, R"({"Error Message": "Invalid API KEY."})"};
        }
        return valuation(indexOf(r.path));
    });
    const Run run = daily(api);
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.tasks.size(), 3);
    QCOMPARE(run.tasks[1][QStringLiteral("status")].toString(), store::RunStatus::Failed);
    QCOMPARE(run.tasks[2][QStringLiteral("status")].toString(), store::RunStatus::Success);
    // The refusal stopped the task: the requests queued behind the first answers were never sent.
    QVERIFY2(priceRequests <= 50, qPrintable(QString::number(priceRequests)));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM stock_prices")), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM dcf_valuations")), kTickers);

    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sync_logs")), 3);
    const QJsonObject market = lastRun(QStringLiteral("market"));
    QCOMPARE(market[QStringLiteral("status")].toString(), store::RunStatus::Failed);
    QCOMPARE(market[QStringLiteral("rows_updated")].toInt(), 0);
    QVERIFY2(market[QStringLiteral("error_message")].toString().contains(QStringLiteral("check the token")),
             qPrintable(market[QStringLiteral("error_message")].toString()));
    const QJsonObject dcf = lastRun(QStringLiteral("dcf"));
    QCOMPARE(dcf[QStringLiteral("status")].toString(), store::RunStatus::Success);
    QCOMPARE(dcf[QStringLiteral("rows_updated")].toInt(), kTickers);
}

// What a nightly job sees: exit 0 when only bad symbols were skipped (status partial); exit 1 when a
// ticker was left undone (a 500 on every try), with the task's line on stderr saying so.
void TestDailyPipeline::theExitStatusTellsBadSymbolsFromTickersLeftUndone()
{
    writeTickers(20);
    bool broken = false;
    FakeApi api([&](const FakeApi::Request& r) {
        const int i = indexOf(r.path);
        if (i == 5)
            return FakeApi::Reply{400, {}, R"({"Error Message": "unknown symbol"})"};
        if (i == 7 && broken)
            return FakeApi::Reply{500, {}, "Internal Server Error"};
        return r.path.contains("/historical-price-full/") ? prices(i) : valuation(i);
    });
    const Run skippedOnly = daily(api);
    QVERIFY2(skippedOnly.exitCode == 0, qPrintable(skippedOnly.err));
    QCOMPARE(skippedOnly.tasks[1][QStringLiteral("status")].toString(), store::RunStatus::Partial);
    QCOMPARE(skippedOnly.tasks[1][QStringLiteral("metadata")][QStringLiteral("skipped_units")].toInt(), 1);
    QCOMPARE(skippedOnly.tasks[1][QStringLiteral("metadata")][QStringLiteral("failed_units")].toInt(), 0);

    broken = true;
    const Run undone = daily(api);
    QCOMPARE(undone.exitCode, 1);
    QCOMPARE(undone.tasks[1][QStringLiteral("status")].toString(), store::RunStatus::Partial);
    QCOMPARE(undone.tasks[1][QStringLiteral("metadata")][QStringLiteral("failed_units")].toInt(), 1);
    QCOMPARE(undone.tasks[2][QStringLiteral("metadata")][QStringLiteral("failed_units")].toInt(), 1);
    QVERIFY2(undone.tasks[1][QStringLiteral("error")].toString().contains(
                 QStringLiteral("1 of 20 tickers failed (first: T0007: HTTP 500 after 5 tries)")),
             qPrintable(undone.tasks[1][QStringLiteral("error")].toString()));
    // The prices the first run stored stay.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM stock_prices WHERE ticker = 'T0007'")), kDays);
}

void TestDailyPipeline::aStopDuringEachKindOfWaitEndsTheRunWithinTwoSeconds_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<QByteArray>("retryBaseMs");
    QTest::newRow("429 with Retry-After: 120") << 429 << QByteArray("120") << QByteArray("5");
    QTest::newRow("a bare 429: the source's pause") << 429 << QByteArray() << QByteArray("5");
    QTest::newRow("backoff after a 503 (a minute)") << 503 << QByteArray() << QByteArray("30000");
}

// `ferry ingest daily` over 20 tickers; the price of T0010 makes it wait (the other answers come at
// once). SIGTERM 300 ms into the wait ends the process within 2 s, exit 1: the prices that came are
// stored, the market run is logged (stopped, not running), dcf never starts.
void TestDailyPipeline::aStopDuringEachKindOfWaitEndsTheRunWithinTwoSeconds()
{
    QFETCH(int, status);
    QFETCH(QByteArray, retryAfter);
    QFETCH(QByteArray, retryBaseMs);
    writeTickers(20);
    bool waited = false;
    FakeApi api([&](const FakeApi::Request& r) {
        const int i = indexOf(r.path);
        if (i == 10 && r.path.contains("/historical-price-full/")) {
            waited = true;
            FakeApi::Reply reply{status, {}, "Too Many Requests"};
            if (!retryAfter.isEmpty())
                reply.headers.append({"Retry-After", retryAfter});
            return reply;
        }
        return r.path.contains("/historical-price-full/") ? prices(i) : valuation(i);
    });
    How how;
    how.retryBaseMs = retryBaseMs;
    how.stopWhen = [&] {
        return waited;
    };
    const Run run = daily(api, how);
    QVERIFY2(waited, "the server never made the client wait");
    QVERIFY2(run.stopToExitMs >= 0 && run.stopToExitMs < 2000,
             qPrintable(QStringLiteral("%1 ms after SIGTERM; %2").arg(run.stopToExitMs).arg(run.err)));
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(count(QStringLiteral("SELECT (SELECT COUNT(*) FROM sync_logs WHERE status = 'running') + "
                                  "(SELECT COUNT(*) FROM ferry_running_runs)")),
             0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sync_logs WHERE task_name = 'dcf'")), 0);
    const QJsonObject market = lastRun(QStringLiteral("market"));
    QCOMPARE(market[QStringLiteral("metadata")][QStringLiteral("stopped")].toBool(), true);
    QVERIFY2(
        market[QStringLiteral("error_message")].toString().contains(QStringLiteral("stopped before the end")),
        qPrintable(market[QStringLiteral("error_message")].toString()));
    const qint64 stored = count(QStringLiteral("SELECT COUNT(*) FROM stock_prices"));
    QCOMPARE(market[QStringLiteral("rows_updated")].toInt(), int(stored));
    // A source pause holds back what was queued; a backoff does not: the 19 others came.
    QVERIFY2(stored > 0 && stored <= 19 * kDays, qPrintable(QString::number(stored)));
    if (status == 503)
        QCOMPARE(stored, 19 * kDays);
}

QTEST_GUILESS_MAIN(TestDailyPipeline)
#include "tst_dailypipeline.moc"
