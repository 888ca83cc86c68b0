// The `github` task against a local server that behaves like GitHub's REST API (pagination, ETags,
// rate-limit headers, faults), on the test's store backend (SQLite, and PostgreSQL under pg_virtualenv).
#include "fakegithub.h"
#include "ingest/githubtask.h"
#include "ingest/taskrunner.h"
#include "store/runrecord.h"
#include "testdatabase.h"

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
    void aRecordThatMovesPagesWhileListedIsReadNextTime();
    void aMissingTokenFailsBeforeAnyRequest();
    void theRunIsLoggedInSyncLogs();
    void ferryIngestGithubRunsItWithProgressOnStderr();

private:
    ingest::TaskOutcome sync(FakeGithub& github, const QStringList& repositories);
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

ingest::TaskOutcome TestGithubTask::sync(FakeGithub& github, const QStringList& repositories)
{
    config::GithubSource source;
    source.apiUrl = github.apiUrl();
    source.repositories = repositories;
    ingest::GithubTask::Run run;
    run.http.maxConcurrent = 8;
    return ingest::GithubTask::run(*m_store, source, QStringLiteral("test-token"), run);
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
    github.failNext("page=2", 1, truncated); // the second page of the list, once

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
    QCOMPARE(report[QStringLiteral("attempts")].toInt(), 2); // the malformed page: the unit was tried again
    const QString events =
        QString::fromUtf8(QJsonDocument(report[QStringLiteral("events")].toArray()).toJson());
    QVERIFY2(events.contains(QStringLiteral("HTTP 502")), qPrintable(events));
    QVERIFY2(events.contains(QStringLiteral("HTTP 429")), qPrintable(events));
    QVERIFY2(events.contains(QStringLiteral("rate limit")), qPrintable(events));
    QVERIFY2(events.contains(QStringLiteral("malformed page")), qPrintable(events));
    QVERIFY(outcome.metadata[QStringLiteral("waited_seconds")].toDouble() >= 1.0);
    QVERIFY(outcome.metadata[QStringLiteral("retries")].toInt() >= 5);
    QCOMPARE(trackedByName()[QStringLiteral("acme/rough")].status, QStringLiteral("synced"));
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
    const QString configPath = m_db->dataDir() + QStringLiteral("/config.json");
    QFile config(configPath);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(
        QJsonDocument(
            QJsonObject{{QStringLiteral("ingestion"),
                         QJsonObject{{QStringLiteral("github"),
                                      QJsonObject{{QStringLiteral("api_url"), github.apiUrl()},
                                                  {QStringLiteral("token_env"), QStringLiteral("ACME_TOKEN")},
                                                  {QStringLiteral("repositories"),
                                                   QJsonArray{QStringLiteral("acme/one"),
                                                              QStringLiteral("acme/two")}}}}}}})
            .toJson());
    config.close();
    QProcess ferry;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ACME_TOKEN"), QStringLiteral("test-token"));
    env.remove(QStringLiteral("DATABASE_URL"));
    if (!m_db->databaseUrl().isEmpty())
        env.insert(QStringLiteral("DATABASE_URL"), m_db->databaseUrl());
    ferry.setProcessEnvironment(env);
    ferry.start(qEnvironmentVariable("FERRY_BINARY"),
                {QStringLiteral("--config"), configPath, QStringLiteral("--data-dir"), m_db->dataDir(),
                 QStringLiteral("ingest"), QStringLiteral("github"), QStringLiteral("--json")});
    // The server lives in this thread: keep its event loop turning while the child runs.
    QTRY_VERIFY_WITH_TIMEOUT(ferry.state() == QProcess::NotRunning, 60000);
    const QString err = QString::fromUtf8(ferry.readAllStandardError());
    QVERIFY2(ferry.exitCode() == 0, qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("github: 2/2 (100%)")), qPrintable(err));
    const QJsonObject run = QJsonDocument::fromJson(ferry.readAllStandardOutput()).array().first().toObject();
    QCOMPARE(run[QStringLiteral("task")].toString(), QStringLiteral("github"));
    QCOMPARE(run[QStringLiteral("status")].toString(), QStringLiteral("success"));
    QCOMPARE(run[QStringLiteral("rows_updated")].toInt(), 94); // 47 pull requests, one review each
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM pull_requests")), 47);
    QCOMPARE(trackedByName()[QStringLiteral("acme/two")].status, QStringLiteral("synced"));
}

QTEST_GUILESS_MAIN(TestGithubTask)
#include "tst_githubtask.moc"
