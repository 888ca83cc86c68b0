// The one retry policy and the one classification of answers, as GitHub's and FMP's documentation ask:
// pure decisions, no server, no clock but the one given.
#include "core/ingest/httpclient.h"
#include "core/ingest/httpverdict.h"
#include "core/util/retrypolicy.h"
#include "core/util/stoptoken.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>

using namespace ferry;
using ingest::HttpResponse;
using ingest::HttpVerdict;
using util::RetryPolicy;
using Wait = util::RetryPolicy::Wait;

Q_DECLARE_METATYPE(HttpVerdict::Kind)

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private slots:
    void transientFaultsBackOffExponentiallyForBoundedTries();
    void aLimitThatSaysNothingPausesThenDoublesThenGivesUp();
    void theWaitTheServerAskedForIsWaitedAsAsked();
    void aWaitPastTheCapIsNotMade();
    void everyAnswerIsClassifiedAsTheDocsSay_data();
    void everyAnswerIsClassifiedAsTheDocsSay();
    void aSkewedClockUsesTheServersDateForTheReset();
    void aStopWakesAnEventLoopWaitAtOnce();
    void aStopBeforeTheWaitIsSeenToo();
};

void TestRetryPolicy::transientFaultsBackOffExponentiallyForBoundedTries()
{
    RetryPolicy p;
    p.backoff.baseMs = 100;
    p.backoff.attempts = 4;
    for (int retry = 1; retry <= 3; ++retry) {
        const Wait w = p.afterFault(retry);
        QCOMPARE(w.kind, Wait::Kind::Retry);
        QVERIFY2(w.ms >= (1 << retry) * 100 && w.ms < ((1 << retry) + 1) * 100,
                 qPrintable(QString::number(w.ms)));
    }
    QCOMPARE(p.afterFault(4).kind, Wait::Kind::GiveUp); // four tries in all
}

// GitHub: "Otherwise, wait for at least one minute before retrying. If your request continues to fail due
// to a secondary rate limit, wait for an exponentially increasing amount of time between retries, and
// throw an error after a specific number of retries."
void TestRetryPolicy::aLimitThatSaysNothingPausesThenDoublesThenGivesUp()
{
    RetryPolicy p; // 60 s, 8 tries, 900 s cap
    p.maxWaitSeconds = 100000;
    p.rateLimitTries = 4;
    QCOMPARE(p.afterRateLimit(1, std::nullopt).ms, 60000);
    QCOMPARE(p.afterRateLimit(2, std::nullopt).ms, 120000);
    QCOMPARE(p.afterRateLimit(3, std::nullopt).ms, 240000);
    QCOMPARE(p.afterRateLimit(4, std::nullopt).ms, 480000);
    QCOMPARE(p.afterRateLimit(5, std::nullopt).kind, Wait::Kind::GiveUp);
    // FMP's source: a 429 without Retry-After pauses 10 s, then 20.
    p.rateLimitPauseSeconds = 10;
    QCOMPARE(p.afterRateLimit(1, std::nullopt).ms, 10000);
    QCOMPARE(p.afterRateLimit(2, std::nullopt).ms, 20000);
    // Tests scale the wait, not the decision.
    p.waitScale = 0.01;
    QCOMPARE(p.afterRateLimit(2, std::nullopt).ms, 200);
}

void TestRetryPolicy::theWaitTheServerAskedForIsWaitedAsAsked()
{
    const RetryPolicy p;
    const Wait w = p.afterRateLimit(3, 1000); // retry-after: 1, the third limit in a row
    QCOMPARE(w.kind, Wait::Kind::Retry);
    QCOMPARE(w.ms, 1000);
    QCOMPARE(p.afterRateLimit(1, 0).ms, 0);
}

