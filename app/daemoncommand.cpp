#include "daemoncommand.h"

#include "commandcontext.h"
#include "config/paths.h"
#include "exitcode.h"
#include "ingest/pipelineworker.h"
#include "schedule/scheduler.h"
#include "stopsignals.h"
#include "store/runlog.h"
#include "store/store.h"
#include "watchergroup.h"

#include <atomic>
#include <QEventLoop>
#include <QThread>

namespace ferry::app {
namespace {

QString at(const QDateTime& utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
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
        return ExitRunFailed;
    }
    const std::unique_ptr<store::Store> store = std::move(opened.value());
    store::RunLog runLog(*store, config::Paths::runQueue(ctx.dataDir()));

    std::atomic<bool> stop{false};
    bool stopping = false;
    QEventLoop loop;
    WatcherGroup watchers(ctx, runLog, QStringLiteral("ferry daemon"));

    // Ingestion in its own thread, so that a long pipeline never delays a sync cycle's bookkeeping.
    QThread ingestThread;
    auto* worker = new ingest::PipelineWorker(config, ctx.dataDir(), &stop);
    worker->moveToThread(&ingestThread);
    QObject::connect(&ingestThread, &QThread::finished, worker, &QObject::deleteLater);
    ingestThread.start();

    schedule::Scheduler scheduler(
        pipelines, *store, util::Clock::system(), schedule::Scheduler::makeHolderId(),
        [&ctx, worker](const QString& pipeline, const QDateTime& due) {
            ctx.out() << "ferry daemon: " << pipeline << ": started (due " << at(due) << ")" << Qt::endl;
            QMetaObject::invokeMethod(
                worker, [worker, pipeline] { worker->run(pipeline); }, Qt::QueuedConnection);
        },
        schedule::Scheduler::Options::fromEnvironment());
    QObject::connect(&scheduler, &schedule::Scheduler::warning, &loop, [&ctx](const QString& message) {
        ctx.err() << "ferry daemon: warning: " << message << Qt::endl;
    });
    QObject::connect(worker, &ingest::PipelineWorker::taskFinished, &loop,
                     [&ctx](const QString& pipeline, const QString& task, const QString& status, int rows,
                            const QString& error) {
                         (status == store::RunStatus::Failed ? ctx.err() : ctx.out())
                             << "ferry daemon: " << pipeline << ": " << task << ": " << status << ", " << rows
                             << " rows" << (error.isEmpty() ? QString() : QStringLiteral(": ") + error)
                             << Qt::endl;
                     });
    QObject::connect(worker, &ingest::PipelineWorker::pipelineFinished, &loop,
                     [&](const QString& pipeline, const QString& status, bool complete) {
                         if (complete)
                             scheduler.finishRun(pipeline, status);
                         else
                             scheduler.releaseRun(pipeline);
                         ctx.out() << "ferry daemon: " << pipeline << ": "
                                   << (complete ? QStringLiteral("finished: %1; next run %2")
                                                      .arg(status, at(scheduler.nextRun(pipeline)))
                                                : QStringLiteral("stopped before the end; due again"))
                                   << Qt::endl;
                         if (stopping && !scheduler.hasRunning())
                             loop.quit();
                     });

    StopSignals stopSignals;
    QObject::connect(&stopSignals, &StopSignals::received, &loop, [&] {
        if (stopping)
            return;
        stopping = true;
        stop = true; // the HTTP client sends nothing new; the item in hand is finished and stored
        scheduler.stop();
        ctx.out() << "ferry daemon: stopping" << Qt::endl;
        if (!scheduler.hasRunning())
            loop.quit();
    });

    ctx.out() << "ferry daemon: watching " << config.profiles.size() << " profile(s), " << pipelines.size()
              << " schedule(s); SIGTERM or Ctrl+C to stop" << Qt::endl;
    watchers.start(config.profiles);
    scheduler.start();
    for (const schedule::ScheduledPipeline& p : pipelines) {
        if (!scheduler.isRunning(p.name))
            ctx.out() << "ferry daemon: " << p.name << ": next run " << at(scheduler.nextRun(p.name))
                      << Qt::endl;
    }
    loop.exec();

    watchers.stop();
    ingestThread.quit();
    ingestThread.wait();
    ctx.out() << "ferry daemon: stopped" << Qt::endl;
    return ExitSuccess;
}

} // namespace ferry::app
