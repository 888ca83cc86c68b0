// The `github` task against a local server that behaves like GitHub's REST API (pagination, ETags,
// rate-limit headers, faults), on the test's store backend (SQLite, and PostgreSQL under pg_virtualenv).
#include "core/ingest/githubtask.h"
#include "core/ingest/taskrunner.h"
#include "core/store/runrecord.h"
#include "tests/support/fakegithub.h"
#include "tests/support/ferryprocess.h"
#include "tests/support/testdatabase.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace ferry;
using test::FakeApi;
using test::FakeGithub;

class TestGithubTask : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void fullThenIncrementalSyncMissesNothingAndDuplicatesNothing();
    void anUnchangedRepositoryCostsOneConditionalRequest();
    void aRefusedOrMissingRepositoryIsAnErrorWhileTheOthersSync();
    void faultsAreSurvivedWithTheRightWaits();
    void eachRateLimitWaitsTheDocumentedTimeAndNoLonger_data();
    void eachRateLimitWaitsTheDocumentedTimeAndNoLonger();
    void aLimitPastTheCapEndsRepositoriesRateLimitedAndTheNextRunResumes();
    void aRecordThatMovesPagesWhileListedIsReadNextTime();
    void aMissingTokenFailsBeforeAnyRequest();
    void theRunIsLoggedInSyncLogs();
    void ferryIngestGithubRunsItWithProgressOnStderr();
    void aRepositoryInErrorMakesFerryIngestExitOne();
    void aStopDuringEachKindOfWaitEndsTheRunWithinTwoSeconds_data();
    void aStopDuringEachKindOfWaitEndsTheRunWithinTwoSeconds();

private:
    struct Cli
    {
        int exitCode = -1;
        QJsonArray runs; // the --json output
        QString err;
        qint64 stopToExitMs = -1; // when stopped: from SIGTERM to the end of the process
    };
    ingest::TaskOutcome sync(FakeGithub& github, const QStringList& repositories, double waitScale = 1.0,
                             const config::RetryConfig& retry = {});
    // `ferry ingest github --json` as users run it, against `github`; SIGTERM once `stopWhen` holds.
    Cli ferryIngestGithub(FakeGithub& github, const QStringList& repositories,
                          const std::function<bool()>& stopWhen = {}, const QByteArray& retryBaseMs = "10");
    QList<store::TrackedRepository> tracked();
    QMap<QString, store::TrackedRepository> trackedByName();
    qint64 count(const QString& sql) const { return m_db->count(sql); }
    QString titleOf(const QString& repository, int number) const;

    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<store::Store> m_store;
    const QDateTime m_start{QDate(2026, 1, 5), QTime(9, 0), Qt::UTC};
};

void TestGithubTask::initTestCase()
{
    qputenv("FERRY_RETRY_BASE_MS", "10"); // the backoff policy in milliseconds
    qputenv("FERRY_TEST_GITHUB_TOKEN", "test-token");
}

void TestGithubTask::init()
{
    m_db = std::make_unique<test::TestDatabase>();
    FERRY_REQUIRE_BACKEND(*m_db);
    m_store = m_db->newStore();
    QVERIFY(m_store->open().ok());
}

ingest::TaskOutcome TestGithubTask::sync(FakeGithub& github, const QStringList& repositories,
                                         double waitScale, const config::RetryConfig& retry)
{
    config::GithubSource source;
    source.apiUrl = github.apiUrl();
    source.repositories = repositories;
    source.retry = retry;
    ingest::GithubTask::Run run;
    run.http.retry.waitScale = waitScale;
    return ingest::GithubTask::run(*m_store, source, QStringLiteral("test-token"), run);
}

