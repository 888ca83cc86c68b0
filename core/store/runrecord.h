#pragma once

#include <optional>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace ferry::store {

// One row of sync_logs: one run of a task ("sync:<profile>", "github", "market", …).
struct RunRecord
{
    qint64 id = 0; // sync_logs.id; 0 until the row is written
    QString runId; // a UUID chosen when the run starts, kept in metadata.run_id: it makes
                   // every write of the row idempotent, so a replayed row is never written twice
    QString taskName;
    QString status; // see RunStatus
    int rowsUpdated = 0;
    QString errorMessage;
    QDateTime startedAt;   // UTC
    QDateTime completedAt; // UTC; invalid while running
    std::optional<double> durationSeconds;
    QJsonObject metadata;

    // The stable JSON shape of `ferry history --json` and of the offline queue.
    QJsonObject toJson() const;
    static std::optional<RunRecord> fromJson(const QJsonObject& json);
    // The same without its checks, for rows read from sync_logs: those the Python pipeline wrote have
    // no run_id and may have a status of its own.
    static RunRecord fromStoredJson(const QJsonObject& json);
};

// The values of sync_logs.status.
namespace RunStatus {
inline const QString Running = QStringLiteral("running");
inline const QString Success = QStringLiteral("success");
inline const QString Partial = QStringLiteral("partial"); // finished, some items skipped or failed
inline const QString Failed = QStringLiteral("failed");
inline bool isKnown(const QString& s)
{
    return s == Running || s == Success || s == Partial || s == Failed;
}
} // namespace RunStatus

// Which runs to list, newest first. Empty fields do not filter.
struct RunFilter
{
    QString task;
    QString status;
    QDateTime since; // runs started at or after
    int limit = 100;
};

// Timestamps travel to both databases as UTC text "YYYY-MM-DD HH:MM:SS.zzz", which sorts as it should.
QString toSqlTimestamp(const QDateTime& utc);
QDateTime fromSqlTimestamp(const QString& text);

} // namespace ferry::store

Q_DECLARE_METATYPE(ferry::store::RunRecord)
