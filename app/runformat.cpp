#include "app/runformat.h"

namespace ferry::app {

QString RunFormat::header()
{
    return QStringLiteral("%1  %2  %3  %4  %5  %6")
        .arg(QStringLiteral("ID"), -6)
        .arg(QStringLiteral("STARTED (local)"), -19)
        .arg(QStringLiteral("TASK"), -20)
        .arg(QStringLiteral("STATUS"), -8)
        .arg(QStringLiteral("ROWS"), 7)
        .arg(QStringLiteral("SECONDS"), 8);
}

QString RunFormat::line(const store::RunRecord& run)
{
    QString text =
        QStringLiteral("%1  %2  %3  %4  %5  %6")
            .arg(run.id, -6)
            .arg(run.startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), -19)
            .arg(run.taskName, -20)
            .arg(run.status, -8)
            .arg(run.rowsUpdated, 7)
            .arg(run.durationSeconds ? QString::number(*run.durationSeconds, 'f', 1) : QStringLiteral("-"),
                 8);
    if (!run.errorMessage.isEmpty())
        text += QStringLiteral("  ") + run.errorMessage.section(u'\n', 0, 0);
    return text;
}

} // namespace ferry::app