TestGithubTask::Cli TestGithubTask::ferryIngestGithub(FakeGithub& github, const QStringList& repositories,
                                                      const std::function<bool()>& stopWhen,
                                                      const QByteArray& retryBaseMs)
{
    const QString configPath = m_db->dataDir() + QStringLiteral("/config.json");
    QFile config(configPath);
    if (!config.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    config.write(
        QJsonDocument(
            QJsonObject{{QStringLiteral("ingestion"),
                         QJsonObject{{QStringLiteral("github"),
                                      QJsonObject{{QStringLiteral("api_url"), github.apiUrl()},
                                                  {QStringLiteral("token_env"), QStringLiteral("ACME_TOKEN")},
                                                  {QStringLiteral("repositories"),
                                                   QJsonArray::fromStringList(repositories)}}}}}})
            .toJson());
    config.close();
    QProcess ferry;
    test::FerryProcess launcher(configPath, m_db->dataDir());
    launcher.env(QStringLiteral("ACME_TOKEN"), QStringLiteral("test-token"))
        .env(QStringLiteral("FERRY_RETRY_BASE_MS"), QString::fromLatin1(retryBaseMs));
    if (!m_db->databaseUrl().isEmpty())
        launcher.env(QStringLiteral("DATABASE_URL"), m_db->databaseUrl());
    launcher.start(ferry, {QStringLiteral("ingest"), QStringLiteral("github"), QStringLiteral("--json")});
    Cli cli;
    // The server lives in this thread: keep its event loop turning while the child runs.
    const auto waitFor = [](const std::function<bool()>& done, int timeoutMs) {
        QElapsedTimer t;
        t.start();
        while (!done() && t.elapsed() < timeoutMs)
            QTest::qWait(10);
    };
    const auto ended = [&ferry] {
        return ferry.state() == QProcess::NotRunning;
    };
    if (stopWhen) {
        waitFor([&] { return stopWhen() || ended(); }, 30000);
        QTest::qWait(300); // well into the wait
        QElapsedTimer sinceStop;
        sinceStop.start();
        ferry.terminate();
        waitFor(ended, 30000);
        cli.stopToExitMs = sinceStop.elapsed();
    } else {
        waitFor(ended, 60000);
    }
    if (ferry.state() != QProcess::NotRunning) {
        ferry.kill();
        ferry.waitForFinished();
        return cli;
    }
    cli.exitCode = ferry.exitStatus() == QProcess::NormalExit ? ferry.exitCode() : -1;
    cli.runs = QJsonDocument::fromJson(ferry.readAllStandardOutput()).array();
    cli.err = QString::fromUtf8(ferry.readAllStandardError());
    return cli;
}

QList<store::TrackedRepository> TestGithubTask::tracked()
{
    const auto repos = m_store->trackedRepositories();
    return repos ? *repos : QList<store::TrackedRepository>();
}

QMap<QString, store::TrackedRepository> TestGithubTask::trackedByName()
{
    QMap<QString, store::TrackedRepository> out;
    for (const store::TrackedRepository& r : tracked())
        out.insert(r.fullName, r);
    return out;
}

QString TestGithubTask::titleOf(const QString& repository, int number) const
{
    return m_db->scalar(
        QStringLiteral("SELECT title FROM pull_requests WHERE repository = '%1' AND number = %2")
            .arg(repository)
            .arg(number));
}

void TestGithubTask::fullThenIncrementalSyncMissesNothingAndDuplicatesNothing()
{
    FakeGithub github;
    github.addRepository(QStringLiteral("acme/big"), 250, 40, m_start, 2);
    github.addRepository(QStringLiteral("acme/small"), 12, 3, m_start.addDays(1), 1);
    const QStringList repos{QStringLiteral("acme/big"), QStringLiteral("acme/small")};

    ingest::TaskOutcome first = sync(github, repos);
    QCOMPARE(first.status, store::RunStatus::Success);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM pull_requests WHERE repository = 'acme/big'")), 250);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM pull_requests WHERE repository = 'acme/small'")), 12);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM pr_reviews")), 250 * 2 + 12);
    QCOMPARE(first.rowsUpdated, 262 + 512);
    const QJsonObject big =
        first.metadata[QStringLiteral("repositories")][QStringLiteral("acme/big")].toObject();
    QCOMPARE(big[QStringLiteral("full")].toBool(), true);
    QCOMPARE(titleOf(QStringLiteral("acme/big"), 7), QStringLiteral("Pull request 7"));
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT author FROM pull_requests WHERE number = 3 AND repository = "
                                         "'acme/small'")),
             QStringLiteral("octocat"));
    auto state = trackedByName();
    QCOMPARE(state[QStringLiteral("acme/big")].status, QStringLiteral("synced"));
    const QString cursor = state[QStringLiteral("acme/big")].cursor;
    QCOMPARE(cursor, QStringLiteral("2026-01-05T13:09:00Z")); // #250, 249 minutes after the first
    QVERIFY(!state[QStringLiteral("acme/big")].etag.isEmpty());
    QVERIFY(state[QStringLiteral("acme/big")].lastSyncAt.isValid());

    // Between the runs: #7 edited later, #9 edited at exactly the cursor's second, a new #251.
    github.touch(QStringLiteral("acme/big"), 7, m_start.addDays(3));
    github.touch(QStringLiteral("acme/big"), 9, FakeGithub::at(cursor));
    FakeGithub::Pull added;
    added.number = 251;
    added.title = QStringLiteral("Pull request 251");
    added.created = added.updated = m_start.addDays(4);
    added.reviews.append(
        {77777, QStringLiteral("carol"), QStringLiteral("CHANGES_REQUESTED"), QString(), added.created});
    github.repositories()[QStringLiteral("acme/big")].pulls.insert(251, added);
    github.clearLog();

    const ingest::TaskOutcome second = sync(github, repos);
    QCOMPARE(second.status, store::RunStatus::Success);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM pull_requests WHERE repository = 'acme/big'")), 251);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM pr_reviews")), 250 * 2 + 12 + 1);
    QVERIFY2(titleOf(QStringLiteral("acme/big"), 7).contains(QStringLiteral("edited")),
             qPrintable(titleOf(QStringLiteral("acme/big"), 7)));
    QVERIFY2(titleOf(QStringLiteral("acme/big"), 9).contains(QStringLiteral("edited")),
             "a pull request updated at exactly the cursor was missed");
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT state FROM pr_reviews WHERE github_id = 77777")),
             QStringLiteral("CHANGES_REQUESTED"));
    state = trackedByName();
    QCOMPARE(state[QStringLiteral("acme/big")].cursor, QStringLiteral("2026-01-09T09:00:00Z"));
    // Incremental: the Issues API since the cursor, never the full pulls list again.
    for (const FakeGithub::Served& s : github.served())
        QVERIFY2(!s.path.contains("/pulls?"), s.path.constData());
    const QJsonObject bigAgain =
        second.metadata[QStringLiteral("repositories")][QStringLiteral("acme/big")].toObject();
    QCOMPARE(bigAgain[QStringLiteral("full")].toBool(), false);
    QCOMPARE(bigAgain[QStringLiteral("pull_requests")].toInt(), 4); // #7, #9, #250 at the cursor, #251
}

