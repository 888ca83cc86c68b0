#include "core/store/columns.h"
#include "core/store/runsql.h"
#include "core/store/sqliterow.h"
#include "core/store/sqlitestore.h"
#include "core/store/values.h"

#include <QSqlError>
#include <QSqlQuery>

// SqliteStore's RunStore: sync_logs and ferry_running_runs (the class is in sqlitestore.h).
namespace ferry::store {

Status SqliteStore::upsertRun(RunRecord& run)
{
    if (Status s = ensureOpen(); !s)
        return s;
    const QString metadataText = QString::fromUtf8(Values::runMetadata(run));
    QSqlQuery q(m_db);
    if (run.status == RunStatus::Running) {
        // Apart from sync_logs until it finishes; never over a run that already finished.
        q.prepare(QStringLiteral("INSERT INTO ferry_running_runs (%1) SELECT ?, ?, ?, ? "
                                 "WHERE NOT EXISTS (SELECT 1 FROM sync_logs WHERE "
                                 "json_extract(metadata, '$.run_id') = ?) "
                                 "ON CONFLICT (run_id) DO UPDATE SET task_name = excluded.task_name, "
                                 "started_at = excluded.started_at, metadata = excluded.metadata")
                      .arg(Columns::RunningRuns));
        for (const QVariant& v :
             {QVariant(run.runId), QVariant(run.taskName), QVariant(toSqlTimestamp(run.startedAt)),
              QVariant(metadataText), QVariant(run.runId)})
            q.addBindValue(v);
        if (!q.exec())
            return sqlError(QStringLiteral("cannot record run of %1").arg(run.taskName), q.lastError());
        run.id = 0;
        return Status::success();
    }
    // The id is given rather than left to SQLite: a sync_logs made by the pipeline's DDL ("id SERIAL
    // PRIMARY KEY") is not a rowid table here and would number nothing.
    q.prepare(QStringLiteral("INSERT INTO sync_logs (id, %1) VALUES ((SELECT "
                             "COALESCE(MAX(id), 0) + 1 FROM sync_logs), ?, ?, ?, ?, ?, ?, ?, ?) "
                             "ON CONFLICT (json_extract(metadata, '$.run_id')) "
                             "DO UPDATE SET status = excluded.status, rows_updated = excluded.rows_updated, "
                             "error_message = excluded.error_message, completed_at = excluded.completed_at, "
                             "duration_seconds = excluded.duration_seconds, "
                             "metadata = excluded.metadata WHERE "
                             "sync_logs.status = 'running' OR excluded.status <> 'running'")
                  .arg(Columns::RunValues));
    q.addBindValue(run.taskName);
    q.addBindValue(run.status);
    q.addBindValue(run.rowsUpdated);
    q.addBindValue(nullable(run.errorMessage));
    q.addBindValue(toSqlTimestamp(run.startedAt));
    q.addBindValue(nullable(Values::timestamp(run.completedAt)));
    q.addBindValue(nullable(run.durationSeconds));
    q.addBindValue(metadataText);
    if (!q.exec())
        return sqlError(QStringLiteral("cannot record run of %1").arg(run.taskName), q.lastError());
    // A running row left behind is hidden by RunSql::allRuns(), so a failure here loses nothing.
    q.prepare(QStringLiteral("DELETE FROM ferry_running_runs WHERE run_id = ?"));
    q.addBindValue(run.runId);
    q.exec();
    q.prepare(QStringLiteral("SELECT id FROM sync_logs WHERE json_extract(metadata, '$.run_id') = ?"));
    q.addBindValue(run.runId);
    if (!q.exec() || !q.next())
        return sqlError(QStringLiteral("cannot read back run %1").arg(run.runId), q.lastError());
    run.id = q.value(0).toLongLong();
    return Status::success();
}

Result<QList<RunRecord>> SqliteStore::select(const QString& sql, const QVariantList& values)
{
    if (Status s = ensureOpen(); !s)
        return s.error();
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant& v : values)
        q.addBindValue(v);
    if (!q.exec())
        return sqlError(QStringLiteral("cannot read sync_logs"), q.lastError());
    QList<RunRecord> out;
    while (q.next())
        out.append(Values::run(SqliteRow(q)));
    return out;
}

Result<QList<RunRecord>> SqliteStore::runs(const RunFilter& filter)
{
    const RunSql::Query query = RunSql::runs(filter, RunSql::Placeholders::Question);
    QVariantList values;
    for (const QString& v : query.values)
        values << v;
    return select(query.sql, values);
}

Result<QList<RunRecord>> SqliteStore::latestPerTask()
{
    return select(RunSql::latestPerTask(RunSql::Placeholders::Question), {});
}

} // namespace ferry::store
