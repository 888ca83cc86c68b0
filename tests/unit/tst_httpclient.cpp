// The HTTP client's error policy against a local server that answers like the real APIs do.
#include "core/ingest/httpclient.h"
#include "tests/support/fakeapi.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QTest>
#include <QTimer>

using ferry::ingest::HttpClient;
using ferry::ingest::HttpOutcome;
using ferry::ingest::HttpRequest;
using ferry::test::FakeApi;

class TestHttpClient : public QObject
{
    Q_OBJECT

private slots:
    void a2xxIsOkWithBodyAndHeaders();
    void serverErrorsAreRetriedWithBackoffThenSucceed();
    void serverErrorsThatPersistFailTheItemAfterEveryTry();
    void aHangUpIsRetriedLikeA5xx();
    void a429WaitsRetryAfterAndPausesTheWholeSource();
    void aBurstOfLimitsIsOnePauseCountedOnce();
    void aRateLimited403WaitsUntilTheReset();
    void aSecondaryLimitWithRetryAfterWaitsThatNotTheReset();
    void aBare429PausesTheDefaultThenDoubles();
    void aPauseEndsWhenAsked();
    void aLimitOfARequestSentBeforeThePauseJoinsIt();
    void aLimitLongerThanTheCapEndsTheSourceRateLimitedUntil();
    void aBodyCutShortIsRetriedLikeA5xx();
    void aRequestBackingOffGivesItsSlotToTheNext();
    void aStopEndsEachKindOfWaitAtOnce_data();
    void aStopEndsEachKindOfWaitAtOnce();
    void aStopCancelsRequestsInFlightAfterAMoment();
    void unauthorizedAbortsWithoutRetrying();
    void anAbortEndsItsBatchOnly();
    void notFoundSkipsTheItemNamingIt();
    void aSilentServerTimesOut();
    void neverMoreRequestsInFlightThanTheLimit();
    void aLimitAboveSixIsTheConcurrencyTheServerSees();

private:
    static HttpClient::Options fast()
    {
        HttpClient::Options o;
        o.retry.backoff.baseMs = 1;
        o.retry.waitScale = 0.1; // a Retry-After of 2 s waits 0.2 s
        o.timeoutMs = 2000;
        return o;
    }
    // Plain-text answers unless `json`: then a body that does not parse is a transient fault.
    static HttpRequest at(const FakeApi& api, const char* path, const char* key = "", bool json = false)
    {
        return {QUrl(QString::fromLatin1(api.baseUrl() + path)), {}, QString::fromLatin1(key), json};
    }
};

void TestHttpClient::a2xxIsOkWithBodyAndHeaders()
{
    FakeApi api([](const FakeApi::Request& r) {
        return FakeApi::Reply{200,
                              {{"ETag", "\"abc\""}, {"Link", "<next>; rel=\"next\""}},
                              "hello " + r.headers.value("if-none-match")};
    });
    HttpClient client(fast());
    HttpRequest request = at(api, "/x");
    request.headers.append(qMakePair(QByteArray("If-None-Match"), QByteArray("\"old\"")));
    const HttpOutcome o = client.getAll({request}).first();
    QVERIFY(o.ok());
    QCOMPARE(o.response.status, 200);
    QCOMPARE(o.response.body, QByteArray("hello \"old\""));
    QCOMPARE(o.response.header("etag"), QByteArray("\"abc\""));
    QCOMPARE(o.attempts, 1);
    QVERIFY(o.events.isEmpty());
}

void TestHttpClient::serverErrorsAreRetriedWithBackoffThenSucceed()
{
    int calls = 0;
    FakeApi api([&](const FakeApi::Request&) {
        return ++calls <= 2 ? FakeApi::Reply{502, {}, "bad gateway"} : FakeApi::Reply{200, {}, "ok"};
    });
    HttpClient client(fast());
    const HttpOutcome o = client.getAll({at(api, "/prices/AAPL", "AAPL")}).first();
    QVERIFY(o.ok());
    QCOMPARE(o.attempts, 3);
    QCOMPARE(o.events.size(), 2);
    QVERIFY2(o.events[0].startsWith(QStringLiteral("waiting 0.0 s: HTTP 502 (AAPL, try 2)")),
             qPrintable(o.events[0]));
}