void TestGithubTask::anUnchangedRepositoryCostsOneConditionalRequest()
{
    FakeGithub github;
    github.addRepository(QStringLiteral("acme/quiet"), 30, 5, m_start);
    github.addRepository(QStringLiteral("acme/busy"), 30, 5, m_start);
    const QStringList repos{QStringLiteral("acme/busy"), QStringLiteral("acme/quiet")};
    QCOMPARE(sync(github, repos).status, store::RunStatus::Success);
    github.touch(QStringLiteral("acme/busy"), 2, m_start.addDays(2));
    github.clearLog();
    const int remaining = github.rateLimitRemaining();

    const ingest::TaskOutcome second = sync(github, repos);
    QCOMPARE(second.status, store::RunStatus::Success);
    QList<FakeGithub::Served> quiet;
    for (const FakeGithub::Served& s : github.served())
        if (s.path.contains("acme/quiet"))
            quiet.append(s);
    QCOMPARE(quiet.size(), 1);
    QCOMPARE(quiet[0].status, 304);
    QVERIFY(quiet[0].conditional);
    QVERIFY(quiet[0].path.contains("/issues?"));
    QCOMPARE(second
                 .metadata[QStringLiteral("repositories")][QStringLiteral("acme/quiet")]
                          [QStringLiteral("not_modified")]
                 .toBool(),
             true);
    // The busy one spent requests; the quiet one none (a 304 does not count on GitHub).
    QCOMPARE(remaining - github.rateLimitRemaining(), github.requests() - 1);
    QVERIFY(titleOf(QStringLiteral("acme/busy"), 2).contains(QStringLiteral("edited")));

    // A third run with nothing changed anywhere: one 304 per repository, nothing else.
    github.clearLog();
    QCOMPARE(sync(github, repos).status, store::RunStatus::Success);
    QCOMPARE(github.requests(), 2);
    for (const FakeGithub::Served& s : github.served())
        QCOMPARE(s.status, 304);
    QCOMPARE(trackedByName()[QStringLiteral("acme/quiet")].status, QStringLiteral("synced"));
}

