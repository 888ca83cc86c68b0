#pragma once

#include "app/command.h"

#include <optional>
#include <QDateTime>

namespace ferry::app {

// `ferry history`: runs from sync_logs, newest first, filtered by task, status and age.
class HistoryCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("history"); }
    QString synopsis() const override
    {
        return QStringLiteral("history [--task T] [--status S] [--since 7d] [--limit N] [--json]");
    }
    QString summary() const override { return QStringLiteral("list recorded runs from sync_logs"); }
    QList<QCommandLineOption> options() const override;
    int run(CommandContext& context, const QCommandLineParser& parser) override;

    // "7d", "12h", "30m", "2w", "90s" back from now, or an ISO date/date-time; nullopt if unreadable.
    static std::optional<QDateTime> parseSince(const QString& text, const QDateTime& nowUtc);
};

} // namespace ferry::app