void TestHttpClient::serverErrorsThatPersistFailTheItemAfterEveryTry()
{
    FakeApi api([](const FakeApi::Request&) { return FakeApi::Reply{500, {}, "boom"}; });
    HttpClient client(fast());
    const HttpOutcome o = client.getAll({at(api, "/x", "MSFT")}).first();
    QCOMPARE(o.kind, HttpOutcome::Kind::Failed);
    QCOMPARE(o.attempts, 5);
    QCOMPARE(api.requests(), 5);
    QCOMPARE(o.error, QStringLiteral("MSFT: HTTP 500 after 5 tries"));
}

void TestHttpClient::aHangUpIsRetriedLikeA5xx()
{
    int calls = 0;
    FakeApi api([&](const FakeApi::Request&) {
        FakeApi::Reply r{200, {}, "fine"};
        r.hangUp = ++calls == 1;
        return r;
    });
    HttpClient client(fast());
    const HttpOutcome o = client.getAll({at(api, "/x")}).first();
    QVERIFY(o.ok());
    QCOMPARE(o.response.body, QByteArray("fine"));
    QCOMPARE(api.requests(), 2); // Qt resends a GET once by itself when the server hangs up; so would we
}

void TestHttpClient::a429WaitsRetryAfterAndPausesTheWholeSource()
{
    int calls = 0;
    QList<qint64> times;
    QElapsedTimer clock;
    clock.start();
    FakeApi api([&](const FakeApi::Request&) {
        times.append(clock.elapsed());
        return ++calls == 1 ? FakeApi::Reply{429, {{"Retry-After", "3"}}, "slow down"}
                            : FakeApi::Reply{200, {}, "ok"};
    });
    HttpClient::Options options = fast();
    options.maxConcurrent = 1;
    HttpClient client(options);
    const QList<HttpOutcome> outcomes = client.getAll({at(api, "/a", "a"), at(api, "/b", "b")});
    QVERIFY(outcomes[0].ok() && outcomes[1].ok());
    QCOMPARE(outcomes[0].events.size(), 1);
    QCOMPARE(outcomes[0].events[0], QStringLiteral("waiting 0.3 s: HTTP 429 (too many requests) (a, try 2)"));
    QCOMPARE(outcomes[0].waitedSeconds, 0.3);
    // Nothing reached the server during the wait: neither the retry nor the other item.
    QCOMPARE(times.size(), 3);
    QVERIFY2(times[1] - times[0] >= 280, qPrintable(QString::number(times[1] - times[0])));
}

