#include "core/store/runsql.h"

#include "core/store/columns.h"

namespace ferry::store {

const QString& RunSql::columns()
{
    return Columns::Runs;
}

RunSql::Query RunSql::runs(const RunFilter& filter, Placeholders style)
{
    Query q;
    QStringList where;
    const auto add = [&](const QString& column, const QString& op, const QString& value) {
        q.values << value;
        const QString mark =
            style == Placeholders::Dollar ? QStringLiteral("$%1").arg(q.values.size()) : QStringLiteral("?");
        where << QStringLiteral("%1 %2 %3").arg(column, op, mark);
    };
    if (!filter.task.isEmpty())
        add(QStringLiteral("task_name"), QStringLiteral("="), filter.task);
    if (!filter.status.isEmpty())
        add(QStringLiteral("status"), QStringLiteral("="), filter.status);
    if (filter.since.isValid())
        add(QStringLiteral("started_at"), QStringLiteral(">="), toSqlTimestamp(filter.since));
    const QString condition =
        where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    const QString order = QStringLiteral(" ORDER BY started_at DESC, id DESC");
    const QString limit = filter.limit > 0 ? QStringLiteral(" LIMIT %1").arg(filter.limit) : QString();
    // sync_logs is sorted and cut on its own, through its started_at index, before the few runs in
    // progress join it: a union read whole would sort every row of a long history.
    q.sql = QStringLiteral("SELECT * FROM (SELECT %1 FROM sync_logs%2%3%4) AS finished UNION ALL "
                           "SELECT * FROM (SELECT %1 FROM %5%2) AS running%3%4")
                .arg(columns(), condition, order, limit, runningRuns(style));
    if (style == Placeholders::Question)
        q.values += QStringList(q.values); // "?" are positional: once per side
    return q;
}

QString RunSql::latestPerTask(Placeholders style)
{
    return QStringLiteral("SELECT %1 FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY task_name "
                          "ORDER BY started_at DESC, id DESC) AS rn FROM %2) AS ranked WHERE rn = 1 "
                          "ORDER BY task_name")
        .arg(columns(), allRuns(style));
}

QString RunSql::allRuns(Placeholders style)
{
    return QStringLiteral("(SELECT %1 FROM sync_logs UNION ALL SELECT %1 FROM %2) AS runs")
        .arg(columns(), runningRuns(style));
}

QString RunSql::runningRuns(Placeholders style)
{
    // A run whose finished row is already in sync_logs is shown once, finished, even if its running
    // row is left behind (an older Ferry finished it, or the delete after the insert failed).
    const QString finishedRunId = style == Placeholders::Dollar
                                      ? QStringLiteral("s.metadata->>'run_id'")
                                      : QStringLiteral("json_extract(s.metadata, '$.run_id')");
    return QStringLiteral(
               "(SELECT 0 AS id, r.task_name AS task_name, 'running' AS status, 0 AS rows_updated, "
               "CAST(NULL AS TEXT) AS error_message, r.started_at AS started_at, "
               "CAST(NULL AS TIMESTAMP) AS completed_at, CAST(NULL AS DOUBLE PRECISION) AS duration_seconds, "
               "r.metadata AS metadata FROM ferry_running_runs AS r "
               "WHERE NOT EXISTS (SELECT 1 FROM sync_logs AS s WHERE %1 = r.run_id)) AS in_progress")
        .arg(finishedRunId);
}

} // namespace ferry::store
