// The HTTP client's error policy against a local server that answers like the real APIs do.
#include "fakeapi.h"
#include "ingest/httpclient.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTest>

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
    void aRateLimited403WaitsUntilTheReset();
    void unauthorizedAbortsWithoutRetrying();
    void notFoundSkipsTheItemNamingIt();
    void aSilentServerTimesOut();
    void neverMoreRequestsInFlightThanTheLimit();
    void aLimitAboveSixIsTheConcurrencyTheServerSees();

private:
    static HttpClient::Options fast()
    {
        HttpClient::Options o;
        o.backoff.baseMs = 1;
        o.waitScale = 0.1; // a Retry-After of 2 s waits 0.2 s
        o.timeoutMs = 2000;
        return o;
    }
    static HttpRequest at(const FakeApi& api, const char* path, const char* key = "")
    {
        return {QUrl(QString::fromLatin1(api.baseUrl() + path)), {}, QString::fromLatin1(key)};
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
    QVERIFY2(o.events[0].startsWith(QStringLiteral("AAPL: HTTP 502, try 2 in")), qPrintable(o.events[0]));
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
    QVERIFY2(outcomes[0].events[0].contains(QStringLiteral("429")), qPrintable(outcomes[0].events[0]));
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
    QVERIFY2(o.waitedSeconds >= 0.35 && o.waitedSeconds <= 0.55,
             qPrintable(QString::number(o.waitedSeconds)));
    QVERIFY(o.events.first().contains(QStringLiteral("rate limit")));

    // GitHub's secondary limit says so in the body, without the header.
    calls = 0;
    FakeApi secondary([&](const FakeApi::Request&) {
        return ++calls == 1
                   ? FakeApi::Reply{403, {{"Retry-After", "1"}}, "You have exceeded a secondary rate limit"}
                   : FakeApi::Reply{200, {}, "ok"};
    });
    QVERIFY(client.getAll({at(secondary, "/x")}).first().ok());
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
    options.backoff.attempts = 2;
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

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
