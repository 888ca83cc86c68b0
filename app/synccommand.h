#pragma once

#include "command.h"

namespace ferry::app {

// `ferry sync [PROFILE]`: one cycle per profile (or the one named), each logged to sync_logs as
// "sync:NAME"; prints a line per profile; exit 1 if any failed or left conflicts.
class SyncCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("sync"); }
    QString synopsis() const override
    {
        return QStringLiteral("sync [PROFILE] [--allow-mass-delete] [--watch]");
    }
    QString summary() const override { return QStringLiteral("run one sync cycle, headless"); }
    QList<QCommandLineOption> options() const override;
    int maxPositionals() const override { return 1; }
    int run(CommandContext& context, const QCommandLineParser& parser) override;
};

} // namespace ferry::app
