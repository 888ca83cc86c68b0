#pragma once

#include "core/store/store.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace ferry::store {

// PostgreSQL through libpqxx, for a database.url / DATABASE_URL. libpqxx's exceptions stop here and
// become Status values; a lost connection is ErrorKind::Unavailable and is re-opened on the next call.
// Deliberately one class over several files, one per area of the Store: the connection and migrations in
// postgresstore.cpp, the interfaces' methods in postgresstoreruns.cpp (RunStore), postgresstoreingest.cpp
// (IngestStore) and postgresstorejobs.cpp (JobStore).
class PostgresStore final : public Store
{
public:
    // conninfo: a postgresql:// URI or "key=value" pairs; empty uses libpq's PG* environment.
    explicit PostgresStore(const QString& conninfo, int connectTimeoutSeconds = 5);
    ~PostgresStore() override;

    QString backendName() const override { return QStringLiteral("postgresql"); }
    QString location() const override;
    Status open() override;
    Result<int> schemaVersion() override;

    // RunStore (sync_logs, ferry_running_runs).
    Status upsertRun(RunRecord& run) override;
    Result<QList<RunRecord>> runs(const RunFilter& filter) override;
    Result<QList<RunRecord>> latestPerTask() override;

    // IngestStore.
    Result<TickerChanges> replaceTickers(const QStringList& symbols, const QDateTime& now) override;
    Result<QStringList> activeTickers() override;
    Result<int> upsertPrices(const QList<PriceRow>& rows, const QDateTime& fetchedAt) override;
    Result<int> upsertValuations(const QList<ValuationRow>& rows, const QDateTime& fetchedAt) override;
    Result<QList<TrackedRepository>> trackRepositories(const QStringList& fullNames) override;
    Result<QList<TrackedRepository>> trackedRepositories() override;
    Status saveRepository(const TrackedRepository& repository) override;
    Result<int> upsertPullRequests(const QList<PullRequestRow>& pullRequests,
                                   const QList<ReviewRow>& reviews) override;

    // JobStore (job_runs).
    Result<bool> takeJobLease(const QString& job, const QDateTime& due, const QString& holder,
                              const QDateTime& now, int ttlSeconds) override;
    Result<bool> renewJobLease(const QString& job, const QString& holder, const QDateTime& now,
                               int ttlSeconds) override;
    Status finishJob(const QString& job, const QString& holder, const QDateTime& due, const QString& status,
                     const QDateTime& now) override;
    Status releaseJobLease(const QString& job, const QString& holder) override;
    Result<QList<JobState>> jobStates() override;

    // Outside the Store interface, for maintenance and tests: run statements, read one value.
    Status execute(const QString& sql);
    Result<QString> scalar(const QString& sql);

private:
    struct Connection; // postgresconnection.h

    // A null string: NULL (see Values).
    static std::optional<std::string> nullable(const QString& s);

    Status withConnection(const QString& what, const std::function<void(Connection&)>& body);
    void migrate(Connection& c); // throws like libpqxx; withConnection() catches

    QString m_conninfo;
    std::unique_ptr<Connection> m_connection;
    bool m_migrated = false;
};

} // namespace ferry::store
