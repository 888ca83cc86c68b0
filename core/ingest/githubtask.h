#pragma once

#include "config/config.h"
#include "ingest/httpclient.h"
#include "ingest/taskoutcome.h"
#include "store/store.h"

#include <atomic>
#include <functional>
#include <QDateTime>

namespace ferry::ingest {

// The `github` task: every repository of `ingestion.github.repositories` synced into pull_requests and
// pr_reviews (RepositorySync), one after the other, each its own unit of work: an attempt that fails
// in a way another may fix (5xx, network, a malformed page) is tried again, 3 times at most, after a
// backoff; a repository that still fails, or whose credentials or name are refused, is marked `error`
// with the message and the others go on. A repository's rows land in one transaction, then its cursor
// and ETag are saved: the cursor never moves past rows that are not stored.
class GithubTask
{
public:
    struct Run
    {
        HttpClient::Options http;
        const std::atomic<bool>* stop = nullptr; // set: finish the repository in hand, start no other
        std::function<void(int done, int total)> progress; // repositories
        QDateTime now = QDateTime::currentDateTimeUtc();
        int unitRetries = 3;
    };

    static TaskOutcome run(store::Store& store, const config::GithubSource& github, const QString& token,
                           const Run& options);
};

} // namespace ferry::ingest
