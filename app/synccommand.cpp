#include "synccommand.h"

#include "commandcontext.h"
#include "config/paths.h"
#include "exitcode.h"
#include "store/runlog.h"
#include "store/storefactory.h"
#include "sync/syncengine.h"

#include <QCommandLineParser>

namespace ferry::app {

QList<QCommandLineOption> SyncCommand::options() const
{
    return {{QStringLiteral("allow-mass-delete"),
             QStringLiteral(
                 "Apply deletions the mass-deletion guard holds, and sync a folder that lost its marker.")},
            {QStringLiteral("watch"), QStringLiteral("Keep watching and syncing (not available yet).")}};
}

int SyncCommand::run(CommandContext& ctx, const QCommandLineParser& parser)
{
    if (parser.isSet(QStringLiteral("watch"))) {
        ctx.err() << "ferry sync --watch: not available yet in Ferry " << FERRY_VERSION
                  << " (the file-system watcher is still to come); run ferry sync on a timer meanwhile"
                  << Qt::endl;
        return ExitUsage;
    }
    // A missing folder pauses its own profile (the engine says why) rather than refusing the whole config.
    const Result<config::LoadedConfig> loaded =
        ctx.loadConfig(config::ConfigReader::Mode::MissingFoldersAllowed);
    if (!loaded) {
        ctx.err() << "ferry sync: " << loaded.message() << Qt::endl;
        return loaded.error().kind == ErrorKind::Invalid ? ExitUsage : ExitRunFailed;
    }
    QList<config::Profile> profiles = loaded->config.profiles;
    const QString wanted = parser.positionalArguments().value(1);
    if (!wanted.isEmpty()) {
        const config::Profile* p = loaded->config.profile(wanted);
        if (!p) {
            ctx.err() << "ferry sync: no profile named \"" << wanted << "\" in " << ctx.configPath()
                      << Qt::endl;
            return ExitUsage;
        }
        profiles = {*p};
    }
    if (profiles.isEmpty()) {
        ctx.err() << "ferry sync: no profiles in " << ctx.configPath() << "; add one with ferry init"
                  << Qt::endl;
        return ExitUsage;
    }

    // An unreachable database does not stop a sync: its runs wait in the queue.
    const std::unique_ptr<store::Store> store = store::StoreFactory::create(loaded->config, ctx.dataDir());
    store::RunLog runLog(*store, config::Paths::runQueue(ctx.dataDir()));
    sync::SyncOptions options;
    options.allowMassDelete = parser.isSet(QStringLiteral("allow-mass-delete"));
    int exitCode = ExitSuccess;
    for (const config::Profile& profile : std::as_const(profiles)) {
        store::RunRecord run = runLog.begin(QStringLiteral("sync:") + profile.name);
        const sync::SyncResult result = sync::SyncEngine(profile, ctx.dataDir()).runCycle(options);
        const bool clean = result.conflicts == 0 && result.held == 0 && result.refused == 0;
        const QString status = !result.ok ? store::RunStatus::Failed
                               : clean    ? store::RunStatus::Success
                                          : store::RunStatus::Partial;
        const auto logged =
            runLog.finish(run, status, result.filesChanged(), result.error, result.toMetadata());
        if (!logged)
            ctx.err() << "ferry sync: warning: " << logged.message() << Qt::endl;
        (result.ok ? ctx.out() : ctx.err()) << result.summary() << Qt::endl;
        if (!result.ok || result.conflicts > 0)
            exitCode = ExitRunFailed;
    }
    return exitCode;
}

} // namespace ferry::app
