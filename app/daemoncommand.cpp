#include "app/daemoncommand.h"

#include "app/commandcontext.h"
#include "app/daemon.h"
#include "app/exitcode.h"
#include "core/alert/alerter.h"
#include "core/config/paths.h"
#include "core/schedule/scheduler.h"
#include "core/store/store.h"

#include <QEventLoop>
#include <QTimer>

namespace ferry::app {
namespace {

// A daemon that cannot start exits 1 and systemd starts it again (Restart=on-failure), for as long as
// the cause lasts: without an alert nobody hears of it; with the rate limit kept in the data directory,
// once per window rather than once per start. The delivery gets its retries before the exit (a webhook
// not reachable yet at boot would otherwise lose the alert for the whole window).
void alertStartFailure(CommandContext& ctx, const config::Config& config, const QString& why)
{
    alert::Alerter alerter(config.alerts);
    alerter.keepLimitsIn(config::Paths::alertLimits(ctx.dataDir()));
    QEventLoop waiting;
    bool sending = false;
    QObject::connect(&alerter, &alert::Alerter::raised, &alerter, [&](const alert::Alert& a) {
        if (alerter.webhook().isEmpty())
            return;
        sending = true;
        ctx.err() << "ferry daemon: alert: " << alert::Alert::kindName(a.kind) << " " << a.subject << " -> "
                  << alerter.webhook() << Qt::endl;
    });
    QObject::connect(&alerter, &alert::Alerter::heldBack, &alerter, [&](const alert::Alert& a) {
        ctx.err() << "ferry daemon: alert: " << alert::Alert::kindName(a.kind) << " " << a.subject
                  << " held back by the rate limit (alerts.rate_limit_minutes)" << Qt::endl;
    });
    QObject::connect(&alerter, &alert::Alerter::delivered, &waiting, &QEventLoop::quit);
    QObject::connect(&alerter, &alert::Alerter::deliveryFailed, &waiting,
                     [&](const alert::Alert& a, const QString& failure) {
                         ctx.err() << "ferry daemon: warning: alert " << alert::Alert::kindName(a.kind) << " "
                                   << a.subject << " not delivered to " << alerter.webhook() << ": "
                                   << failure << Qt::endl;
                         waiting.quit();
                     });
    alerter.startFailed(why);
    if (!sending)
        return;
    // Every try may take the timeout, plus the backoff between them.
    QTimer::singleShot((config.alerts.timeoutSeconds * 3 + 5) * 1000, &waiting, &QEventLoop::quit);
    waiting.exec();
}

} // namespace

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
        alertStartFailure(ctx, config, opened.message());
        return ExitRunFailed;
    }
    const std::unique_ptr<store::Store> store = std::move(opened.value());
    Daemon daemon(ctx, config, *store);
    return daemon.exec();
}

} // namespace ferry::app