void TestGithubTask::aRefusedOrMissingRepositoryIsAnErrorWhileTheOthersSync()
{
    FakeGithub github;
    github.addRepository(QStringLiteral("acme/one"), 20, 0, m_start);
    github.addRepository(QStringLiteral("acme/locked"), 20, 0, m_start);
    github.addRepository(QStringLiteral("acme/two"), 20, 0, m_start);
    github.repositories()[QStringLiteral("acme/locked")].unauthorized = true;
    const ingest::TaskOutcome outcome =
        sync(github, {QStringLiteral("acme/one"), QStringLiteral("acme/locked"), QStringLiteral("acme/gone"),
                      QStringLiteral("acme/two")});
    QCOMPARE(outcome.status, store::RunStatus::Partial);
    const auto state = trackedByName();
    QCOMPARE(state[QStringLiteral("acme/one")].status, QStringLiteral("synced"));
    QCOMPARE(state[QStringLiteral("acme/two")].status, QStringLiteral("synced"));
    QCOMPARE(state[QStringLiteral("acme/locked")].status, QStringLiteral("error"));
    QVERIFY2(state[QStringLiteral("acme/locked")].lastError.contains(QStringLiteral("401")),
             qPrintable(state[QStringLiteral("acme/locked")].lastError));
    QVERIFY(state[QStringLiteral("acme/locked")].cursor.isEmpty());
    QCOMPARE(state[QStringLiteral("acme/gone")].status, QStringLiteral("error"));
    QVERIFY2(state[QStringLiteral("acme/gone")].lastError.contains(QStringLiteral("no such repository")),
             qPrintable(state[QStringLiteral("acme/gone")].lastError));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM pull_requests")), 40);
    // Refused credentials are not retried: one request each for the locked and the missing one.
    int locked = 0;
    for (const FakeGithub::Served& s : github.served())
        locked += s.path.contains("acme/locked") || s.path.contains("acme/gone");
    QCOMPARE(locked, 2);
    QVERIFY(outcome.error.contains(QStringLiteral("2 of 4 repositories failed")));

    // Access comes back: the next run syncs it and clears the error.
    github.repositories()[QStringLiteral("acme/locked")].unauthorized = false;
    QCOMPARE(
        sync(github, {QStringLiteral("acme/one"), QStringLiteral("acme/locked"), QStringLiteral("acme/two")})
            .status,
        store::RunStatus::Success);
    const auto after = trackedByName();
    QCOMPARE(after[QStringLiteral("acme/locked")].status, QStringLiteral("synced"));
    QVERIFY(after[QStringLiteral("acme/locked")].lastError.isEmpty());
    QCOMPARE(after[QStringLiteral("acme/gone")].active, false); // left the list: inactive, kept
}

void TestGithubTask::faultsAreSurvivedWithTheRightWaits()
{
    FakeGithub github;
    github.addRepository(QStringLiteral("acme/rough"), 230, 0, m_start);
    FakeApi::Reply bad;
    bad.status = 502;
    github.failNext("/repos/acme/rough/pulls?", 3, bad); // a 502 burst on the first page
    FakeApi::Reply slowDown;
    slowDown.status = 429;
    slowDown.headers = {{"Retry-After", "1"}};
    github.failNext("/pulls/17/reviews", 1, slowDown);
    FakeApi::Reply limited;
    limited.status = 403;
    limited.headers = {{"x-ratelimit-remaining", "0"},
                       {"x-ratelimit-reset", QByteArray::number(QDateTime::currentSecsSinceEpoch() + 2)}};
    limited.body = R"({"message": "API rate limit exceeded"})";
    github.failNext("/pulls/40/reviews", 1, limited);
    FakeApi::Reply truncated;
    truncated.body = R"([{"number": 1, "updated_at": "2026-01-05T09:00:00Z", "tit)";
    github.failNext("page=2", 1, truncated); // the second page of the list, cut short once

    QElapsedTimer clock;
    clock.start();
    const ingest::TaskOutcome outcome = sync(github, {QStringLiteral("acme/rough")});
    QCOMPARE(outcome.status, store::RunStatus::Success);
    QVERIFY2(clock.elapsed() >= 1000, "the 429 and the rate limit were not waited for");
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM pull_requests")), 230);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM pr_reviews")), 230);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(DISTINCT number) FROM pull_requests")), 230);
    const QJsonObject report =
        outcome.metadata[QStringLiteral("repositories")][QStringLiteral("acme/rough")].toObject();
    const QString events =
        QString::fromUtf8(QJsonDocument(report[QStringLiteral("events")].toArray()).toJson());
    QVERIFY2(events.contains(QStringLiteral("HTTP 502")), qPrintable(events));
    QVERIFY2(events.contains(QStringLiteral("HTTP 429")), qPrintable(events));
    QVERIFY2(events.contains(QStringLiteral("rate limit")), qPrintable(events));
    QVERIFY2(events.contains(QStringLiteral("malformed body")), qPrintable(events)); // retried like a 502
    QVERIFY(outcome.metadata[QStringLiteral("waited_seconds")].toDouble() >= 1.0);
    QVERIFY(outcome.metadata[QStringLiteral("retries")].toInt() >= 5);
    QCOMPARE(trackedByName()[QStringLiteral("acme/rough")].status, QStringLiteral("synced"));
}

