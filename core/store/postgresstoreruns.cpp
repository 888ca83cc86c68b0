#include "core/store/columns.h"
#include "core/store/postgresconnection.h"
#include "core/store/postgresrow.h"
#include "core/store/postgresstore.h"
#include "core/store/runsql.h"
#include "core/store/values.h"

// PostgresStore's RunStore: sync_logs and ferry_running_runs (the class is in postgresstore.h).
namespace ferry::store {

Status PostgresStore::upsertRun(RunRecord& run)
{
    const std::string metadataText = Values::runMetadata(run).toStdString();
    const std::string runId = run.runId.toStdString();
    if (run.status == RunStatus::Running) {
        // Apart from sync_logs until it finishes; never over a run that already finished.
        return withConnection(QStringLiteral("record run of %1").arg(run.taskName), [&](Connection& c) {
            pqxx::work w(c.conn);
            w.exec_params(QStringLiteral("INSERT INTO ferry_running_runs (%1) "
                                         "SELECT $1::text, $2::text, $3::timestamp, "
                                         "$4::jsonb WHERE NOT EXISTS (SELECT 1 FROM sync_logs WHERE "
                                         "metadata->>'run_id' = $1::text) "
                                         "ON CONFLICT (run_id) DO UPDATE SET task_name = EXCLUDED.task_name, "
                                         "started_at = EXCLUDED.started_at, metadata = EXCLUDED.metadata")
                              .arg(Columns::RunningRuns)
                              .toStdString(),
                          runId, run.taskName.toStdString(), toSqlTimestamp(run.startedAt).toStdString(),
                          metadataText);
            w.commit();
            run.id = 0;
        });
    }
    return withConnection(QStringLiteral("record run of %1").arg(run.taskName), [&](Connection& c) {
        pqxx::work w(c.conn);
        w.exec_params(QStringLiteral("INSERT INTO sync_logs (%1) VALUES ($1, $2, $3, $4, "
                                     "$5::timestamp, $6::timestamp, $7, $8::jsonb) "
                                     "ON CONFLICT ((metadata->>'run_id')) DO UPDATE SET "
                                     "status = EXCLUDED.status, "
                                     "rows_updated = EXCLUDED.rows_updated, error_message "
                                     "= EXCLUDED.error_message, completed_at = EXCLUDED.completed_at, "
                                     "duration_seconds = EXCLUDED.duration_seconds, "
                                     "metadata = EXCLUDED.metadata WHERE sync_logs.status "
                                     "= 'running' OR EXCLUDED.status <> 'running'")
                          .arg(Columns::RunValues)
                          .toStdString(),
                      run.taskName.toStdString(), run.status.toStdString(), run.rowsUpdated,
                      nullable(run.errorMessage), toSqlTimestamp(run.startedAt).toStdString(),
                      nullable(Values::timestamp(run.completedAt)), run.durationSeconds, metadataText);
        w.exec_params("DELETE FROM ferry_running_runs WHERE run_id = $1", runId);
        run.id =
            w.exec_params1("SELECT id FROM sync_logs WHERE metadata->>'run_id' = $1", runId)[0].as<qint64>();
        w.commit();
    });
}

Result<QList<RunRecord>> PostgresStore::runs(const RunFilter& filter)
{
    const RunSql::Query query = RunSql::runs(filter, RunSql::Placeholders::Dollar);
    QList<RunRecord> out;
    const Status s = withConnection(QStringLiteral("read sync_logs"), [&](Connection& c) {
        pqxx::read_transaction t(c.conn);
        std::vector<std::string> values;
        for (const QString& v : query.values)
            values.push_back(v.toStdString());
        const pqxx::result rows =
            t.exec_params(query.sql.toStdString(), pqxx::prepare::make_dynamic_params(values));
        for (const pqxx::row& row : rows)
            out.append(Values::run(PostgresRow(row)));
    });
    if (!s)
        return s.error();
    return out;
}

Result<QList<RunRecord>> PostgresStore::latestPerTask()
{
    QList<RunRecord> out;
    const Status s = withConnection(QStringLiteral("read sync_logs"), [&](Connection& c) {
        pqxx::read_transaction t(c.conn);
        for (const pqxx::row& row : t.exec(RunSql::latestPerTask(RunSql::Placeholders::Dollar).toStdString()))
            out.append(Values::run(PostgresRow(row)));
    });
    if (!s)
        return s.error();
    return out;
}

} // namespace ferry::store
