#include "app/synccommand.h"

#include "app/commandcontext.h"
#include "app/exitcode.h"
#include "app/stopsignals.h"
#include "app/watchergroup.h"
#include "core/config/paths.h"
#include "core/git/library.h"
#include "core/store/runlog.h"
#include "core/store/storefactory.h"
#include "core/sync/syncengine.h"

#include <future>
#include <memory>
#include <QCommandLineParser>
#include <QEventLoop>
#include <thread>

namespace ferry::app {

QList<QCommandLineOption> SyncCommand::options() const
{
    return {
        {QStringLiteral("allow-mass-delete"),
         QStringLiteral(
             "Apply deletions the mass-deletion guard holds, and sync a folder that lost its marker.")},
        {QStringLiteral("reupload"),
         QStringLiteral("After the remote branch was reset (emptied, replaced, rewritten): put the local "
                        "files onto the remote as they are, deleting nothing.")},
        {QStringLiteral("accept-remote"),
         QStringLiteral("After the remote branch was reset: make the folders what the remote has now; local "
                        "files that go are archived first (ferry versions).")},
        {QStringLiteral("watch"),
         QStringLiteral("Keep watching the folders and polling the remote, syncing as they change, until "
                        "interrupted (Ctrl+C or SIGTERM finish the cycle in progress first).")}};
}

int SyncCommand::run(CommandContext& ctx, const QCommandLineParser& parser)
{
    // libgit2's start parses the system's TLS certificates (about 7 ms of a 0.3 s no-change sync): it
    // runs beside reading the config, the state and opening the run log, and is over before a cycle
    // opens the repository.
    std::shared_ptr<git::Library> git;
    const std::shared_future<void> gitStarted =
        std::async(std::launch::async, [&git] { git = std::make_shared<git::Library>(); }).share();
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
    const bool reupload = parser.isSet(QStringLiteral("reupload"));
    const bool acceptRemote = parser.isSet(QStringLiteral("accept-remote"));
    if (reupload && acceptRemote) {
        ctx.err() << "ferry sync: --reupload and --accept-remote exclude each other; choose one" << Qt::endl;
        return ExitUsage;
    }
    if ((reupload || acceptRemote) && parser.isSet(QStringLiteral("watch"))) {
        ctx.err() << "ferry sync: --reupload and --accept-remote are for one cycle, not --watch" << Qt::endl;
        return ExitUsage;
    }
    // The tray app owns these profiles while it runs: it does the cycle with its own watchers.
    if (!parser.isSet(QStringLiteral("watch")) && !parser.isSet(QStringLiteral("allow-mass-delete")) &&
        !reupload && !acceptRemote)
        if (const std::optional<int> handed = ctx.handToRunningApp(
                {{QStringLiteral("command"), QStringLiteral("sync")}, {QStringLiteral("profile"), wanted}}))
            return *handed;

    // An unreachable database does not stop a sync: its runs wait in the queue.
    const std::unique_ptr<store::Store> store = store::StoreFactory::create(loaded->config, ctx.dataDir());
    store::RunLog runLog(*store, config::Paths::runQueue(ctx.dataDir()));
    if (parser.isSet(QStringLiteral("watch"))) {
        gitStarted.wait(); // the watchers' engines use libgit2 at once, from their own threads
        return watch(ctx, profiles, runLog);
    }
    sync::SyncOptions options;
    options.allowMassDelete = parser.isSet(QStringLiteral("allow-mass-delete"));
    options.resetChoice = reupload       ? sync::ResetChoice::Reupload
                          : acceptRemote ? sync::ResetChoice::TakeRemote
                                         : sync::ResetChoice::None;
    int exitCode = ExitSuccess;
    for (const config::Profile& profile : std::as_const(profiles)) {
        sync::SyncEngine engine(profile, ctx.dataDir());
        // The cycle runs beside the run's start in sync_logs (opening the database, writing the running
        // row: a flush to disk whose time varies), which it does not need. Joined before anything else
        // touches the engine.
        sync::SyncResult result;
        std::thread cycle([&] {
            gitStarted.wait();
            result = engine.runCycle(options);
        });
        store::RunRecord run = runLog.begin(sync::SyncResult::taskName(profile.name));
        cycle.join();
        WatcherGroup::report(ctx, runLog, run, result, QStringLiteral("ferry sync"));
        engine.maintain(); // after the result is printed and logged: nobody waits for a repack
        if (!result.ok || result.pending > 0)
            exitCode = ExitRunFailed;
    }
    return exitCode;
}

// One watcher per profile, each in its own thread; runs are logged and printed here, on the main thread.
int SyncCommand::watch(CommandContext& ctx, const QList<config::Profile>& profiles, store::RunLog& runLog)
{
    StopSignals stop;
    QEventLoop loop;
    QObject::connect(&stop, &StopSignals::received, &loop, &QEventLoop::quit);
    WatcherGroup watchers(ctx, runLog, QStringLiteral("ferry sync"));
    watchers.start(profiles);
    ctx.out() << "ferry sync: watching " << profiles.size() << " profile(s); Ctrl+C to stop" << Qt::endl;
    loop.exec();
    watchers.stop();
    ctx.out() << "ferry sync: stopped" << Qt::endl;
    return ExitSuccess;
}

} // namespace ferry::app
