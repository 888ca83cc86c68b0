#pragma once

#include <QString>

namespace ferry::store {

// The column lists both backends read and write, spelled once. The order is the order of the values a
// backend binds and of the fields Values reads back (StoredRow indexes).
struct Columns
{
    // sync_logs as a RunRecord is read (RunSql::columns(), Values::run()).
    static inline const QString Runs = QStringLiteral(
        "id, task_name, status, rows_updated, error_message, started_at, completed_at, duration_seconds, "
        "metadata");
    // sync_logs as a finished run is written: Runs without the id.
    static inline const QString RunValues =
        QStringLiteral("task_name, status, rows_updated, error_message, started_at, completed_at, "
                       "duration_seconds, metadata");
    static inline const QString RunningRuns = QStringLiteral("run_id, task_name, started_at, metadata");
    static inline const QString Jobs = QStringLiteral(
        "job_name, last_due, last_started, last_finished, last_status, lease_holder, lease_expires");
    static inline const QString Repositories =
        QStringLiteral("full_name, active, sync_status, last_sync_at, cursor, etag, last_sync_error");
    static inline const QString Prices =
        QStringLiteral("ticker, date, open, high, low, close, volume, fetched_at");
    static inline const QString Valuations = QStringLiteral("ticker, date, dcf, stock_price, fetched_at");
    static inline const QString PullRequests =
        QStringLiteral("repository, number, github_id, title, state, draft, author, created_at, updated_at, "
                       "closed_at, merged_at, data");
    static inline const QString Reviews =
        QStringLiteral("github_id, repository, pr_number, author, state, submitted_at, body");
};

} // namespace ferry::store
