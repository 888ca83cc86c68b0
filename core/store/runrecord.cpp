#include "core/store/runrecord.h"

#include <QJsonValue>
#include <QTimeZone>

namespace ferry::store {
namespace {

QJsonValue isoOrNull(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonValue stringOrNull(const QString& s)
{
    return s.isNull() ? QJsonValue() : QJsonValue(s);
}

} // namespace

QJsonObject RunRecord::toJson() const
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("run_id"), runId},
        {QStringLiteral("task_name"), taskName},
        {QStringLiteral("status"), status},
        {QStringLiteral("rows_updated"), rowsUpdated},
        {QStringLiteral("error_message"), stringOrNull(errorMessage)},
        {QStringLiteral("started_at"), isoOrNull(startedAt)},
        {QStringLiteral("completed_at"), isoOrNull(completedAt)},
        {QStringLiteral("duration_seconds"), durationSeconds ? QJsonValue(*durationSeconds) : QJsonValue()},
        {QStringLiteral("metadata"), metadata},
    };
}

std::optional<RunRecord> RunRecord::fromJson(const QJsonObject& json)
{
    RunRecord r = fromStoredJson(json);
    if (r.runId.isEmpty() || r.taskName.isEmpty() || !RunStatus::isKnown(r.status) || !r.startedAt.isValid())
        return std::nullopt;
    return r;
}

RunRecord RunRecord::fromStoredJson(const QJsonObject& json)
{
    RunRecord r;
    r.id = json.value(QStringLiteral("id")).toInteger();
    r.runId = json.value(QStringLiteral("run_id")).toString();
    r.taskName = json.value(QStringLiteral("task_name")).toString();
    r.status = json.value(QStringLiteral("status")).toString();
    r.rowsUpdated = json.value(QStringLiteral("rows_updated")).toInt();
    if (json.value(QStringLiteral("error_message")).isString())
        r.errorMessage = json.value(QStringLiteral("error_message")).toString();
    r.startedAt =
        QDateTime::fromString(json.value(QStringLiteral("started_at")).toString(), Qt::ISODateWithMs);
    r.completedAt =
        QDateTime::fromString(json.value(QStringLiteral("completed_at")).toString(), Qt::ISODateWithMs);
    if (json.value(QStringLiteral("duration_seconds")).isDouble())
        r.durationSeconds = json.value(QStringLiteral("duration_seconds")).toDouble();
    r.metadata = json.value(QStringLiteral("metadata")).toObject();
    return r;
}

QString toSqlTimestamp(const QDateTime& utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

QDateTime fromSqlTimestamp(const QString& text)
{
    if (text.isEmpty())
        return {};
    // PostgreSQL prints up to 6 fraction digits ("… 09:00:00.123456") or none; keep milliseconds.
    QString t = text;
    const qsizetype dot = t.indexOf(u'.');
    if (dot < 0)
        t += QStringLiteral(".000");
    else
        t = (t.left(dot + 4) + QStringLiteral("000")).left(dot + 4);
    QDateTime parsed = QDateTime::fromString(t, QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    parsed.setTimeZone(QTimeZone::utc());
    return parsed;
}

} // namespace ferry::store
