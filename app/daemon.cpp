#include "app/daemon.h"

#include "app/commandcontext.h"
#include "app/exitcode.h"
#include "core/alert/alerter.h"
#include "core/config/paths.h"
#include "core/schedule/scheduler.h"
#include "core/store/runrecord.h"
#include "core/store/store.h"

namespace ferry::app {
namespace {

QString at(const QDateTime& utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

} // namespace

Daemon::Daemon(CommandContext& ctx, const config::Config& config, store::Store& store)
    : m_ctx(ctx), m_config(config), m_runLog(store, config::Paths::runQueue(ctx.dataDir())),
      m_watchers(ctx, m_runLog, QStringLiteral("ferry daemon"))
{
    connectIngestion();
    connect(&m_stopSignals, &StopSignals::received, this, &Daemon::onStopSignal);
    startAlerts();
}

void Daemon::connectIngestion()
{
    connect(&m_ingestion, &host::IngestionHost::runStarted, this,
            [this](const QString& pipeline, const QDateTime& due) {
                m_ctx.out() << "ferry daemon: " << pipeline << ": started (due " << at(due) << ")"
                            << Qt::endl;
            });
    connect(&m_ingestion, &host::IngestionHost::runWaiting, this,
            [this](const QString& pipeline, const QDateTime& next) {
                m_ctx.out() << "ferry daemon: " << pipeline << ": next run " << at(next) << Qt::endl;
            });
    connect(&m_ingestion, &host::IngestionHost::taskNotice, this,
            [this](const QString& pipeline, const QString& task, const QString& text) {
                m_ctx.out() << "ferry daemon: " << pipeline << ": " << task << ": " << text << Qt::endl;
            });
    connect(&m_ingestion, &host::IngestionHost::taskFinished, this, &Daemon::onTaskFinished);
    connect(&m_ingestion, &host::IngestionHost::runEnded, this, &Daemon::onRunEnded);
    connect(&m_ingestion, &host::IngestionHost::warning, this, [this](const QString& message) {
        m_ctx.err() << "ferry daemon: warning: " << message << Qt::endl;
    });
}

// Alerts go out from their own thread: a slow or failing webhook is logged and never holds a run.
void Daemon::startAlerts()
{
    m_alerter = std::make_unique<alert::Alerter>(m_config.alerts);
    // A daemon restarted in a crash loop (systemd's Restart=on-failure) must not alert on every start.
    m_alerter->keepLimitsIn(config::Paths::alertLimits(m_ctx.dataDir()));
    connect(&m_watchers, &WatcherGroup::cycleFinished, m_alerter.get(), &alert::Alerter::cycleFinished);
    connect(m_alerter.get(), &alert::Alerter::raised, this, [this](const alert::Alert& a) {
        m_ctx.out() << "ferry daemon: alert: " << alert::Alert::kindName(a.kind) << " " << a.subject
                    << (m_alerter->webhook().isEmpty() ? QStringLiteral(" (no webhook configured)")
                                                       : QStringLiteral(" -> ") + m_alerter->webhook())
                    << Qt::endl;
    });
    connect(m_alerter.get(), &alert::Alerter::heldBack, this, [this](const alert::Alert& a) {
        m_ctx.out() << "ferry daemon: alert: " << alert::Alert::kindName(a.kind) << " " << a.subject
                    << " held back by the rate limit (alerts.rate_limit_minutes)" << Qt::endl;
    });
    connect(m_alerter.get(), &alert::Alerter::deliveryFailed, this,
            [this](const alert::Alert& a, const QString& why) {
                m_ctx.err() << "ferry daemon: warning: alert " << alert::Alert::kindName(a.kind) << " "
                            << a.subject << " not delivered to " << m_alerter->webhook() << ": " << why
                            << Qt::endl;
            });
}

Daemon::~Daemon()
{
    m_watchers.stop();
    m_ingestion.stop();
}

int Daemon::exec()
{
    m_ctx.out() << "ferry daemon: watching " << m_config.profiles.size() << " profile(s), "
                << schedule::ScheduledPipeline::fromConfig(m_config).size()
                << " schedule(s); SIGTERM or Ctrl+C to stop" << Qt::endl;
    m_watchers.start(m_config.profiles);
    m_ingestion.start(m_config, m_ctx.dataDir()); // the schedules' next runs are printed once known
    m_loop.exec();
    m_watchers.stop(); // after their cycle in progress
    m_ctx.out() << "ferry daemon: stopped" << Qt::endl;
    return ExitSuccess;
}

// The same line as `ferry ingest` prints, on stderr when a nightly job should fail on it (a task failed
// or left a unit undone), on stdout when it only skipped bad input.
void Daemon::onTaskFinished(const QString& pipeline, const QString& task, const ingest::TaskOutcome& outcome)
{
    if (task.isEmpty()) { // the pipeline could not start
        m_ctx.err() << "ferry daemon: " << pipeline << ": cannot start: " << outcome.error << Qt::endl;
        m_alerter->taskFinished(pipeline, outcome);
        return;
    }
    (outcome.needsAttention() ? m_ctx.err() : m_ctx.out())
        << "ferry daemon: " << pipeline << ": " << task << ": " << outcome.summary() << Qt::endl;
    m_alerter->taskFinished(task, outcome);
}

// After the scheduler took the run's end: recorded, or its lease given back so that it is due again.
void Daemon::onRunEnded(const QString& pipeline, const QString& status, bool complete, const QDateTime& next)
{
    if (complete)
        m_ctx.out() << "ferry daemon: " << pipeline << ": finished: " << status << "; next run " << at(next)
                    << Qt::endl;
    else
        m_ctx.out() << "ferry daemon: " << pipeline << ": stopped before the end; due again" << Qt::endl;
}

void Daemon::onStopSignal()
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_ctx.out() << "ferry daemon: stopping" << Qt::endl;
    // Every wait ends; nothing new is sent; what came is stored and logged; a run cut short gives its
    // lease back. Its last lines are printed before this returns.
    m_ingestion.stop();
    m_loop.quit();
}

} // namespace ferry::app