void TestGithubTask::eachRateLimitWaitsTheDocumentedTimeAndNoLonger_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("retryAfter"); // -1: none
    QTest::addColumn<int>("documentedSeconds");
    // "If the retry-after response header is present, you should not retry your request until after
    // that many seconds has elapsed" — and not until the reset an hour away that comes with it.
    QTest::newRow("secondary, 403, retry-after 30") << "secondary" << 403 << 30 << 30;
    QTest::newRow("secondary, 429, retry-after 30") << "secondary" << 429 << 30 << 30;
    // "Otherwise, wait for at least one minute before retrying."
    QTest::newRow("secondary, 403, no retry-after") << "secondary" << 403 << -1 << 60;
    QTest::newRow("secondary, 429, no retry-after") << "secondary" << 429 << -1 << 60;
    // "If the x-ratelimit-remaining header is 0, you should not make another request until after the
    // time specified by the x-ratelimit-reset header."
    QTest::newRow("primary, 403, reset in 40 s") << "primary" << 403 << -1 << 40;
    QTest::newRow("primary, 429, reset in 40 s") << "primary" << 429 << -1 << 40;
}

// Each limit as GitHub answers it, on the first page of a listing (nothing else in flight), scaled by
// 0.02 on both sides: the next request comes when the docs allow, not before, and not much later.
void TestGithubTask::eachRateLimitWaitsTheDocumentedTimeAndNoLonger()
{
    QFETCH(QString, kind);
    QFETCH(int, status);
    QFETCH(int, retryAfter);
    QFETCH(int, documentedSeconds);
    constexpr double kScale = 0.02;
    FakeGithub github;
    github.setTimeScale(kScale);
    github.addRepository(QStringLiteral("acme/one"), 30, 0, m_start);
    if (kind == u"primary")
        github.exhaustPrimaryAfter(0, documentedSeconds, status);
    else
        github.secondaryLimitNext("/repos/acme/one/pulls?", status,
                                  retryAfter < 0 ? std::nullopt : std::optional<int>(retryAfter));
    const ingest::TaskOutcome outcome = sync(github, {QStringLiteral("acme/one")}, kScale);
    QCOMPARE(outcome.status, store::RunStatus::Success);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM pull_requests")), 30);
    QCOMPARE(github.limits().size(), 1);
    const FakeGithub::Limit limit = github.limits().first();
    QCOMPARE(limit.early, 0);
    // The primary reset is in whole seconds: up to one more than asked.
    const qint64 documented = limit.documentedMs;
    QVERIFY2(documented >= qint64(documentedSeconds * 1000 * kScale) - 5 &&
                 documented <= qint64((documentedSeconds + 1) * 1000 * kScale),
             qPrintable(QString::number(documented)));
    QVERIFY2(limit.waitedMs() >= documented && limit.waitedMs() <= documented + 400,
             qPrintable(QStringLiteral("waited %1 ms for %2 ms").arg(limit.waitedMs()).arg(documented)));
    const QString events =
        QString::fromUtf8(QJsonDocument(outcome
                                            .metadata[QStringLiteral("repositories")]
                                                     [QStringLiteral("acme/one")][QStringLiteral("events")]
                                            .toArray())
                              .toJson());
    QVERIFY2(events.contains(QStringLiteral(": %1 rate limit (acme/one pulls page 1, try 2)").arg(kind)),
             qPrintable(events));
}

