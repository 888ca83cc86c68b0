#pragma once

#include "core/store/store.h"

#include <functional>
#include <optional>
#include <QSqlDatabase>
#include <QVariant>

class QSqlError;
class QSqlQuery;

namespace ferry::store {

// The embedded store: one SQLite file in the data directory, through Qt SQL. Nothing to install.
// Deliberately one class over several files, one per area of the Store: the connection and migrations in
// sqlitestore.cpp, the interfaces' methods in sqlitestoreruns.cpp (RunStore), sqlitestoreingest.cpp
// (IngestStore) and sqlitestorejobs.cpp (JobStore).
class SqliteStore final : public Store
{
public:
    explicit SqliteStore(QString path);
    ~SqliteStore() override;

    QString backendName() const override { return QStringLiteral("sqlite"); }
    QString location() const override { return m_path; }
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

    // Outside the Store interface, for maintenance and tests: read one value.
    Result<QString> scalar(const QString& sql);

private:
    static Error sqlError(const QString& what, const QSqlError& e);
    // A null string, a missing number: NULL (see Values).
    static QVariant nullable(const QString& s);
    static QVariant nullable(std::optional<double> v);

    Status ensureOpen();
    Status inTransaction(const QString& what, const std::function<Status(QSqlQuery&)>& body);
    Status migrate();
    Status applyMigrations(); // inside migrate()'s transaction
    Result<QList<RunRecord>> select(const QString& sql, const QVariantList& values);

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    bool m_migrated = false;
};

} // namespace ferry::store
