#include "core/ingest/githubtask.h"

#include "core/store/runrecord.h"

#include <QJsonArray>

namespace ferry::ingest {
namespace {

QJsonArray firstOf(const QStringList& items, int n)
{
    return QJsonArray::fromStringList(items.mid(0, n));
}

} // namespace

GithubTask::GithubTask(store::IngestStore& store, const config::GithubSource& github, const QString& token,
                       const Run& options)
    : m_store(store), m_github(github), m_options(options),
      m_client(HttpClient::Options::forSource(options.http, github.concurrency, github.retry)),
      m_source{QUrl(github.apiUrl), token.toUtf8()}
{
}

TaskOutcome GithubTask::run(store::IngestStore& store, const config::GithubSource& github,
                            const QString& token, const Run& options)
{
    if (token.isEmpty())
        return TaskOutcome::failure(
            QStringLiteral("no GitHub token: set the environment variable %1 (a token "
                           "that can read the repositories' pull requests)")
                .arg(github.tokenEnv));
    if (github.repositories.isEmpty())
        return TaskOutcome::failure(QStringLiteral("no repositories in ingestion.github.repositories"));
    GithubTask task(store, github, token, options);
    const Result<QList<store::TrackedRepository>> active = task.activeRepositories();
    if (!active)
        return TaskOutcome::failure(active.message());
    for (qsizetype i = 0; i < active->size() && !task.stopped(); ++i) {
        if (const Status s = task.syncRepository((*active)[i]); !s)
            return TaskOutcome::failure(s.message()); // the store refused the repository's state
        if (options.progress)
            options.progress(int(i + 1), int(active->size()));
    }
    return task.outcome(int(active->size()));
}

Result<QList<store::TrackedRepository>> GithubTask::activeRepositories()
{
    Result<QList<store::TrackedRepository>> tracked = m_store.trackRepositories(m_github.repositories);
    if (!tracked)
        return tracked.error();
    QList<store::TrackedRepository> active;
    for (const store::TrackedRepository& r : *tracked)
        if (r.active && (m_options.only.isEmpty() || m_options.only.contains(r.fullName)))
            active.append(r);
    return active;
}

// One unit of work: marked syncing, fetched, its rows stored, its state saved. A failure of the store is
// the only error returned: the repository's own failures are its state.
Status GithubTask::syncRepository(store::TrackedRepository repo)
{
    const QString before = repo.status;
    repo.status = QStringLiteral("syncing");
    if (Status s = m_store.saveRepository(repo); !s)
        return s;
    if (m_options.repositoryChanged)
        m_options.repositoryChanged(repo);
    RepositorySync sync(m_source, m_client);
    Status run = sync.run(repo);
    const RepositoryRun& fetched = sync.fetched();
    m_totals.requests += fetched.requests;
    m_totals.retries += fetched.retries;
    m_totals.waited += fetched.waitedSeconds;
    m_totals.skipped += int(fetched.skipped.size());
    if (const Result<int> stored = storeFetched(fetched); !stored)
        run = stored.error();
    else
        m_totals.rows += *stored;
    finishRepository(repo, before, fetched, run);
    if (Status s = m_store.saveRepository(repo); !s)
        return s;
    if (m_options.repositoryChanged)
        m_options.repositoryChanged(repo);
    if (run)
        ++m_totals.synced;
    else if (!stopped())
        ++m_totals.failed;
    m_perRepository.insert(repo.fullName, reportOf(repo, fetched, run));
    return Status::success();
}

// The rows in hand, whether the repository finished or not: the cursor moves only if it did.
Result<int> GithubTask::storeFetched(const RepositoryRun& fetched)
{
    if (fetched.pullRequests.isEmpty() && fetched.reviews.isEmpty())
        return 0;
    return m_store.upsertPullRequests(fetched.pullRequests, fetched.reviews);
}

void GithubTask::finishRepository(store::TrackedRepository& repo, const QString& before,
                                  const RepositoryRun& fetched, const Status& run)
{
    if (run) {
        repo.status = QStringLiteral("synced");
        repo.cursor = fetched.cursor;
        repo.etag = fetched.etag;
        repo.lastSyncAt = m_options.now;
        repo.lastError.clear();
    } else if (stopped()) {
        repo.status = before; // not its fault: as it was, cursor unchanged
    } else {
        repo.status = QStringLiteral("error");
        repo.lastError = run.message();
        if (m_totals.firstError.isEmpty())
            m_totals.firstError = run.message();
    }
}

QJsonObject GithubTask::reportOf(const store::TrackedRepository& repo, const RepositoryRun& fetched,
                                 const Status& run) const
{
    QJsonObject report{{QStringLiteral("status"), repo.status},
                       {QStringLiteral("pull_requests"), int(fetched.pullRequests.size())},
                       {QStringLiteral("reviews"), int(fetched.reviews.size())},
                       {QStringLiteral("requests"), fetched.requests},
                       {QStringLiteral("not_modified"), fetched.notModified},
                       {QStringLiteral("full"), fetched.full},
                       {QStringLiteral("skipped"), firstOf(fetched.skipped, 50)},
                       {QStringLiteral("events"), firstOf(fetched.events, 50)}};
    if (!run)
        report.insert(QStringLiteral("error"), run.message());
    return report;
}

TaskOutcome GithubTask::outcome(int repositories) const
{
    TaskOutcome outcome;
    outcome.rowsUpdated = m_totals.rows;
    outcome.failedUnits = m_totals.failed;
    outcome.skippedUnits = m_totals.skipped;
    outcome.metadata = QJsonObject{{QStringLiteral("repositories"), m_perRepository},
                                   {QStringLiteral("requests"), m_totals.requests},
                                   {QStringLiteral("retries"), m_totals.retries},
                                   {QStringLiteral("waited_seconds"), m_totals.waited}};
    outcome.stopped = stopped() && m_totals.synced + m_totals.failed < repositories;
    if (outcome.stopped)
        outcome.metadata.insert(QStringLiteral("stopped"), true);
    if (m_totals.failed == 0 && !outcome.stopped) {
        outcome.status = store::RunStatus::Success;
    } else if (m_totals.synced > 0) {
        outcome.status = store::RunStatus::Partial;
        outcome.error = outcome.stopped && m_totals.firstError.isEmpty()
                            ? QStringLiteral("stopped before the end (Ferry is shutting down)")
                            : QStringLiteral("%1 of %2 repositories failed (first: %3)")
                                  .arg(m_totals.failed)
                                  .arg(repositories)
                                  .arg(m_totals.firstError);
    } else {
        outcome.status = store::RunStatus::Failed;
        outcome.error = m_totals.firstError.isEmpty()
                            ? QStringLiteral("stopped before the end (Ferry is shutting down)")
                            : m_totals.firstError;
    }
    return outcome;
}

} // namespace ferry::ingest
