#include "ingest/githubtask.h"

#include "ingest/repositorysync.h"
#include "store/runrecord.h"

#include <optional>
#include <QEventLoop>
#include <QJsonArray>
#include <QTimer>

namespace ferry::ingest {
namespace {

bool stopped(const std::atomic<bool>* stop)
{
    return stop && stop->load();
}

// Waits between two attempts at a repository; a stop ends the wait early.
void pause(int ms, const std::atomic<bool>* stop)
{
    QEventLoop loop;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (stopped(stop))
            loop.quit();
    });
    tick.start(50);
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

QJsonArray firstOf(const QStringList& items, int n)
{
    return QJsonArray::fromStringList(items.mid(0, n));
}

struct Totals
{
    int rows = 0, synced = 0, failed = 0, requests = 0, retries = 0;
    double waited = 0;
    QString firstError;
};

} // namespace

TaskOutcome GithubTask::run(store::Store& store, const config::GithubSource& github, const QString& token,
                            const Run& options)
{
    if (token.isEmpty())
        return TaskOutcome::failure(
            QStringLiteral("no GitHub token: set the environment variable %1 (a token "
                           "that can read the repositories' pull requests)")
                .arg(github.tokenEnv));
    if (github.repositories.isEmpty())
        return TaskOutcome::failure(QStringLiteral("no repositories in ingestion.github.repositories"));
    Result<QList<store::TrackedRepository>> tracked = store.trackRepositories(github.repositories);
    if (!tracked)
        return TaskOutcome::failure(tracked.message());
    QList<store::TrackedRepository> active;
    for (const store::TrackedRepository& r : *tracked)
        if (r.active)
            active.append(r);

    const RepositorySync::Source source{QUrl(github.apiUrl), token.toUtf8(), options.http};
    QJsonObject perRepository;
    Totals totals;
    for (qsizetype i = 0; i < active.size() && !stopped(options.stop); ++i) {
        store::TrackedRepository repo = active[i];
        const QString before = repo.status;
        repo.status = QStringLiteral("syncing");
        if (const Status s = store.saveRepository(repo); !s)
            return TaskOutcome::failure(s.message());

        QJsonObject report;
        std::optional<RepositorySync> sync;
        Status run;
        int attempts = 0;
        QStringList events;
        for (; attempts <= options.unitRetries; ++attempts) {
            if (attempts > 0) {
                const int ms = options.http.backoff.delayMs(attempts);
                events.append(QStringLiteral("%1: attempt %2 in %3 s (%4)")
                                  .arg(repo.fullName)
                                  .arg(attempts + 1)
                                  .arg(ms / 1000.0, 0, 'f', 1)
                                  .arg(run.message()));
                totals.waited += ms / 1000.0;
                pause(ms, options.stop);
                if (stopped(options.stop))
                    break;
            }
            sync.emplace(source);
            run = sync->run(repo);
            const RepositoryRun& seen = sync->fetched();
            events += seen.events;
            totals.requests += seen.requests;
            totals.retries += seen.retries;
            totals.waited += seen.waitedSeconds;
            if (run || run.error().kind != ErrorKind::Unavailable || stopped(options.stop))
                break;
        }
        report.insert(QStringLiteral("attempts"), qMin(attempts + 1, options.unitRetries + 1));

        if (run) {
            const RepositoryRun& r = sync->fetched();
            const Result<int> stored = store.upsertPullRequests(r.pullRequests, r.reviews);
            if (stored) {
                repo.status = QStringLiteral("synced");
                repo.cursor = r.cursor;
                repo.etag = r.etag;
                repo.lastSyncAt = options.now;
                repo.lastError.clear();
                totals.rows += *stored;
            } else {
                run = stored.error();
            }
            report.insert(QStringLiteral("pull_requests"), int(r.pullRequests.size()));
            report.insert(QStringLiteral("reviews"), int(r.reviews.size()));
            report.insert(QStringLiteral("requests"), r.requests);
            report.insert(QStringLiteral("not_modified"), r.notModified);
            report.insert(QStringLiteral("full"), r.full);
            report.insert(QStringLiteral("skipped"), firstOf(r.skipped, 50));
        }
        if (!run) {
            if (stopped(options.stop)) {
                repo.status = before; // not its fault: as it was, cursor unchanged
            } else {
                repo.status = QStringLiteral("error");
                repo.lastError = run.message();
                if (totals.firstError.isEmpty())
                    totals.firstError = run.message();
            }
            report.insert(QStringLiteral("error"), run.message());
        }
        if (const Status s = store.saveRepository(repo); !s)
            return TaskOutcome::failure(s.message());
        (repo.status == u"synced" ? totals.synced : totals.failed) += 1;
        report.insert(QStringLiteral("status"), repo.status);
        report.insert(QStringLiteral("events"), firstOf(events, 50));
        perRepository.insert(repo.fullName, report);
        if (options.progress)
            options.progress(int(i + 1), int(active.size()));
    }

    TaskOutcome outcome;
    outcome.rowsUpdated = totals.rows;
    outcome.metadata = QJsonObject{{QStringLiteral("repositories"), perRepository},
                                   {QStringLiteral("requests"), totals.requests},
                                   {QStringLiteral("retries"), totals.retries},
                                   {QStringLiteral("waited_seconds"), totals.waited}};
    const bool cut = stopped(options.stop) && totals.synced + totals.failed < active.size();
    if (totals.failed == 0 && !cut) {
        outcome.status = store::RunStatus::Success;
    } else if (totals.synced > 0) {
        outcome.status = store::RunStatus::Partial;
        outcome.error = cut && totals.firstError.isEmpty()
                            ? QStringLiteral("stopped before the end (Ferry is shutting down)")
                            : QStringLiteral("%1 of %2 repositories failed (first: %3)")
                                  .arg(totals.failed)
                                  .arg(active.size())
                                  .arg(totals.firstError);
    } else {
        outcome.status = store::RunStatus::Failed;
        outcome.error =
            totals.firstError.isEmpty() ? QStringLiteral("stopped before the end") : totals.firstError;
    }
    return outcome;
}

} // namespace ferry::ingest
