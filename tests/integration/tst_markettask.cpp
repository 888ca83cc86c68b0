// The `market` task against a local server that answers like the FMP API, with injected faults, on the
// test's store backend (SQLite, and PostgreSQL under pg_virtualenv).
#include "core/ingest/dcftask.h"
#include "core/ingest/markettask.h"
#include "core/store/runrecord.h"
#include "tests/support/fakeapi.h"
#include "tests/support/testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrlQuery>

using namespace ferry;
using test::FakeApi;

class TestMarketTask : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void goodTickersLandOnceAndBadOnesAreListed();
    void aMissingKeyFailsBeforeAnyRequest();
    void refusedCredentialsStopTheTask();
    void valuationsLandOnePerTicker();

private:
    config::MarketSource market(const FakeApi& api) const;
    static FakeApi::Reply prices(const QByteArray& symbol, const QUrlQuery& query);

    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<store::Store> m_store;
    const QDateTime m_now{QDate(2026, 11, 23), QTime(5, 0), Qt::UTC};
};

void TestMarketTask::init()
{
    m_db = std::make_unique<test::TestDatabase>();
    FERRY_REQUIRE_BACKEND(*m_db);
    m_store = m_db->newStore();
    QVERIFY(m_store->open().ok());
}

config::MarketSource TestMarketTask::market(const FakeApi& api) const
{
    config::MarketSource m;
    m.apiUrl = QString::fromLatin1(api.baseUrl());
    m.days = 5;
    m.concurrency = 8;
    return m;
}

// Five days ending at `to`, with prices derived from the symbol.
FakeApi::Reply TestMarketTask::prices(const QByteArray& symbol, const QUrlQuery& query)
{
    const QDate to = QDate::fromString(query.queryItemValue(QStringLiteral("to")), Qt::ISODate);
    QJsonArray days;
    for (int i = 0; i < 5; ++i)
        days.append(QJsonObject{{QStringLiteral("date"), to.addDays(-i).toString(Qt::ISODate)},
                                {QStringLiteral("open"), 10.0 + i},
                                {QStringLiteral("high"), 11.5 + i},
                                {QStringLiteral("low"), 9.25 + i},
                                {QStringLiteral("close"), 10.75 + i},
                                {QStringLiteral("volume"), 1000000 + i},
                                {QStringLiteral("adjClose"), 10.7}});
    return {200,
            {{"Content-Type", "application/json"}},
            QJsonDocument(QJsonObject{{QStringLiteral("symbol"), QString::fromLatin1(symbol)},
                                      {QStringLiteral("historical"), days}})
                .toJson()};
}