void TestRetryPolicy::aWaitPastTheCapIsNotMade()
{
    RetryPolicy p; // cap 900 s
    p.waitScale = 0.001;
    const Wait reset = p.afterRateLimit(1, 3540 * 1000); // a primary reset 59 minutes away
    QCOMPARE(reset.kind, Wait::Kind::TooLong);
    QCOMPARE(reset.ms, 3540 * 1000); // unscaled: when it lifts
    QCOMPARE(p.afterRateLimit(1, 900 * 1000).kind, Wait::Kind::Retry);
    // The doubling pause meets the cap too: 60, 120, 240, 480 s, then 960 s is too long.
    QCOMPARE(p.afterRateLimit(4, std::nullopt).kind, Wait::Kind::Retry);
    QCOMPARE(p.afterRateLimit(5, std::nullopt).kind, Wait::Kind::TooLong);
}

void TestRetryPolicy::everyAnswerIsClassifiedAsTheDocsSay_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("headers"); // "name: value; name: value"
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<HttpVerdict::Kind>("kind");
    QTest::addColumn<QString>("what");
    QTest::addColumn<qint64>("waitMs"); // -1: none asked

    using K = HttpVerdict::Kind;
    const QByteArray reset = "x-ratelimit-reset: " + QByteArray::number(1'800'000'000 + 3600);
    const QByteArray secondary = R"({"message": "You have exceeded a secondary rate limit."})";
    QTest::newRow("200 JSON") << 200 << QByteArray() << QByteArray("[1]") << K::Ok << "HTTP 200" << -1LL;
    QTest::newRow("304") << 304 << QByteArray() << QByteArray() << K::Ok << "HTTP 304" << -1LL;
    QTest::newRow("200 cut short") << 200 << QByteArray() << QByteArray(R"({"historical": [{"da)")
                                   << K::Transient << "malformed body (unterminated string)" << -1LL;
    QTest::newRow("no answer") << 0 << QByteArray() << QByteArray() << K::Transient
                               << "no answer (Connection closed)" << -1LL;
    QTest::newRow("500") << 500 << QByteArray() << QByteArray("oops") << K::Transient << "HTTP 500" << -1LL;
    QTest::newRow("503") << 503 << QByteArray() << QByteArray() << K::Transient << "HTTP 503" << -1LL;
    QTest::newRow("400") << 400 << QByteArray() << QByteArray("{}") << K::Bad << "HTTP 400" << -1LL;
    QTest::newRow("404") << 404 << QByteArray() << QByteArray("{}") << K::Bad << "HTTP 404" << -1LL;
    QTest::newRow("422") << 422 << QByteArray() << QByteArray("{}") << K::Bad << "HTTP 422" << -1LL;
    QTest::newRow("401") << 401 << QByteArray() << QByteArray("{}") << K::Refused << "HTTP 401" << -1LL;
    QTest::newRow("403 refused") << 403 << QByteArray("x-ratelimit-remaining: 4000")
                                 << QByteArray(R"({"message": "Resource not accessible"})") << K::Refused
                                 << "HTTP 403" << -1LL;
    // The order of GitHub's docs: retry-after first, even with a reset an hour away (the old bug).
    QTest::newRow("403 secondary, retry-after")
        << 403 << "retry-after: 1; x-ratelimit-remaining: 4990; " + reset << secondary << K::RateLimited
        << "secondary rate limit" << 1000LL;
    QTest::newRow("429 secondary, retry-after")
        << 429 << "retry-after: 30; x-ratelimit-remaining: 4990; " + reset << secondary << K::RateLimited
        << "secondary rate limit" << 30000LL;
    // Neither: the policy's pause (at least a minute for GitHub), not the reset.
    QTest::newRow("403 secondary, no retry-after")
        << 403 << "x-ratelimit-remaining: 4990; " + reset << secondary << K::RateLimited
        << "secondary rate limit" << -1LL;
    QTest::newRow("429 secondary, no retry-after")
        << 429 << "x-ratelimit-remaining: 4990; " + reset << secondary << K::RateLimited
        << "secondary rate limit" << -1LL;
    // Primary: until the reset.
    QTest::newRow("403 primary") << 403 << "x-ratelimit-remaining: 0; " + reset
                                 << QByteArray(R"({"message": "API rate limit exceeded"})") << K::RateLimited
                                 << "primary rate limit" << 3600000LL;
    QTest::newRow("429 primary") << 429 << "x-ratelimit-remaining: 0; " + reset << QByteArray("{}")
                                 << K::RateLimited << "primary rate limit" << 3600000LL;
    // FMP: a bare 429, with and without Retry-After (seconds or an HTTP date).
    QTest::newRow("429 bare") << 429 << QByteArray() << QByteArray("Too Many Requests") << K::RateLimited
                              << "HTTP 429 (too many requests)" << -1LL;
    QTest::newRow("429 Retry-After") << 429 << QByteArray("Retry-After: 5") << QByteArray() << K::RateLimited
                                     << "HTTP 429 (too many requests)" << 5000LL;
    QTest::newRow("429 Retry-After date")
        << 429 << QByteArray("Retry-After: Fri, 15 Jan 2027 08:00:20 GMT") << QByteArray() << K::RateLimited
        << "HTTP 429 (too many requests)" << 20000LL;
}

