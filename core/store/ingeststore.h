#pragma once

#include "core/store/pricerow.h"
#include "core/store/pullrequestrow.h"
#include "core/store/reviewrow.h"
#include "core/store/tickerchanges.h"
#include "core/store/trackedrepository.h"
#include "core/store/valuationrow.h"
#include "core/util/result.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

namespace ferry::store {

// The ingestion tables: tickers, stock_prices and dcf_valuations (market data), tracked_repositories,
// pull_requests and pr_reviews (GitHub). What the ingestion tasks need of a Store.
class IngestStore
{
public:
    virtual ~IngestStore() = default;
    IngestStore(const IngestStore&) = delete;
    IngestStore& operator=(const IngestStore&) = delete;

    // Makes `symbols` the active tickers: new ones are added, inactive ones in the list are activated
    // again, active ones not in the list are marked inactive (never deleted: their prices stay).
    // One transaction.
    virtual Result<TickerChanges> replaceTickers(const QStringList& symbols, const QDateTime& now) = 0;
    virtual Result<QStringList> activeTickers() = 0; // sorted
    // Inserts or replaces the rows by (ticker, date), in one transaction; returns how many.
    virtual Result<int> upsertPrices(const QList<PriceRow>& rows, const QDateTime& fetchedAt) = 0;
    // One row per ticker: inserted or replaced, in one transaction; returns how many.
    virtual Result<int> upsertValuations(const QList<ValuationRow>& rows, const QDateTime& fetchedAt) = 0;

    // Makes `fullNames` the active tracked repositories (new ones pending, missing ones inactive, never
    // deleted) and returns every tracked repository, sorted by name. One transaction.
    virtual Result<QList<TrackedRepository>> trackRepositories(const QStringList& fullNames) = 0;
    virtual Result<QList<TrackedRepository>> trackedRepositories() = 0; // sorted by name
    // Writes a repository's status, last sync, cursor, ETag and error.
    virtual Status saveRepository(const TrackedRepository& repository) = 0;
    // Inserts or replaces pull requests by (repository, number) and reviews by id, in one transaction;
    // returns how many rows.
    virtual Result<int> upsertPullRequests(const QList<PullRequestRow>& pullRequests,
                                           const QList<ReviewRow>& reviews) = 0;

protected:
    IngestStore() = default;
};

} // namespace ferry::store
