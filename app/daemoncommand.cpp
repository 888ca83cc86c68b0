#include "app/daemoncommand.h"

#include "app/commandcontext.h"
#include "app/daemon.h"
#include "app/exitcode.h"
#include "core/schedule/scheduler.h"
#include "core/store/store.h"

namespace ferry::app {

int DaemonCommand::run(CommandContext& ctx, const QCommandLineParser&)
{
    const Result<config::LoadedConfig> loaded =
        ctx.loadConfig(config::ConfigReader::Mode::MissingFoldersAllowed);
    if (!loaded) {
        ctx.err() << "ferry daemon: " << loaded.message() << Qt::endl;
        return loaded.error().kind == ErrorKind::Invalid ? ExitUsage : ExitRunFailed;
    }
    const config::Config& config = loaded->config;
    const QList<schedule::ScheduledPipeline> pipelines = schedule::ScheduledPipeline::fromConfig(config);
    if (config.profiles.isEmpty() && pipelines.isEmpty()) {
        ctx.err() << "ferry daemon: nothing to run: no profiles and no ingestion section in "
                  << ctx.configPath() << Qt::endl;
        return ExitUsage;
    }
    Result<std::unique_ptr<store::Store>> opened = ctx.openStore(config);
    if (!opened) {
        ctx.err() << "ferry daemon: " << opened.message() << Qt::endl;
        return ExitRunFailed;
    }
    const std::unique_ptr<store::Store> store = std::move(opened.value());
    Daemon daemon(ctx, config, *store);
    return daemon.exec();
}

} // namespace ferry::app
