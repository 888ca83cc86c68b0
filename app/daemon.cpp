#include "daemon.h"

#include "alert/alerter.h"
#include "commandcontext.h"
#include "config/paths.h"
#include "exitcode.h"
#include "ingest/pipelineworker.h"
#include "schedule/scheduler.h"
#include "store/runrecord.h"
#include "store/store.h"

namespace ferry::app {
namespace {

QString at(const QDateTime& utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

} // namespace

Daemon::Daemon(CommandContext& ctx, const config::Config& config, store::Store& store)
    : m_ctx(ctx), m_config(config), m_runLog(store, config::Paths::runQueue(ctx.dataDir())),
      m_watchers(ctx, m_runLog, QStringLiteral("ferry daemon")),
      m_worker(new ingest::PipelineWorker(config, ctx.dataDir(), m_stop))
{
    // Ingestion in its own thread, so that a long pipeline never delays the watchers' bookkeeping or
    // the lease renewals here.
    m_worker->moveToThread(&m_ingestThread);
    connect(&m_ingestThread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &ingest::PipelineWorker::taskFinished, this, &Daemon::onTaskFinished);
    connect(m_worker, &ingest::PipelineWorker::pipelineFinished, this, &Daemon::onPipelineFinished);
    connect(m_worker, &ingest::PipelineWorker::taskNotice, this,
            [this](const QString& pipeline, const QString& task, const QString& text) {
                m_ctx.out() << "ferry daemon: " << pipeline << ": " << task << ": " << text << Qt::endl;
            });
    m_ingestThread.start();
    m_scheduler = std::make_unique<schedule::Scheduler>(
        schedule::ScheduledPipeline::fromConfig(config), store, util::Clock::system(),
        schedule::Scheduler::makeHolderId(),
        [this](const QString& pipeline, const QDateTime& due) { startPipeline(pipeline, due); },
        schedule::Scheduler::Options::fromEnvironment());
    connect(m_scheduler.get(), &schedule::Scheduler::warning, this, [this](const QString& message) {
        m_ctx.err() << "ferry daemon: warning: " << message << Qt::endl;
    });
    connect(&m_stopSignals, &StopSignals::received, this, &Daemon::onStopSignal);
    startAlerts();
}

// Alerts go out from their own thread: a slow or failing webhook is logged and never holds a run.
void Daemon::startAlerts()
{
    m_alerter = std::make_unique<alert::Alerter>(m_config.alerts);
    connect(&m_watchers, &WatcherGroup::cycleFinished, m_alerter.get(), &alert::Alerter::cycleFinished);
    connect(m_alerter.get(), &alert::Alerter::raised, this, [this](const alert::Alert& a) {
        m_ctx.out() << "ferry daemon: alert: " << alert::Alert::kindName(a.kind) << " " << a.subject
                    << (m_alerter->webhook().isEmpty() ? QStringLiteral(" (no webhook configured)")
                                                       : QStringLiteral(" -> ") + m_alerter->webhook())
                    << Qt::endl;
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
    m_ingestThread.quit();
    m_ingestThread.wait();
}

int Daemon::exec()
{
    const QList<schedule::ScheduledPipeline>& pipelines = m_scheduler->pipelines();
    m_ctx.out() << "ferry daemon: watching " << m_config.profiles.size() << " profile(s), "
                << pipelines.size() << " schedule(s); SIGTERM or Ctrl+C to stop" << Qt::endl;
    m_watchers.start(m_config.profiles);
    m_scheduler->start();
    for (const schedule::ScheduledPipeline& p : pipelines) {
        if (!m_scheduler->isRunning(p.name))
            m_ctx.out() << "ferry daemon: " << p.name << ": next run " << at(m_scheduler->nextRun(p.name))
                        << Qt::endl;
    }
    m_loop.exec();
    m_watchers.stop(); // after their cycle in progress
    m_ctx.out() << "ferry daemon: stopped" << Qt::endl;
    return ExitSuccess;
}

void Daemon::startPipeline(const QString& pipeline, const QDateTime& due)
{
    m_ctx.out() << "ferry daemon: " << pipeline << ": started (due " << at(due) << ")" << Qt::endl;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, pipeline] { worker->run(pipeline); }, Qt::QueuedConnection);
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

void Daemon::onPipelineFinished(const QString& pipeline, const QString& status, bool complete)
{
    if (complete) {
        m_scheduler->finishRun(pipeline, status);
        m_ctx.out() << "ferry daemon: " << pipeline << ": finished: " << status << "; next run "
                    << at(m_scheduler->nextRun(pipeline)) << Qt::endl;
    } else {
        m_scheduler->releaseRun(pipeline);
        m_ctx.out() << "ferry daemon: " << pipeline << ": stopped before the end; due again" << Qt::endl;
    }
    if (m_stopping && !m_scheduler->hasRunning())
        m_loop.quit();
}

void Daemon::onStopSignal()
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_stop.requestStop(); // every wait ends; nothing new is sent; what came is stored and logged
    m_scheduler->stop();
    m_ctx.out() << "ferry daemon: stopping" << Qt::endl;
    if (!m_scheduler->hasRunning())
        m_loop.quit();
}

} // namespace ferry::app