// The primary limit runs out in the middle of the second of three repositories (synced in the order of
// their names) and resets in 20 minutes, past the 15 the policy waits: that repository and the third end
// `error`, "rate limited until HH:MM", at once (the third without a request); the rows in hand are kept,
// no cursor moves, and the run needs attention. Once the limit has lifted, the next run resumes from the
// cursors.
void TestGithubTask::aLimitPastTheCapEndsRepositoriesRateLimitedAndTheNextRunResumes()
{
    FakeGithub github;
    github.setTimeScale(0.002); // 20 minutes: 2.4 s
    for (const char* name : {"acme/first", "acme/second", "acme/third"})
        github.addRepository(QString::fromLatin1(name), 10, 0, m_start);
    // acme/first costs 12 counted requests (the list, 10 reviews, the ETag probe); acme/second 3 more.
    github.exhaustPrimaryAfter(12 + 3, 1200);
    const QStringList repos{QStringLiteral("acme/first"), QStringLiteral("acme/second"),
                            QStringLiteral("acme/third")};
    QElapsedTimer t;
    t.start();
    const ingest::TaskOutcome first = sync(github, repos);
    QVERIFY2(t.elapsed() < 5000, "the run waited for a limit past the cap");
    QCOMPARE(first.status, store::RunStatus::Partial);
    QCOMPARE(first.failedUnits, 2);
    QVERIFY(first.needsAttention());
    auto state = trackedByName();
    QCOMPARE(state[QStringLiteral("acme/first")].status, QStringLiteral("synced"));
    // The reset is 20 minutes away (in whole seconds: the minute may turn meanwhile).
    const QDateTime reset = QDateTime::currentDateTimeUtc().addSecs(1200);
    const QStringList untils{reset.toString(QStringLiteral("HH:mm")),
                             reset.addSecs(1).toString(QStringLiteral("HH:mm")),
                             reset.addSecs(-5).toString(QStringLiteral("HH:mm"))};
    for (const char* name : {"acme/second", "acme/third"}) {
        const store::TrackedRepository& r = state[QString::fromLatin1(name)];
        QCOMPARE(r.status, QStringLiteral("error"));
        QVERIFY2(r.lastError.contains(QStringLiteral("rate limited until ")) &&
                     r.lastError.contains(QStringLiteral("primary rate limit")),
                 qPrintable(r.lastError));
        QVERIFY2(
            std::any_of(untils.begin(), untils.end(),
                        [&](const QString& u) { return r.lastError.contains(u + QStringLiteral(" UTC")); }),
            qPrintable(r.lastError));
        QVERIFY(r.cursor.isEmpty());
    }
    int third = 0;
    for (const FakeGithub::Served& s : github.served())
        third += s.path.contains("acme/third");
    QCOMPARE(third, 0);
    // The answers in hand: acme/second's list (its ten pull requests) and the reviews answered before the
    // limit.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM pull_requests WHERE repository = 'acme/second'")),
             10);

    // Once the limit has lifted (2.4 s here):
    QTest::qWait(int(github.limits().first().documentedMs) + 200);
    github.clearLog();
    const ingest::TaskOutcome second = sync(github, repos);
    QCOMPARE(second.status, store::RunStatus::Success);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM pull_requests")), 30);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM pr_reviews")), 30);
    state = trackedByName();
    for (const char* name : {"acme/first", "acme/second", "acme/third"})
        QCOMPARE(state[QString::fromLatin1(name)].status, QStringLiteral("synced"));
    // acme/first resumed from its cursor: one conditional request, answered 304.
    int one = 0;
    for (const FakeGithub::Served& s : github.served())
        if (s.path.contains("acme/first")) {
            ++one;
            QCOMPARE(s.status, 304);
        }
    QCOMPARE(one, 1);
}

void TestGithubTask::aRecordThatMovesPagesWhileListedIsReadNextTime()
{
    FakeGithub github;
    github.addRepository(QStringLiteral("acme/live"), 250, 0, m_start);
    QCOMPARE(sync(github, {QStringLiteral("acme/live")}).status, store::RunStatus::Success);
    for (int n = 1; n <= 150; ++n)
        github.touch(QStringLiteral("acme/live"), n, m_start.addDays(2).addSecs(60 * n));
    // While the second run reads page 1 of the issues, someone edits #1 (listed on page 1): it moves to
    // the end of the list, every later record one place up, and the first of page 2 onto page 1 —
    // already read. That record must still be fetched, if not by this run then by the next.
    bool edited = false;
    github.afterAnswer = [&](const FakeApi::Request& r) {
        if (!edited && r.path.contains("/issues?") && !r.path.contains("&page=")) {
            edited = true;
            github.touch(QStringLiteral("acme/live"), 1, QDateTime::currentDateTimeUtc());
        }
    };
    QCOMPARE(sync(github, {QStringLiteral("acme/live")}).status, store::RunStatus::Success);
    QVERIFY(edited);
    github.afterAnswer = nullptr;
    QCOMPARE(sync(github, {QStringLiteral("acme/live")}).status, store::RunStatus::Success);
    // Every edited title landed (without the cursor kept back, the record pushed onto page 1 never does).
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM pull_requests WHERE title LIKE '%edited%'")), 150);
    QCOMPARE(titleOf(QStringLiteral("acme/live"), 1),
             github.repositories()[QStringLiteral("acme/live")].pulls[1].title);
}

