#pragma once

#include "app/command.h"
#include "core/config/config.h"
#include "core/store/runlog.h"

namespace ferry::app {

// `ferry sync [PROFILE]`: one cycle per profile (or the one named), each logged to sync_logs as
// "sync:NAME"; prints a line per profile; exit 1 if any failed or left conflicts.
// `--watch`: a SyncWatcher per profile until SIGINT/SIGTERM; a line and a sync_logs row per cycle; exit 0.
class SyncCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("sync"); }
    QString synopsis() const override
    {
        return QStringLiteral(
            "sync [PROFILE] [--allow-mass-delete] [--reupload | --accept-remote] [--watch]");
    }
    QString summary() const override
    {
        return QStringLiteral("run one sync cycle (or keep watching), headless");
    }
    QList<QCommandLineOption> options() const override;
    int maxPositionals() const override { return 1; }
    int run(CommandContext& context, const QCommandLineParser& parser) override;

private:
    static int watch(CommandContext& ctx, const QList<config::Profile>& profiles, store::RunLog& runLog);
};

} // namespace ferry::app