void TestMarketTask::goodTickersLandOnceAndBadOnesAreListed()
{
    QStringList symbols;
    for (int i = 0; i < 60; ++i)
        symbols << QStringLiteral("T%1").arg(i, 3, 10, QLatin1Char('0'));
    symbols << QStringLiteral("BAD") << QStringLiteral("FLAKY") << QStringLiteral("CUT")
            << QStringLiteral("GONE");
    QVERIFY(m_store->replaceTickers(symbols, m_now).ok());
    QHash<QByteArray, int> calls;
    int total = 0;
    FakeApi api([&](const FakeApi::Request& r) {
        const QUrl url(QString::fromLatin1(r.path));
        const QByteArray symbol = url.path().section(u'/', -1).toLatin1();
        const QUrlQuery query(url);
        const int n = ++calls[symbol];
        if (query.queryItemValue(QStringLiteral("apikey")) != u"secret")
            return FakeApi::Reply{401, {}, R"({"Error Message": "Invalid API KEY."})"};
        if (symbol.startsWith('T') && ++total <= 3) // a burst of 429s at the start
            return FakeApi::Reply{429, {{"Retry-After", "1"}}, "Too Many Requests"};
        if (symbol == "BAD")
            return FakeApi::Reply{400, {}, R"({"Error Message": "bad symbol"})"};
        if (symbol == "FLAKY" && n <= 2)
            return FakeApi::Reply{500, {}, "oops"};
        if (symbol == "GONE")
            return FakeApi::Reply{200, {}, "{}"}; // FMP's answer for an unknown symbol
        FakeApi::Reply reply = prices(symbol, query);
        if (symbol == "CUT" && n == 1) // cut short once: a transient fault like a 5xx
            reply.body.truncate(reply.body.size() / 2);
        return reply;
    });
    ingest::HttpClient::Options http;
    http.retry.backoff.baseMs = 1;
    http.retry.waitScale = 0.05;
    const ingest::TaskOutcome first =
        ingest::MarketTask::run(*m_store, market(api), QStringLiteral("secret"), http, m_now);
    QCOMPARE(first.status, store::RunStatus::Partial);
    QCOMPARE(first.rowsUpdated, 62 * 5); // 60 good tickers, FLAKY and CUT, five days each
    QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM stock_prices")), 62 * 5);
    QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM stock_prices WHERE ticker = 'FLAKY'")), 5);
    QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM stock_prices WHERE ticker = 'CUT'")), 5);
    QCOMPARE(m_db->scalar(QStringLiteral(
                              "SELECT close FROM stock_prices WHERE ticker = 'T007' AND date = '2026-11-21'"))
                 .toDouble(),
             12.75);
    const QString skipped =
        QString::fromUtf8(QJsonDocument(first.metadata[QStringLiteral("skipped")].toArray()).toJson());
    QVERIFY2(skipped.contains(QStringLiteral("BAD: HTTP 400")), qPrintable(skipped));
    QVERIFY2(skipped.contains(QStringLiteral("GONE: no prices")), qPrintable(skipped));
    QCOMPARE(first.metadata[QStringLiteral("skipped")].toArray().size(), 2);
    QCOMPARE(first.metadata[QStringLiteral("failed")].toArray().size(), 0);
    // Bad symbols only: skipped, not failed; the run needs nobody's attention.
    QCOMPARE(first.skippedUnits, 2);
    QCOMPARE(first.failedUnits, 0);
    QVERIFY(!first.needsAttention());
    // Every request beyond one per ticker was a retry (the 429 burst, FLAKY's 500s, CUT's cut body), and
    // is counted; each wait is in the run's events.
    QCOMPARE(first.metadata[QStringLiteral("retries")].toInt(), api.requests() - 64);
    QCOMPARE(api.requests(), 64 + 3 + 2 + 1);
    QCOMPARE(calls.value("FLAKY"), 3);
    QCOMPARE(calls.value("CUT"), 2);
    QCOMPARE(calls.value("BAD"), 1); // a 400 is not retried
    const QString events =
        QString::fromUtf8(QJsonDocument(first.metadata[QStringLiteral("events")].toArray()).toJson());
    QVERIFY2(events.contains(QStringLiteral(": HTTP 429 (too many requests) (T")), qPrintable(events));
    QVERIFY2(events.contains(QStringLiteral(": HTTP 500 (FLAKY, try 2)")), qPrintable(events));
    QVERIFY2(events.contains(QStringLiteral(": malformed body")), qPrintable(events));

    // Running again the same day upserts the same rows: nothing doubles.
    const ingest::TaskOutcome again =
        ingest::MarketTask::run(*m_store, market(api), QStringLiteral("secret"), http, m_now);
    QCOMPARE(again.rowsUpdated, 62 * 5);
    QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM stock_prices")), 62 * 5);
}

void TestMarketTask::aMissingKeyFailsBeforeAnyRequest()
{
    QVERIFY(m_store->replaceTickers({QStringLiteral("AAPL")}, m_now).ok());
    FakeApi api([](const FakeApi::Request&) { return FakeApi::Reply{200, {}, "{}"}; });
    const ingest::TaskOutcome o = ingest::MarketTask::run(*m_store, market(api), QString(), {}, m_now);
    QCOMPARE(o.status, store::RunStatus::Failed);
    QVERIFY2(o.error.contains(QStringLiteral("FMP_API_KEY")), qPrintable(o.error));
    QCOMPARE(api.requests(), 0);
}