void TestHttpClient::aRateLimited403WaitsUntilTheReset()
{
    int calls = 0;
    FakeApi api([&](const FakeApi::Request&) {
        if (++calls > 1)
            return FakeApi::Reply{200, {}, "ok"};
        const QByteArray reset = QByteArray::number(QDateTime::currentSecsSinceEpoch() + 4);
        return FakeApi::Reply{403,
                              {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", reset}},
                              R"({"message": "API rate limit exceeded"})"};
    });
    HttpClient client(fast());
    const HttpOutcome o = client.getAll({at(api, "/repos/o/r/pulls", "o/r")}).first();
    QVERIFY(o.ok());
    QCOMPARE(o.attempts, 2);
    // Until the reset (3–4 s from now: it is in whole seconds) × 0.1, and no longer.
    QVERIFY2(o.waitedSeconds >= 0.29 && o.waitedSeconds <= 0.41,
             qPrintable(QString::number(o.waitedSeconds)));
    QVERIFY2(o.events.first().contains(QStringLiteral(": primary rate limit (o/r, try 2)")),
             qPrintable(o.events.first()));
}

void TestHttpClient::unauthorizedAbortsWithoutRetrying()
{
    FakeApi api([](const FakeApi::Request&) {
        return FakeApi::Reply{401, {}, R"({"message": "Bad credentials"})"};
    });
    HttpClient client(fast());
    const HttpOutcome o = client.getAll({at(api, "/user", "github")}).first();
    QCOMPARE(o.kind, HttpOutcome::Kind::Aborted);
    QCOMPARE(api.requests(), 1);
    QVERIFY2(o.error.contains(QStringLiteral("check the token")), qPrintable(o.error));
}

void TestHttpClient::notFoundSkipsTheItemNamingIt()
{
    FakeApi api([](const FakeApi::Request&) { return FakeApi::Reply{404, {}, "{}"}; });
    HttpClient client(fast());
    const HttpOutcome o = client.getAll({at(api, "/x", "ZZZZ")}).first();
    QCOMPARE(o.kind, HttpOutcome::Kind::Skipped);
    QCOMPARE(o.error, QStringLiteral("ZZZZ: HTTP 404"));
    QCOMPARE(api.requests(), 1);
}

void TestHttpClient::aSilentServerTimesOut()
{
    FakeApi api([](const FakeApi::Request&) {
        FakeApi::Reply r;
        r.silent = true;
        return r;
    });
    HttpClient::Options options = fast();
    options.timeoutMs = 200;
    options.retry.backoff.attempts = 2;
    HttpClient client(options);
    QElapsedTimer t;
    t.start();
    const HttpOutcome o = client.getAll({at(api, "/x", "slow")}).first();
    QCOMPARE(o.kind, HttpOutcome::Kind::Failed);
    QCOMPARE(o.attempts, 2);
    QVERIFY(t.elapsed() < 2000);
}

void TestHttpClient::neverMoreRequestsInFlightThanTheLimit()
{
    FakeApi api([](const FakeApi::Request&) { return FakeApi::Reply{200, {}, "ok", 50}; });
    HttpClient::Options options = fast();
    options.maxConcurrent = 5;
    HttpClient client(options);
    QList<HttpRequest> requests;
    for (int i = 0; i < 40; ++i)
        requests.append(at(api, "/x"));
    QElapsedTimer t;
    t.start();
    const QList<HttpOutcome> outcomes = client.getAll(requests);
    QVERIFY(std::all_of(outcomes.begin(), outcomes.end(), [](const HttpOutcome& o) { return o.ok(); }));
    QCOMPARE(api.maxConcurrent(), 5);
    QVERIFY2(t.elapsed() >= 8 * 50 - 20, qPrintable(QString::number(t.elapsed()))); // 40 / 5 rounds of 50 ms
}

// Qt opens six connections per host and manager; a limit of 20 must still mean 20 requests at once.
void TestHttpClient::aLimitAboveSixIsTheConcurrencyTheServerSees()
{
    FakeApi api([](const FakeApi::Request&) { return FakeApi::Reply{200, {}, "ok", 200}; });
    HttpClient::Options options = fast();
    options.maxConcurrent = 20;
    HttpClient client(options);
    QList<HttpRequest> requests;
    for (int i = 0; i < 60; ++i)
        requests.append(at(api, "/x"));
    QElapsedTimer t;
    t.start();
    const QList<HttpOutcome> outcomes = client.getAll(requests);
    QVERIFY(std::all_of(outcomes.begin(), outcomes.end(), [](const HttpOutcome& o) { return o.ok(); }));
    QCOMPARE(api.maxConcurrent(), 20);
    // 60 / 20: three rounds of 200 ms; six at a time would take ten rounds (2 s).
    QVERIFY2(t.elapsed() >= 3 * 200 - 20 && t.elapsed() < 10 * 200, qPrintable(QString::number(t.elapsed())));
}

// Thirty requests meet the same 429 at once: the source waits once, and the run counts one wait.
void TestHttpClient::aBurstOfLimitsIsOnePauseCountedOnce()
{
    int limited = 0;
    FakeApi api([&](const FakeApi::Request&) {
        return ++limited <= 30 ? FakeApi::Reply{429, {{"Retry-After", "5"}}, "slow down", 20}
                               : FakeApi::Reply{200, {}, "ok"};
    });
    HttpClient::Options options = fast();
    options.maxConcurrent = 30;
    QStringList heard;
    options.onWait = [&](const QString& event) {
        heard.append(event);
    };
    HttpClient client(options);
    QList<HttpRequest> requests;
    for (int i = 0; i < 30; ++i)
        requests.append(at(api, "/x", "r"));
    QElapsedTimer t;
    t.start();
    const QList<HttpOutcome> outcomes = client.getAll(requests);
    QVERIFY(std::all_of(outcomes.begin(), outcomes.end(), [](const HttpOutcome& o) { return o.ok(); }));
    double waited = 0;
    for (const HttpOutcome& o : outcomes)
        waited += o.waitedSeconds;
    QVERIFY2(waited >= 0.5 && waited < 0.7, qPrintable(QString::number(waited))); // one 5 s wait (× 0.1)
    QVERIFY2(t.elapsed() < 1500, qPrintable(QString::number(t.elapsed())));       // not thirty
    QVERIFY2(heard.size() == 1, qPrintable(heard.join(u'\n')));
    QVERIFY2(heard.first().startsWith(QStringLiteral("waiting 0.5 s: HTTP 429")), qPrintable(heard.first()));
}

// The issue's first finding: a secondary limit with Retry-After: 1 and x-ratelimit-remaining well above 0
// waited until x-ratelimit-reset, an hour. GitHub's order: retry-after first.
void TestHttpClient::aSecondaryLimitWithRetryAfterWaitsThatNotTheReset()
{
    for (const int status : {403, 429}) {
        int calls = 0;
        FakeApi api([&](const FakeApi::Request&) {
            if (++calls > 1)
                return FakeApi::Reply{200, {}, "[]"};
            const QByteArray reset = QByteArray::number(QDateTime::currentSecsSinceEpoch() + 3600);
            return FakeApi::Reply{
                status,
                {{"retry-after", "2"}, {"x-ratelimit-remaining", "4990"}, {"x-ratelimit-reset", reset}},
                R"({"message": "You have exceeded a secondary rate limit."})"};
        });
        HttpClient client(fast());
        QElapsedTimer t;
        t.start();
        const HttpOutcome o = client.getAll({at(api, "/repos/o/r/pulls", "o/r page 1", true)}).first();
        QVERIFY2(o.ok(), qPrintable(o.error));
        QVERIFY2(t.elapsed() >= 190 && t.elapsed() < 800, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(o.events,
                 QStringList{QStringLiteral("waiting 0.2 s: secondary rate limit (o/r page 1, try 2)")});
    }
}

// FMP's 429 says nothing of how long: the source's pause (10 s for FMP), then twice that.
void TestHttpClient::aBare429PausesTheDefaultThenDoubles()
{
    int calls = 0;
    QList<qint64> times;
    QElapsedTimer clock;
    clock.start();
    FakeApi api([&](const FakeApi::Request&) {
        times.append(clock.elapsed());
        return ++calls <= 2 ? FakeApi::Reply{429, {}, "Limit Reach"} : FakeApi::Reply{200, {}, "ok"};
    });
    HttpClient::Options options = fast();
    options.retry.rateLimitPauseSeconds = 10;
    options.retry.waitScale = 0.02; // 10 s: 0.2 s, then 0.4 s
    HttpClient client(options);
    const HttpOutcome o = client.getAll({at(api, "/api/v3/x", "AAPL")}).first();
    QVERIFY(o.ok());
    QCOMPARE(times.size(), 3);
    QVERIFY2(times[1] - times[0] >= 190 && times[1] - times[0] < 390,
             qPrintable(QString::number(times[1] - times[0])));
    QVERIFY2(times[2] - times[1] >= 390 && times[2] - times[1] < 700,
             qPrintable(QString::number(times[2] - times[1])));
}

// Qt's default timers are coarse: within 5 % of their interval they wake at a round time, a whole second
// if they can. A 3 s pause ending at x.86 s of the monotonic clock would end at x+1.00 s, 140 ms late (a
// 10 s pause: up to half a second). The server answers its 429 at that phase of the second.
void TestHttpClient::aPauseEndsWhenAsked()
{
    QList<qint64> times; // on the monotonic clock of Qt's timers: the 429 leaves, the retry arrives
    FakeApi api([&](const FakeApi::Request&) {
        const qint64 now = QDeadlineTimer::current().deadline();
        if (!times.isEmpty()) {
            times.append(now);
            return FakeApi::Reply{200, {}, "ok"};
        }
        const int delay = int((1860 - now % 1000) % 1000);
        times.append(now + delay);
        return FakeApi::Reply{429, {{"Retry-After", "3"}}, "slow down", delay};
    });
    HttpClient::Options options = fast();
    options.retry.waitScale = 1;
    HttpClient client(options);
    QVERIFY(client.getAll({at(api, "/a", "a")}).first().ok());
    QCOMPARE(times.size(), 2);
    QVERIFY2(times[1] - times[0] >= 3000 && times[1] - times[0] < 3080,
             qPrintable(QString::number(times[1] - times[0])));
}

// A request in flight when a burst of bare 429s began meets the same burst, answered later: it joins the
// pause the first limit began (the policy's, counted from then) instead of moving its end.
void TestHttpClient::aLimitOfARequestSentBeforeThePauseJoinsIt()
{
    QElapsedTimer clock;
    clock.start();
    qint64 firstLimit = -1;
    QList<qint64> retries;
    QHash<QByteArray, int> calls;
    FakeApi api([&](const FakeApi::Request& r) {
        if (++calls[r.path] > 1) {
            retries.append(clock.elapsed() - firstLimit);
            return FakeApi::Reply{200, {}, "ok"};
        }
        if (r.path == "/a")
            firstLimit = clock.elapsed();
        return FakeApi::Reply{429, {}, "Limit Reach", r.path == "/a" ? 0 : 400};
    });
    HttpClient::Options options = fast();
    options.maxConcurrent = 2;
    options.retry.rateLimitPauseSeconds = 10;
    options.retry.waitScale = 0.05; // 10 s: 0.5 s
    HttpClient client(options);
    const QList<HttpOutcome> outcomes = client.getAll({at(api, "/a", "a"), at(api, "/b", "b")});
    QVERIFY(outcomes[0].ok() && outcomes[1].ok());
    QCOMPARE(retries.size(), 2);
    for (const qint64 after : std::as_const(retries)) // 0.9 s if the second limit had moved the end
        QVERIFY2(after >= 500 && after < 800, qPrintable(QString::number(after)));
    QCOMPARE(outcomes[0].waitedSeconds + outcomes[1].waitedSeconds, 0.5);
    QCOMPARE(outcomes[1].events, QStringList());
}

// A reset an hour away is not waited for: the request and every other not yet answered end RateLimited,
// "rate limited until HH:MM", and nothing more is sent until then.
void TestHttpClient::aLimitLongerThanTheCapEndsTheSourceRateLimitedUntil()
{
    const qint64 reset = QDateTime::currentSecsSinceEpoch() + 3600;
    FakeApi api([&](const FakeApi::Request&) {
        return FakeApi::Reply{
            403,
            {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", QByteArray::number(reset)}},
            R"({"message": "API rate limit exceeded"})"};
    });
    HttpClient::Options options = fast();
    options.maxConcurrent = 1;
    HttpClient client(options);
    QElapsedTimer t;
    t.start();
    const QList<HttpOutcome> outcomes =
        client.getAll({at(api, "/a", "a"), at(api, "/b", "b"), at(api, "/c", "c")});
    QVERIFY(t.elapsed() < 1000);
    QCOMPARE(api.requests(), 1);
    const QString until =
        QDateTime::fromSecsSinceEpoch(reset, Qt::UTC).toString(QStringLiteral("HH:mm 'UTC'"));
    for (const HttpOutcome& o : outcomes) {
        QCOMPARE(o.kind, HttpOutcome::Kind::RateLimited);
        QVERIFY2(o.error.contains(QStringLiteral("rate limited until ") + until), qPrintable(o.error));
        QVERIFY(qAbs(o.limitedUntil.secsTo(QDateTime::fromSecsSinceEpoch(reset, Qt::UTC))) <= 1);
    }
    QVERIFY2(outcomes[0].error.startsWith(QStringLiteral("a: rate limited until")),
             qPrintable(outcomes[0].error));
    QVERIFY2(outcomes[2].error.startsWith(QStringLiteral("c: not fetched: rate limited until")),
             qPrintable(outcomes[2].error));
    // Later requests of the same source end at once, unsent.
    QCOMPARE(client.getAll({at(api, "/d", "d")}).first().kind, HttpOutcome::Kind::RateLimited);
    QCOMPARE(api.requests(), 1);
}

void TestHttpClient::aBodyCutShortIsRetriedLikeA5xx()
{
    int calls = 0;
    FakeApi api([&](const FakeApi::Request&) {
        return ++calls == 1 ? FakeApi::Reply{200, {}, R"({"historical": [{"date": "2026-)"}
                            : FakeApi::Reply{200, {}, R"({"historical": []})"};
    });
    HttpClient client(fast());
    const HttpOutcome o = client.getAll({at(api, "/x", "CUT", true)}).first();
    QVERIFY(o.ok());
    QCOMPARE(o.attempts, 2);
    QVERIFY2(o.events.first().contains(QStringLiteral("malformed body")), qPrintable(o.events.first()));
    // A body that stays cut short fails like a 5xx that persists, after every try.
    FakeApi broken([](const FakeApi::Request&) { return FakeApi::Reply{200, {}, "[{"}; });
    const HttpOutcome again = client.getAll({at(broken, "/x", "CUT", true)}).first();
    QCOMPARE(again.kind, HttpOutcome::Kind::Failed);
    QVERIFY2(again.error.startsWith(QStringLiteral("CUT: malformed body")) &&
                 again.error.endsWith(QStringLiteral("after 5 tries")),
             qPrintable(again.error));
}

// One slot, three requests; the first meets a 502 and backs off for 400 ms. The other two are served
// meanwhile: its wait holds no capacity.
void TestHttpClient::aRequestBackingOffGivesItsSlotToTheNext()
{
    QList<QByteArray> order;
    int slowCalls = 0;
    FakeApi api([&](const FakeApi::Request& r) {
        order.append(r.path);
        if (r.path == "/slow" && ++slowCalls == 1)
            return FakeApi::Reply{502, {}, "bad gateway"};
        return FakeApi::Reply{200, {}, "ok", 50};
    });
    HttpClient::Options options = fast();
    options.maxConcurrent = 1;
    options.retry.backoff.baseMs = 200; // the first retry waits 400–600 ms
    HttpClient client(options);
    QElapsedTimer t;
    t.start();
    const QList<HttpOutcome> outcomes = client.getAll({at(api, "/slow"), at(api, "/b"), at(api, "/c")});
    QVERIFY(std::all_of(outcomes.begin(), outcomes.end(), [](const HttpOutcome& o) { return o.ok(); }));
    QCOMPARE(order, (QList<QByteArray>{"/slow", "/b", "/c", "/slow"}));
    QVERIFY2(t.elapsed() < 400 + 200 + 3 * 50 + 300, qPrintable(QString::number(t.elapsed())));
}

void TestHttpClient::aStopEndsEachKindOfWaitAtOnce_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<bool>("exhausted"); // x-ratelimit-remaining 0, reset in 10 minutes
    QTest::addColumn<int>("sent");       // a backoff holds no slot: the second request goes meanwhile
    QTest::newRow("backoff after a 503") << 503 << QByteArray() << false << 2;
    QTest::newRow("Retry-After") << 429 << QByteArray("120") << false << 1;
    QTest::newRow("secondary limit, the minute's pause") << 403 << QByteArray() << false << 1;
    QTest::newRow("source paused until the reset") << 403 << QByteArray() << true << 1;
}

// Each wait is minutes long, unscaled; a stop 200 ms in ends it, and the requests not sent end Aborted.
void TestHttpClient::aStopEndsEachKindOfWaitAtOnce()
{
    QFETCH(int, status);
    QFETCH(QByteArray, retryAfter);
    QFETCH(bool, exhausted);
    QFETCH(int, sent);
    FakeApi api([&](const FakeApi::Request&) {
        FakeApi::Reply r{status, {}, R"({"message": "You have exceeded a secondary rate limit."})"};
        if (!retryAfter.isEmpty())
            r.headers.append({"retry-after", retryAfter});
        if (exhausted)
            r.headers = {{"x-ratelimit-remaining", "0"},
                         {"x-ratelimit-reset", QByteArray::number(QDateTime::currentSecsSinceEpoch() + 600)}};
        return r;
    });
    HttpClient::Options options = fast();
    options.retry = ferry::util::RetryPolicy(); // a minute's pause, a 2–3 s backoff: as shipped
    options.maxConcurrent = 1;
    HttpClient client(options);
    QTimer::singleShot(200, [stop = options.stop] { stop.requestStop(); });
    QElapsedTimer t;
    t.start();
    const QList<HttpOutcome> outcomes = client.getAll({at(api, "/a", "a"), at(api, "/b", "b")});
    QVERIFY2(t.elapsed() < 1000, qPrintable(QString::number(t.elapsed())));
    QCOMPARE(api.requests(), sent);
    for (const HttpOutcome& o : outcomes) {
        QCOMPARE(o.kind, HttpOutcome::Kind::Aborted);
        QVERIFY2(o.error.contains(QStringLiteral("stopped before the end")), qPrintable(o.error));
    }
    QVERIFY(client.stopped());
}

// A server that never answers: after a stop, the request in flight gets a moment, then is cancelled.
void TestHttpClient::aStopCancelsRequestsInFlightAfterAMoment()
{
    FakeApi api([](const FakeApi::Request& r) {
        FakeApi::Reply reply{200, {}, "fast"};
        reply.silent = r.path == "/never";
        return reply;
    });
    HttpClient::Options options = fast();
    options.timeoutMs = 60000;
    HttpClient client(options);
    QTimer::singleShot(300, [stop = options.stop] { stop.requestStop(); });
    QElapsedTimer t;
    t.start();
    const QList<HttpOutcome> outcomes = client.getAll({at(api, "/fast"), at(api, "/never")});
    QVERIFY2(t.elapsed() >= 300 + 400 && t.elapsed() < 1500, qPrintable(QString::number(t.elapsed())));
    QVERIFY(outcomes[0].ok()); // answered before the stop: kept
    QCOMPARE(outcomes[1].kind, HttpOutcome::Kind::Aborted);
}

// A 401 ends the requests queued with it; the next getAll (another repository) is sent.
void TestHttpClient::anAbortEndsItsBatchOnly()
{
    FakeApi api([](const FakeApi::Request& r) {
        return r.path.startsWith("/locked") ? FakeApi::Reply{401, {}, "{}"} : FakeApi::Reply{200, {}, "ok"};
    });
    HttpClient::Options options = fast();
    options.maxConcurrent = 1;
    HttpClient client(options);
    const QList<HttpOutcome> locked = client.getAll({at(api, "/locked/1"), at(api, "/locked/2")});
    QCOMPARE(locked[0].kind, HttpOutcome::Kind::Aborted);
    QCOMPARE(locked[1].kind, HttpOutcome::Kind::Aborted);
    QVERIFY2(locked[1].error.startsWith(QStringLiteral("not sent: ")), qPrintable(locked[1].error));
    QCOMPARE(api.requests(), 1);
    QVERIFY(client.getAll({at(api, "/open")}).first().ok());
}

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