void TestGithubTask::aMissingTokenFailsBeforeAnyRequest()
{
    FakeGithub github;
    github.addRepository(QStringLiteral("acme/one"), 3, 0, m_start);
    config::GithubSource source;
    source.apiUrl = github.apiUrl();
    source.repositories = {QStringLiteral("acme/one")};
    source.tokenEnv = QStringLiteral("FERRY_TEST_NO_SUCH_TOKEN");
    const ingest::TaskOutcome outcome = ingest::GithubTask::run(*m_store, source, QString(), {});
    QCOMPARE(outcome.status, store::RunStatus::Failed);
    QVERIFY(outcome.error.contains(QStringLiteral("FERRY_TEST_NO_SUCH_TOKEN")));
    QCOMPARE(github.requests(), 0);
}

void TestGithubTask::theRunIsLoggedInSyncLogs()
{
    FakeGithub github;
    github.addRepository(QStringLiteral("acme/one"), 5, 0, m_start);
    config::Config config;
    config::GithubSource source;
    source.apiUrl = github.apiUrl();
    source.tokenEnv = QStringLiteral("FERRY_TEST_GITHUB_TOKEN");
    source.repositories = {QStringLiteral("acme/one"), QStringLiteral("acme/gone")};
    config.github = source;
    QTemporaryDir dir;
    store::RunLog runLog(*m_store, dir.filePath(QStringLiteral("queue.jsonl")));
    QList<int> progress;
    ingest::TaskContext context;
    context.progress = [&](const QString& task, int done, int total) {
        QCOMPARE(task, QStringLiteral("github"));
        QCOMPARE(total, 2);
        progress.append(done);
    };
    const ingest::TaskOutcome outcome =
        ingest::TaskRunner::run(QStringLiteral("github"), config, *m_store, runLog, context);
    QCOMPARE(outcome.status, store::RunStatus::Partial);
    QCOMPARE(progress, (QList<int>{1, 2}));
    store::RunFilter filter;
    filter.task = QStringLiteral("github");
    const auto runs = m_store->runs(filter);
    QVERIFY(runs);
    QCOMPARE(runs->size(), 1);
    QCOMPARE(runs->first().status, store::RunStatus::Partial);
    QCOMPARE(runs->first().rowsUpdated, 10); // 5 pull requests, 5 reviews
    QVERIFY(runs->first().errorMessage.contains(QStringLiteral("acme/gone")));
    QCOMPARE(
        runs->first()
            .metadata[QStringLiteral("repositories")][QStringLiteral("acme/gone")][QStringLiteral("status")]
            .toString(),
        QStringLiteral("error"));
}

// The command a user runs: `ferry ingest github --json` against the same server, with the token from the
// environment variable the config names, progress on stderr and the repositories' state in the store.
void TestGithubTask::ferryIngestGithubRunsItWithProgressOnStderr()
{
    FakeGithub github;
    github.addRepository(QStringLiteral("acme/one"), 40, 2, m_start);
    github.addRepository(QStringLiteral("acme/two"), 7, 0, m_start);
    const Cli cli = ferryIngestGithub(github, {QStringLiteral("acme/one"), QStringLiteral("acme/two")});
    QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
    QVERIFY2(cli.err.contains(QStringLiteral("github: 2/2 (100%)")), qPrintable(cli.err));
    const QJsonObject run = cli.runs.first().toObject();
    QCOMPARE(run[QStringLiteral("task")].toString(), QStringLiteral("github"));
    QCOMPARE(run[QStringLiteral("status")].toString(), QStringLiteral("success"));
    QCOMPARE(run[QStringLiteral("rows_updated")].toInt(), 94); // 47 pull requests, one review each
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM pull_requests")), 47);
    QCOMPARE(trackedByName()[QStringLiteral("acme/two")].status, QStringLiteral("synced"));
}

