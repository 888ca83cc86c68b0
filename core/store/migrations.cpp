#include "store/migrations.h"

namespace ferry::store {

const QList<Migration>& Migrations::all()
{
    static const QList<Migration> list = {
        {1,
         QStringLiteral("sync_logs"),
         {QStringLiteral(R"(CREATE TABLE sync_logs (
    id SERIAL PRIMARY KEY,
    task_name VARCHAR(100) NOT NULL,
    status VARCHAR(20) NOT NULL,
    rows_updated INTEGER DEFAULT 0,
    error_message TEXT,
    started_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    completed_at TIMESTAMP,
    duration_seconds DOUBLE PRECISION,
    metadata JSONB
))"),
          QStringLiteral("CREATE INDEX idx_sync_logs_task_name ON sync_logs (task_name)"),
          QStringLiteral("CREATE INDEX idx_sync_logs_completed_at ON sync_logs (completed_at DESC)")},
         // SQLite has no SERIAL, JSONB or DOUBLE PRECISION: the same columns with its own types.
         {QStringLiteral(R"(CREATE TABLE sync_logs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    task_name VARCHAR(100) NOT NULL,
    status VARCHAR(20) NOT NULL,
    rows_updated INTEGER DEFAULT 0,
    error_message TEXT,
    started_at TEXT DEFAULT CURRENT_TIMESTAMP,
    completed_at TEXT,
    duration_seconds REAL,
    metadata TEXT
))"),
          QStringLiteral("CREATE INDEX idx_sync_logs_task_name ON sync_logs (task_name)"),
          QStringLiteral("CREATE INDEX idx_sync_logs_completed_at ON sync_logs (completed_at DESC)")}},
        // Every run carries a client-made UUID in metadata.run_id; this index makes writing a run
        // idempotent, so rows replayed from the offline queue are never stored twice.
        {2,
         QStringLiteral("unique run_id"),
         {QStringLiteral("CREATE UNIQUE INDEX idx_sync_logs_run_id ON sync_logs ((metadata->>'run_id'))"),
          QStringLiteral("CREATE INDEX idx_sync_logs_started_at ON sync_logs (started_at DESC)")},
         {QStringLiteral(
              "CREATE UNIQUE INDEX idx_sync_logs_run_id ON sync_logs (json_extract(metadata, '$.run_id'))"),
          QStringLiteral("CREATE INDEX idx_sync_logs_started_at ON sync_logs (started_at DESC)")}},
    };
    return list;
}

int Migrations::latestVersion()
{
    return all().constLast().version;
}

} // namespace ferry::store
