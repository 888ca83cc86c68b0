#pragma once

#include <QJsonObject>
#include <QString>

namespace ferry::ingest {

// What one ingestion task run came to: the fields of its sync_logs row.
struct TaskOutcome
{
    QString status; // store::RunStatus: success, partial (some items skipped or failed), failed
    int rowsUpdated = 0;
    QString error;
    QJsonObject metadata;

    static TaskOutcome failure(const QString& why)
    {
        return TaskOutcome{QStringLiteral("failed"), 0, why, {}};
    }
};

} // namespace ferry::ingest
