#pragma once

#include "core/config/config.h"
#include "core/ingest/httpclient.h"
#include "core/ingest/repositorysync.h"
#include "core/ingest/taskoutcome.h"
#include "core/store/ingeststore.h"
#include "core/util/clock.h"

#include <functional>
#include <QDateTime>
#include <QJsonObject>

namespace ferry::ingest {

// The `github` task: every repository of `ingestion.github.repositories` synced into pull_requests and
// pr_reviews (RepositorySync), one after the other, each its own unit of work, all through one
// HttpClient for GitHub: its retries cover transient faults, and its rate-limit pauses hold for every
// repository. A repository that still fails, whose credentials or name are refused, or that a rate limit
// longer than `retry.max_wait_seconds` stopped ("rate limited until 14:05 UTC"), is marked `error` with
// the message and the others go on (after such a limit they end at once, unsent, until it lifts). A
// repository's rows land in one transaction, then its cursor and ETag are saved: the cursor never moves
// past rows that are not stored, so the next run resumes from it. Rows fetched by a repository that did
// not finish are stored too, its cursor unchanged.
class GithubTask
{
public:
    struct Run
    {
        HttpClient::Options http; // its `stop`: the repository in hand keeps what it has, no other starts
        std::function<void(int done, int total)> progress; // repositories
        QDateTime now = util::Clock::system().nowUtc();
        // Of the active repositories, only these ("owner/name"; empty: all): a Sync now of one.
        QStringList only;
        // Each time a repository's state is saved (syncing, then synced or error), for live badges.
        std::function<void(const store::TrackedRepository&)> repositoryChanged;
    };

    static TaskOutcome run(store::IngestStore& store, const config::GithubSource& github,
                           const QString& token, const Run& options);

private:
    struct Totals
    {
        int rows = 0, synced = 0, failed = 0, skipped = 0, requests = 0, retries = 0;
        double waited = 0;
        QString firstError;
    };

    GithubTask(store::IngestStore& store, const config::GithubSource& github, const QString& token,
               const Run& options);
    Result<QList<store::TrackedRepository>> activeRepositories();
    Status syncRepository(store::TrackedRepository repo);
    Result<int> storeFetched(const RepositoryRun& fetched);
    void finishRepository(store::TrackedRepository& repo, const QString& before, const RepositoryRun& fetched,
                          const Status& run);
    QJsonObject reportOf(const store::TrackedRepository& repo, const RepositoryRun& fetched,
                         const Status& run) const;
    TaskOutcome outcome(int repositories) const;
    bool stopped() const { return m_options.http.stop.stopRequested(); }

    store::IngestStore& m_store;
    const config::GithubSource& m_github;
    const Run& m_options;
    HttpClient m_client;
    RepositorySync::Source m_source;
    Totals m_totals;
    QJsonObject m_perRepository;
};

} // namespace ferry::ingest
