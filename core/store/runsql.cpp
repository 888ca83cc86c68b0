#include "store/runsql.h"

namespace ferry::store {

const QString& RunSql::columns()
{
    static const QString c = QStringLiteral("id, task_name, status, rows_updated, error_message, started_at, "
                                            "completed_at, duration_seconds, metadata");
    return c;
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
    q.sql = QStringLiteral("SELECT %1 FROM %2").arg(columns(), allRuns(style));
    if (!where.isEmpty())
        q.sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    q.sql += QStringLiteral(" ORDER BY started_at DESC, id DESC");
    if (filter.limit > 0)
        q.sql += QStringLiteral(" LIMIT %1").arg(filter.limit);
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
    // A run whose finished row is already in sync_logs is shown once, finished, even if its running
    // row is left behind (an older Ferry finished it, or the delete after the insert failed).
    const QString finishedRunId = style == Placeholders::Dollar
                                      ? QStringLiteral("s.metadata->>'run_id'")
                                      : QStringLiteral("json_extract(s.metadata, '$.run_id')");
    return QStringLiteral("(SELECT %1 FROM sync_logs UNION ALL SELECT 0, r.task_name, 'running', 0, "
                          "CAST(NULL AS TEXT), r.started_at, CAST(NULL AS TIMESTAMP), "
                          "CAST(NULL AS DOUBLE PRECISION), r.metadata FROM ferry_running_runs AS r "
                          "WHERE NOT EXISTS (SELECT 1 FROM sync_logs AS s WHERE %2 = r.run_id)) AS runs")
        .arg(columns(), finishedRunId);
}

} // namespace ferry::store
