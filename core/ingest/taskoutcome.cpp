#include "core/ingest/taskoutcome.h"

#include "core/store/runrecord.h"

#include <QStringList>

namespace ferry::ingest {

bool TaskOutcome::needsAttention() const
{
    return status == store::RunStatus::Failed || failedUnits > 0;
}

QString TaskOutcome::summary() const
{
    QStringList counts;
    if (failedUnits > 0)
        counts.append(QStringLiteral("%1 failed").arg(failedUnits));
    if (skippedUnits > 0)
        counts.append(QStringLiteral("%1 skipped").arg(skippedUnits));
    if (stopped)
        counts.append(QStringLiteral("stopped"));
    QString line = QStringLiteral("%1, %2 rows").arg(status).arg(rowsUpdated);
    if (!counts.isEmpty())
        line += QStringLiteral(" (%1)").arg(counts.join(QStringLiteral(", ")));
    if (!error.isEmpty())
        line += QStringLiteral(": ") + error;
    return line;
}

TaskOutcome TaskOutcome::failure(const QString& why)
{
    TaskOutcome o;
    o.status = store::RunStatus::Failed;
    o.error = why;
    return o;
}

} // namespace ferry::ingest