void TestRetryPolicy::everyAnswerIsClassifiedAsTheDocsSay()
{
    QFETCH(int, status);
    QFETCH(QByteArray, headers);
    QFETCH(QByteArray, body);
    HttpResponse r;
    r.status = status;
    r.body = body;
    if (status == 0)
        r.networkError = QStringLiteral("Connection closed");
    for (const QByteArray& h : headers.split(';')) {
        const qsizetype colon = h.indexOf(':');
        if (colon > 0)
            r.headers.insert(h.left(colon).trimmed().toLower(), h.mid(colon + 1).trimmed());
    }
    // Now is the reset's hour before, or 08:00:00 on the day of the HTTP date.
    const QDateTime now = headers.contains("GMT") ? QDateTime(QDate(2027, 1, 15), QTime(8, 0), Qt::UTC)
                                                  : QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);
    const HttpVerdict v = HttpVerdict::of(r, true, now);
    QTEST(v.kind, "kind");
    QTEST(v.what, "what");
    QTEST(v.waitMs.value_or(-1), "waitMs");
}

void TestRetryPolicy::aSkewedClockUsesTheServersDateForTheReset()
{
    HttpResponse r;
    r.status = 403;
    r.headers.insert("x-ratelimit-remaining", "0");
    r.headers.insert("x-ratelimit-reset", QByteArray::number(1'800'000'060));
    r.headers.insert("date", "Fri, 15 Jan 2027 08:00:00 GMT"); // 1'800'000'000
    // This machine is 10 minutes ahead: the reset seems past; the server says one minute.
    const QDateTime ahead = QDateTime::fromSecsSinceEpoch(1'800'000'600, Qt::UTC);
    QCOMPARE(HttpVerdict::of(r, true, ahead).waitMs.value_or(-1), 60000);
    // Within two seconds: this machine's clock, to the millisecond.
    const QDateTime close = QDateTime::fromMSecsSinceEpoch(1'800'000'000'500, Qt::UTC);
    QCOMPARE(HttpVerdict::of(r, true, close).waitMs.value_or(-1), 59500);
}

void TestRetryPolicy::aStopWakesAnEventLoopWaitAtOnce()
{
    util::StopToken token;
    QObject context;
    bool woken = false;
    token.whenStopped(&context, [&] { woken = true; });
    QThread* stopper = QThread::create([token] {
        QThread::msleep(100);
        token.requestStop();
    });
    QElapsedTimer t;
    t.start();
    stopper->start();
    QTRY_VERIFY_WITH_TIMEOUT(woken, 5000);
    QVERIFY2(t.elapsed() < 1000, qPrintable(QString::number(t.elapsed())));
    stopper->wait();
    delete stopper;
    // Once only, however often it is asked.
    woken = false;
    token.requestStop();
    QTest::qWait(50);
    QVERIFY(!woken);
}

void TestRetryPolicy::aStopBeforeTheWaitIsSeenToo()
{
    util::StopToken token;
    token.requestStop();
    QObject context;
    int calls = 0;
    token.whenStopped(&context, [&] { ++calls; });
    QTRY_COMPARE(calls, 1);
    QTest::qWait(50);
    QCOMPARE(calls, 1);
    QVERIFY(!token.sleepFor(10000)); // and a blocking wait ends at once
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