void TestMarketTask::refusedCredentialsStopTheTask()
{
    QStringList symbols;
    for (int i = 0; i < 50; ++i)
        symbols << QStringLiteral("S%1").arg(i);
    QVERIFY(m_store->replaceTickers(symbols, m_now).ok());
    FakeApi api([](const FakeApi::Request&) {
        return FakeApi::Reply{401, {}, R"({"Error Message": "Invalid API KEY."})"};
    });
    config::MarketSource m = market(api);
    m.concurrency = 2;
    const ingest::TaskOutcome o = ingest::MarketTask::run(*m_store, m, QStringLiteral("wrong"), {}, m_now);
    QCOMPARE(o.status, store::RunStatus::Failed);
    QVERIFY2(o.error.contains(QStringLiteral("check the token")), qPrintable(o.error));
    QVERIFY2(api.requests() <= 2, qPrintable(QString::number(api.requests()))); // the rest were never sent
    QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM stock_prices")), 0);
}

void TestMarketTask::valuationsLandOnePerTicker()
{
    QStringList symbols;
    for (int i = 0; i < 20; ++i)
        symbols << QStringLiteral("V%1").arg(i, 2, 10, QLatin1Char('0'));
    symbols << QStringLiteral("BAD") << QStringLiteral("EMPTY") << QStringLiteral("CUT");
    QVERIFY(m_store->replaceTickers(symbols, m_now).ok());
    FakeApi api([&](const FakeApi::Request& r) {
        const QByteArray symbol = QUrl(QString::fromLatin1(r.path)).path().section(u'/', -1).toLatin1();
        if (symbol == "BAD")
            return FakeApi::Reply{404, {}, "{}"};
        if (symbol == "EMPTY")
            return FakeApi::Reply{200, {}, "[]"};
        const double n = symbol.mid(1).toInt();
        QByteArray body = "[{\"symbol\": \"" + symbol +
                          "\", \"date\": \"2026-11-21\", \"dcf\": " + QByteArray::number(100 + n) +
                          ", \"Stock Price\": " + QByteArray::number(90 + n) + "}]";
        if (symbol == "CUT")
            body.chop(10);
        return FakeApi::Reply{200, {}, body, 20};
    });
    config::MarketSource m = market(api);
    m.dcfConcurrency = 4;
    ingest::HttpClient::Options http;
    http.retry.backoff.baseMs = 1;
    const ingest::TaskOutcome o = ingest::DcfTask::run(*m_store, m, QStringLiteral("secret"), http, m_now);
    QCOMPARE(o.status, store::RunStatus::Partial);
    QCOMPARE(o.rowsUpdated, 20);
    QCOMPARE(api.maxConcurrent(), 4);
    QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM dcf_valuations")), 20);
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT dcf FROM dcf_valuations WHERE ticker = 'V07'")).toDouble(),
             107.0);
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT stock_price FROM dcf_valuations WHERE ticker = 'V07'"))
                 .toDouble(),
             97.0);
    // BAD and EMPTY are bad symbols (skipped); CUT's body is cut short on every try: failed, a unit the
    // next run must do again.
    QCOMPARE(o.metadata[QStringLiteral("skipped")].toArray().size(), 2);
    const QJsonArray failed = o.metadata[QStringLiteral("failed")].toArray();
    QCOMPARE(failed.size(), 1);
    QVERIFY2(failed[0].toString().startsWith(QStringLiteral("CUT: malformed body")) &&
                 failed[0].toString().endsWith(QStringLiteral("after 5 tries")),
             qPrintable(failed[0].toString()));
    QCOMPARE(o.failedUnits, 1);
    QVERIFY(o.needsAttention());
    // Again: still one row per ticker.
    QCOMPARE(ingest::DcfTask::run(*m_store, m, QStringLiteral("secret"), http, m_now).rowsUpdated, 20);
    QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM dcf_valuations")), 20);
}

QTEST_GUILESS_MAIN(TestMarketTask)
#include "tst_markettask.moc"
