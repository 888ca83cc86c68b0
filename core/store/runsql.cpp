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
    q.sql = QStringLiteral("SELECT %1 FROM sync_logs").arg(columns());
    if (!where.isEmpty())
        q.sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    q.sql += QStringLiteral(" ORDER BY started_at DESC, id DESC");
    if (filter.limit > 0)
        q.sql += QStringLiteral(" LIMIT %1").arg(filter.limit);
    return q;
}

QString RunSql::latestPerTask()
{
    return QStringLiteral("SELECT %1 FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY task_name "
                          "ORDER BY started_at DESC, id DESC) AS rn FROM sync_logs) AS ranked WHERE rn = 1 "
                          "ORDER BY task_name")
        .arg(columns());
}

} // namespace ferry::store