// A nightly job must be able to fail on a repository left in `error`: exit 1, though the others synced
// (status partial); exit 0 again once it syncs.
void TestGithubTask::aRepositoryInErrorMakesFerryIngestExitOne()
{
    FakeGithub github;
    github.addRepository(QStringLiteral("acme/one"), 5, 0, m_start);
    github.addRepository(QStringLiteral("acme/locked"), 5, 0, m_start);
    github.repositories()[QStringLiteral("acme/locked")].unauthorized = true;
    const QStringList repos{QStringLiteral("acme/one"), QStringLiteral("acme/locked")};
    const Cli revoked = ferryIngestGithub(github, repos);
    QCOMPARE(revoked.exitCode, 1);
    const QJsonObject run = revoked.runs.first().toObject();
    QCOMPARE(run[QStringLiteral("status")].toString(), store::RunStatus::Partial);
    QCOMPARE(run[QStringLiteral("metadata")][QStringLiteral("failed_units")].toInt(), 1);
    QCOMPARE(trackedByName()[QStringLiteral("acme/locked")].status, QStringLiteral("error"));

    github.repositories()[QStringLiteral("acme/locked")].unauthorized = false;
    const Cli restored = ferryIngestGithub(github, repos);
    QVERIFY2(restored.exitCode == 0, qPrintable(restored.err));
    QCOMPARE(restored.runs.first()[QStringLiteral("metadata")][QStringLiteral("failed_units")].toInt(), 0);
}

void TestGithubTask::aStopDuringEachKindOfWaitEndsTheRunWithinTwoSeconds_data()
{
    QTest::addColumn<QString>("wait");
    QTest::newRow("secondary limit, retry-after 120 s") << "retry-after";
    QTest::newRow("secondary limit, a minute's pause") << "pause";
    QTest::newRow("primary limit, the source paused until a reset 10 minutes away") << "reset";
    QTest::newRow("backoff after a 502 (a minute)") << "backoff";
}

// `ferry ingest github` meets a wait of a minute or more while it fetches reviews; SIGTERM 300 ms into
// it ends the process within 2 s, exit 1, with the run row written, the repository as it was (cursor
// unchanged) and the answers in hand stored.
void TestGithubTask::aStopDuringEachKindOfWaitEndsTheRunWithinTwoSeconds()
{
    QFETCH(QString, wait);
    FakeGithub github;
    github.addRepository(QStringLiteral("acme/one"), 20, 0, m_start);
    QByteArray retryBaseMs = "10";
    if (wait == u"retry-after") {
        github.secondaryLimitNext("/pulls/3/reviews", 403, 120);
    } else if (wait == u"pause") {
        github.secondaryLimitNext("/pulls/3/reviews", 429, std::nullopt);
    } else if (wait == u"reset") {
        github.exhaustPrimaryAfter(4, 600);
    } else {
        FakeApi::Reply bad;
        bad.status = 502;
        github.failNext("/pulls/3/reviews", 1, bad);
        retryBaseMs = "30000"; // the first retry waits 60–90 s
    }
    const auto waiting = [&] {
        return std::any_of(github.served().begin(), github.served().end(),
                           [](const FakeGithub::Served& s) { return s.status >= 403; });
    };
    const Cli cli = ferryIngestGithub(github, {QStringLiteral("acme/one")}, waiting, retryBaseMs);
    QVERIFY2(waiting(), "the server never made the client wait");
    QVERIFY2(cli.stopToExitMs >= 0 && cli.stopToExitMs < 2000,
             qPrintable(QStringLiteral("%1 ms after SIGTERM; %2").arg(cli.stopToExitMs).arg(cli.err)));
    QCOMPARE(cli.exitCode, 1);
    // The run row, finished; what it fetched; the repository as it was.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sync_logs WHERE task_name = 'github'")), 1);
    QCOMPARE(count(QStringLiteral("SELECT (SELECT COUNT(*) FROM sync_logs WHERE status = 'running') + "
                                  "(SELECT COUNT(*) FROM ferry_running_runs)")),
             0);
    const QJsonObject run = cli.runs.first().toObject();
    QCOMPARE(run[QStringLiteral("metadata")][QStringLiteral("stopped")].toBool(), true);
    QVERIFY2(run[QStringLiteral("error")].toString().contains(QStringLiteral("stopped before the end")),
             qPrintable(run[QStringLiteral("error")].toString()));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM pull_requests")), 20); // the list, in hand
    const store::TrackedRepository repo = trackedByName()[QStringLiteral("acme/one")];
    QCOMPARE(repo.status, QStringLiteral("pending"));
    QVERIFY(repo.cursor.isEmpty());
}

QTEST_GUILESS_MAIN(TestGithubTask)
#include "tst_githubtask.moc"
