#include "core/store/migrations.h"

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
        // The ingestion tables (docs/design.md, "Tables"). Natural keys, so that every upsert is idempotent.
        {3,
         QStringLiteral("ingestion tables"),
         {QStringLiteral(R"(CREATE TABLE tickers (
    symbol VARCHAR(20) PRIMARY KEY,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    first_seen_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
))"),
          QStringLiteral(R"(CREATE TABLE stock_prices (
    ticker VARCHAR(20) NOT NULL,
    date DATE NOT NULL,
    open DOUBLE PRECISION, high DOUBLE PRECISION, low DOUBLE PRECISION, close DOUBLE PRECISION,
    volume BIGINT,
    fetched_at TIMESTAMP NOT NULL,
    PRIMARY KEY (ticker, date)
))"),
          QStringLiteral(R"(CREATE TABLE dcf_valuations (
    ticker VARCHAR(20) PRIMARY KEY,
    date DATE,
    dcf DOUBLE PRECISION,
    stock_price DOUBLE PRECISION,
    fetched_at TIMESTAMP NOT NULL
))"),
          QStringLiteral(R"(CREATE TABLE tracked_repositories (
    full_name VARCHAR(200) PRIMARY KEY,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    sync_status VARCHAR(20) NOT NULL DEFAULT 'pending',
    last_sync_at TIMESTAMP,
    cursor VARCHAR(40),
    etag TEXT,
    last_sync_error TEXT
))"),
          QStringLiteral(R"(CREATE TABLE pull_requests (
    repository VARCHAR(200) NOT NULL,
    number INTEGER NOT NULL,
    github_id BIGINT,
    title TEXT,
    state VARCHAR(20),
    draft BOOLEAN,
    author VARCHAR(100),
    created_at TIMESTAMP, updated_at TIMESTAMP, closed_at TIMESTAMP, merged_at TIMESTAMP,
    data JSONB,
    PRIMARY KEY (repository, number)
))"),
          QStringLiteral(
              "CREATE INDEX idx_pull_requests_updated_at ON pull_requests (repository, updated_at)"),
          QStringLiteral(R"(CREATE TABLE pr_reviews (
    github_id BIGINT PRIMARY KEY,
    repository VARCHAR(200) NOT NULL,
    pr_number INTEGER NOT NULL,
    author VARCHAR(100),
    state VARCHAR(30),
    submitted_at TIMESTAMP,
    body TEXT
))"),
          QStringLiteral("CREATE INDEX idx_pr_reviews_pr ON pr_reviews (repository, pr_number)")},
         // SQLite: TEXT times, INTEGER booleans, REAL numbers, TEXT JSON.
         {QStringLiteral(R"(CREATE TABLE tickers (
    symbol TEXT PRIMARY KEY,
    active INTEGER NOT NULL DEFAULT 1,
    first_seen_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
))"),
          QStringLiteral(R"(CREATE TABLE stock_prices (
    ticker TEXT NOT NULL,
    date TEXT NOT NULL,
    open REAL, high REAL, low REAL, close REAL,
    volume INTEGER,
    fetched_at TEXT NOT NULL,
    PRIMARY KEY (ticker, date)
))"),
          QStringLiteral(R"(CREATE TABLE dcf_valuations (
    ticker TEXT PRIMARY KEY,
    date TEXT,
    dcf REAL,
    stock_price REAL,
    fetched_at TEXT NOT NULL
))"),
          QStringLiteral(R"(CREATE TABLE tracked_repositories (
    full_name TEXT PRIMARY KEY,
    active INTEGER NOT NULL DEFAULT 1,
    sync_status TEXT NOT NULL DEFAULT 'pending',
    last_sync_at TEXT,
    cursor TEXT,
    etag TEXT,
    last_sync_error TEXT
))"),
          QStringLiteral(R"(CREATE TABLE pull_requests (
    repository TEXT NOT NULL,
    number INTEGER NOT NULL,
    github_id INTEGER,
    title TEXT,
    state TEXT,
    draft INTEGER,
    author TEXT,
    created_at TEXT, updated_at TEXT, closed_at TEXT, merged_at TEXT,
    data TEXT,
    PRIMARY KEY (repository, number)
))"),
          QStringLiteral(
              "CREATE INDEX idx_pull_requests_updated_at ON pull_requests (repository, updated_at)"),
          QStringLiteral(R"(CREATE TABLE pr_reviews (
    github_id INTEGER PRIMARY KEY,
    repository TEXT NOT NULL,
    pr_number INTEGER NOT NULL,
    author TEXT,
    state TEXT,
    submitted_at TEXT,
    body TEXT
))"),
          QStringLiteral("CREATE INDEX idx_pr_reviews_pr ON pr_reviews (repository, pr_number)")}},
        // Scheduled jobs: the last completed due instant of each, and the lease that makes a due run
        // happen once where several machines share the database (docs/design.md, "Schedules").
        {4,
         QStringLiteral("job_runs"),
         {QStringLiteral(R"(CREATE TABLE job_runs (
    job_name VARCHAR(100) PRIMARY KEY,
    last_due TIMESTAMP,
    last_started TIMESTAMP,
    last_finished TIMESTAMP,
    last_status VARCHAR(20),
    lease_holder VARCHAR(200),
    lease_expires TIMESTAMP
))")},
         {QStringLiteral(R"(CREATE TABLE job_runs (
    job_name TEXT PRIMARY KEY,
    last_due TEXT,
    last_started TEXT,
    last_finished TEXT,
    last_status TEXT,
    lease_holder TEXT,
    lease_expires TEXT
))")}},
        // A run in progress lives in ferry_running_runs until it finishes, so that sync_logs holds only
        // finished runs, as the Python pipeline's did: its monitoring queries order by completed_at DESC,
        // where PostgreSQL puts a NULL (running) row first. Ferry's own running rows move there.
        {5,
         QStringLiteral("running runs apart"),
         {QStringLiteral(R"(CREATE TABLE ferry_running_runs (
    run_id VARCHAR(64) PRIMARY KEY,
    task_name VARCHAR(100) NOT NULL,
    started_at TIMESTAMP NOT NULL,
    metadata JSONB
))"),
          QStringLiteral(
              "INSERT INTO ferry_running_runs (run_id, task_name, started_at, metadata) "
              "SELECT metadata->>'run_id', task_name, started_at, metadata FROM sync_logs "
              "WHERE status = 'running' AND metadata->>'run_id' IS NOT NULL AND started_at IS NOT NULL"),
          QStringLiteral("DELETE FROM sync_logs WHERE status = 'running' AND metadata->>'run_id' IS NOT NULL "
                         "AND started_at IS NOT NULL")},
         {QStringLiteral(R"(CREATE TABLE ferry_running_runs (
    run_id TEXT PRIMARY KEY,
    task_name TEXT NOT NULL,
    started_at TEXT NOT NULL,
    metadata TEXT
))"),
          QStringLiteral(
              "INSERT INTO ferry_running_runs (run_id, task_name, started_at, metadata) "
              "SELECT json_extract(metadata, '$.run_id'), task_name, started_at, metadata FROM sync_logs "
              "WHERE status = 'running' AND json_extract(metadata, '$.run_id') IS NOT NULL "
              "AND started_at IS NOT NULL"),
          QStringLiteral(
              "DELETE FROM sync_logs WHERE status = 'running' AND json_extract(metadata, '$.run_id') "
              "IS NOT NULL AND started_at IS NOT NULL")}},
    };
    return list;
}

int Migrations::latestVersion()
{
    return all().constLast().version;
}

} // namespace ferry::store
