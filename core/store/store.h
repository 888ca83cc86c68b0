#pragma once

#include "store/jobstate.h"
#include "store/runrecord.h"
#include "util/result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace ferry::store {

// The database behind sync_logs and the ingestion tables; SqliteStore and PostgresStore pass the same
// tests. A Store belongs to the thread that created it: workers each open their own.
struct TickerChanges
{
    QStringList added, reactivated, deactivated;
    int changed() const { return int(added.size() + reactivated.size() + deactivated.size()); }

    // What turns the current tickers (symbol -> active) into `wanted`.
    static TickerChanges plan(const QHash<QString, bool>& current, const QStringList& wanted);
};

// One day of one ticker (stock_prices); a missing number is NaN (stored as NULL).
struct PriceRow
{
    QString ticker;
    QDate date;
    double open = 0, high = 0, low = 0, close = 0;
    qint64 volume = 0;
};

// A ticker's discounted-cash-flow valuation (dcf_valuations); a missing number is NaN (NULL).
struct ValuationRow
{
    QString ticker;
    QDate date;
    double dcf = 0;
    double stockPrice = 0;
};

// A GitHub repository Ferry follows (tracked_repositories). `cursor` is the largest `updated_at` stored
// (GitHub's "YYYY-MM-DDTHH:MM:SSZ"), `etag` the ETag of the first page of the issues asked since it.
struct TrackedRepository
{
    QString fullName; // "owner/name"
    bool active = true;
    QString status = QStringLiteral("pending"); // pending, syncing, synced, error
    QDateTime lastSyncAt;
    QString cursor;
    QString etag;
    QString lastError;
};

// One pull request (pull_requests); `data` is GitHub's JSON object, compact.
struct PullRequestRow
{
    QString repository;
    int number = 0;
    qint64 githubId = 0;
    QString title, state, author;
    bool draft = false;
    QDateTime createdAt, updatedAt, closedAt, mergedAt; // invalid: NULL
    QByteArray data;
};

// One review of a pull request (pr_reviews), keyed by GitHub's id.
struct ReviewRow
{
    qint64 githubId = 0;
    QString repository;
    int prNumber = 0;
    QString author, state, body;
    QDateTime submittedAt;
};

class Store
{
public:
    virtual ~Store() = default;
    Store() = default;
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    virtual QString backendName() const = 0; // "sqlite" or "postgresql"
    virtual QString location() const = 0;    // a file or host/database, never a password

    // Connects if needed and brings the schema to the newest migration. Safe to call again after a
    // failure; an unreachable server is ErrorKind::Unavailable.
    virtual Status open() = 0;
    virtual Result<int> schemaVersion() = 0;

    // Inserts the run, or updates the row that has the same runId: writing a run twice leaves one row.
    // A finished row is never turned back into a running one. Sets run.id.
    virtual Status upsertRun(RunRecord& run) = 0;
    virtual Result<QList<RunRecord>> runs(const RunFilter& filter) = 0;
    virtual Result<QList<RunRecord>> latestPerTask() = 0; // the newest run of every task, by task name

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

    Result<QList<RunRecord>> recentRuns(int limit);
    Result<QList<RunRecord>> failedSince(const QDateTime& since);

    // Scheduled jobs (job_runs): a lease makes a due run happen once across processes and machines.
    // `now` comes from the caller's clock, so that expiry follows it too.
    // Takes the lease for the run of `job` due at `due` when JobState::leasableBy() says so, atomically
    // (FOR UPDATE SKIP LOCKED on PostgreSQL, BEGIN IMMEDIATE on SQLite). False: not taken.
    virtual Result<bool> takeJobLease(const QString& job, const QDateTime& due, const QString& holder,
                                      const QDateTime& now, int ttlSeconds) = 0;
    // Moves the expiry on while the run goes on. False: `holder` no longer holds it.
    virtual Result<bool> renewJobLease(const QString& job, const QString& holder, const QDateTime& now,
                                       int ttlSeconds) = 0;
    // Records the run for `due` as done with `status`, and clears the lease if `holder` still has it.
    virtual Status finishJob(const QString& job, const QString& holder, const QDateTime& due,
                             const QString& status, const QDateTime& now) = 0;
    // Gives the lease back without recording a run (stopped before the end): the run is due again.
    virtual Status releaseJobLease(const QString& job, const QString& holder) = 0;
    virtual Result<QList<JobState>> jobStates() = 0; // by job name
};

} // namespace ferry::store
