#include "host/ingestionhost.h"

#include "ingest/pipelineworker.h"
#include "schedule/scheduler.h"
#include "store/storefactory.h"

#include <QCoreApplication>

namespace ferry::host {
namespace {

// The Scheduler and its store, in the scheduler's thread (a Store belongs to the thread that made it).
class ScheduleHost : public QObject
{
public:
    std::unique_ptr<store::Store> store;
    schedule::Scheduler* scheduler = nullptr;
};

} // namespace

IngestionHost::IngestionHost(QObject* parent) : QObject(parent) {}

IngestionHost::~IngestionHost()
{
    stop();
}

void IngestionHost::start(const config::Config& config, const QString& dataDir)
{
    stop();
    m_stop = util::StopToken();
    m_ingestThread = std::make_unique<QThread>();
    m_ingestThread->setObjectName(QStringLiteral("ferry-ingest"));
    m_pipelines = new ingest::PipelineWorker(config, dataDir, m_stop);
    m_pipelines->moveToThread(m_ingestThread.get());
    connect(m_ingestThread.get(), &QThread::finished, m_pipelines, &QObject::deleteLater);
    connectWorker();
    m_ingestThread->start();
    startScheduler(config, dataDir);
}

void IngestionHost::connectWorker()
{
    connect(m_pipelines, &ingest::PipelineWorker::taskFinished, this,
            [this](const QString& pipeline, const QString& task, const ingest::TaskOutcome& outcome) {
                m_attention[pipeline] = m_attention.value(pipeline) || outcome.needsAttention();
                emit taskFinished(pipeline, task, outcome);
            });
    connect(m_pipelines, &ingest::PipelineWorker::taskNotice, this, &IngestionHost::taskNotice);
    connect(m_pipelines, &ingest::PipelineWorker::pipelineFinished, this,
            [this](const QString& pipeline, const QString& status, bool) {
                emit pipelineFinished(pipeline, status, m_attention.take(pipeline));
            });
    connect(m_pipelines, &ingest::PipelineWorker::repositoryChanged, this, &IngestionHost::repositoryChanged);
    connect(m_pipelines, &ingest::PipelineWorker::repositoriesFinished, this,
            [this](const QStringList& repositories, const QString& status) {
                m_attention.remove(QStringLiteral("repositories"));
                emit repositoriesFinished(repositories, status);
            });
}

void IngestionHost::startScheduler(const config::Config& config, const QString& dataDir)
{
    const QList<schedule::ScheduledPipeline> scheduled = schedule::ScheduledPipeline::fromConfig(config);
    if (scheduled.isEmpty())
        return;
    m_scheduleThread = std::make_unique<QThread>();
    m_scheduleThread->setObjectName(QStringLiteral("ferry-schedule"));
    auto* host = new ScheduleHost;
    host->moveToThread(m_scheduleThread.get());
    m_scheduleContext = host;
    connect(m_scheduleThread.get(), &QThread::finished, host, &QObject::deleteLater);
    ingest::PipelineWorker* pipelines = m_pipelines;
    // In the scheduler's thread: the signals below are emitted from there and queued to this object.
    connect(
        m_scheduleThread.get(), &QThread::started, host, [this, host, pipelines, scheduled, config, dataDir] {
            host->store = store::StoreFactory::create(config, dataDir);
            if (const Status opened = host->store->open(); !opened) {
                emit warning(QStringLiteral("schedules wait: the store did not open: ") + opened.message());
                return; // the pipelines can still be run by hand
            }
            host->scheduler = new schedule::Scheduler(
                scheduled, *host->store, util::Clock::system(), schedule::Scheduler::makeHolderId(),
                [this, pipelines](const QString& pipeline, const QDateTime& due) {
                    emit runStarted(pipeline, due);
                    QMetaObject::invokeMethod(pipelines, "run", Qt::QueuedConnection,
                                              Q_ARG(QString, pipeline));
                },
                schedule::SchedulerOptions::fromEnvironment(), host);
            schedule::Scheduler* scheduler = host->scheduler;
            QObject::connect(scheduler, &schedule::Scheduler::warning, this, &IngestionHost::warning);
            QObject::connect(
                pipelines, &ingest::PipelineWorker::pipelineFinished, scheduler,
                [this, scheduler](const QString& pipeline, const QString& status, bool complete) {
                    if (!scheduler->isRunning(pipeline))
                        return; // run by hand, not by the schedule
                    if (complete)
                        scheduler->finishRun(pipeline, status);
                    else
                        scheduler->releaseRun(pipeline);
                    emit runEnded(pipeline, status, complete, scheduler->nextRun(pipeline));
                });
            scheduler->start();
            for (const schedule::ScheduledPipeline& p : scheduler->pipelines())
                if (!scheduler->isRunning(p.name))
                    emit runWaiting(p.name, scheduler->nextRun(p.name));
        });
    m_scheduleThread->start();
}

void IngestionHost::runPipeline(const QString& pipeline)
{
    if (m_pipelines)
        QMetaObject::invokeMethod(m_pipelines, "run", Qt::QueuedConnection, Q_ARG(QString, pipeline));
}

void IngestionHost::runRepositories(const QStringList& repositories)
{
    if (m_pipelines && !repositories.isEmpty())
        QMetaObject::invokeMethod(m_pipelines, "runRepositories", Qt::QueuedConnection,
                                  Q_ARG(QStringList, repositories));
}

void IngestionHost::stop()
{
    m_stop.requestStop();
    if (m_scheduleContext) {
        auto* host = static_cast<ScheduleHost*>(m_scheduleContext);
        QMetaObject::invokeMethod(
            host,
            [host] {
                if (host->scheduler)
                    host->scheduler->stop();
            },
            Qt::BlockingQueuedConnection);
    }
    // The run in hand ends its waits, stores what came and logs itself, then the thread ends.
    if (m_ingestThread) {
        m_ingestThread->quit();
        m_ingestThread->wait();
        m_ingestThread.reset();
        m_pipelines = nullptr;
    }
    if (m_scheduleThread) {
        auto* host = static_cast<ScheduleHost*>(m_scheduleContext);
        // The ingestion's last word (finished, or stopped: the lease goes back) before the scheduler ends.
        QMetaObject::invokeMethod(
            host,
            [host] {
                QCoreApplication::sendPostedEvents();
                if (host->scheduler)
                    for (const schedule::ScheduledPipeline& p : host->scheduler->pipelines())
                        host->scheduler->releaseRun(p.name);
            },
            Qt::BlockingQueuedConnection);
        m_scheduleThread->quit();
        m_scheduleThread->wait();
        m_scheduleThread.reset();
        m_scheduleContext = nullptr;
    }
    QCoreApplication::sendPostedEvents(this); // the last results
}

} // namespace ferry::host
