#include "core/store/values.h"

#include <cmath>
#include <QJsonDocument>

namespace ferry::store {

QString Values::timestamp(const QDateTime& utc)
{
    return utc.isValid() ? toSqlTimestamp(utc) : QString();
}

std::optional<double> Values::number(double value)
{
    return std::isnan(value) ? std::nullopt : std::optional<double>(value);
}

QByteArray Values::runMetadata(const RunRecord& run)
{
    QJsonObject metadata = run.metadata;
    metadata.insert(QStringLiteral("run_id"), run.runId);
    return QJsonDocument(metadata).toJson(QJsonDocument::Compact);
}

RunRecord Values::run(const StoredRow& row)
{
    RunRecord r;
    r.id = row.integer(0);
    r.taskName = row.text(1);
    r.status = row.text(2);
    r.rowsUpdated = row.isNull(3) ? 0 : int(row.integer(3));
    r.errorMessage = row.text(4);
    r.startedAt = fromSqlTimestamp(row.text(5));
    r.completedAt = fromSqlTimestamp(row.text(6));
    if (!row.isNull(7))
        r.durationSeconds = row.real(7);
    r.metadata = QJsonDocument::fromJson(row.text(8).toUtf8()).object();
    r.runId = r.metadata.value(QStringLiteral("run_id")).toString();
    return r;
}

JobState Values::job(const StoredRow& row)
{
    JobState j;
    j.jobName = row.text(0);
    j.lastDue = fromSqlTimestamp(row.text(1));
    j.lastStarted = fromSqlTimestamp(row.text(2));
    j.lastFinished = fromSqlTimestamp(row.text(3));
    j.lastStatus = row.text(4);
    j.leaseHolder = row.text(5);
    j.leaseExpires = fromSqlTimestamp(row.text(6));
    return j;
}

TrackedRepository Values::repository(const StoredRow& row)
{
    return {row.text(0), row.boolean(1), row.text(2), fromSqlTimestamp(row.text(3)),
            row.text(4), row.text(5),    row.text(6)};
}

} // namespace ferry::store
