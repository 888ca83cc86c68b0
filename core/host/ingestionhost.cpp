#include "core/host/ingestionhost.h"

#include "core/ingest/pipelineworker.h"
#include "core/schedule/neversynced.h"
#include "core/schedule/scheduler.h"
#include "core/store/storefactory.h"
#include "core/sync/failpoint.h"

#include <QCoreApplication>
#include <QTimer>

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
    m_stopDeadline.reset();
    m_inHand = std::make_shared<std::atomic<int>>(0);
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
    // In the worker's thread, as the run ends: stop() waits for this count to reach zero.
    connect(
        m_pipelines, &ingest::PipelineWorker::pipelineFinished, m_pipelines, [this] { runEnding(); },
        Qt::DirectConnection);
    connect(
        m_pipelines, &ingest::PipelineWorker::repositoriesFinished, m_pipelines, [this] { runEnding(); },
        Qt::DirectConnection);
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
    connect(m_scheduleThread.get(), &QThread::started, host,
            [this, host, config, dataDir] { openScheduler(host, config, dataDir); });
    m_scheduleThread->start();
}

// In the worker's thread (this object outlives it: stop() ends it). The pause is a test hook: a run
// that takes its time to end (FERRY_TEST_PAUSE=ingestion-run-ending:MS).
void IngestionHost::runEnding()
{
    sync::Failpoint::pause("ingestion-run-ending");
    if (--*m_inHand == 0)
        QMetaObject::invokeMethod(this, &IngestionHost::checkRunsEnded, Qt::QueuedConnection);
}

// The runs asked for end at once after a stop (the waits end, no task starts): polled, on the stop path
// only, with a bound in case a run does not answer.
void IngestionHost::waitForRunsInHand() const
{
    while (runsInHand())
        QThread::msleep(10);
}

bool IngestionHost::runsInHand() const
{
    return *m_inHand > 0 && !(m_stopDeadline && m_stopDeadline->hasExpired());
}

// In the scheduler's own thread: queued from requestStop() (the GUI thread does not wait), blocking
// from stop().
void IngestionHost::stopScheduler(Qt::ConnectionType how)
{
    auto* host = static_cast<ScheduleHost*>(m_scheduleContext);
    if (!host)
        return;
    QMetaObject::invokeMethod(
        host,
        [host] {
            if (host->scheduler)
                host->scheduler->stop();
        },
        how);
}

void IngestionHost::requestStop()
{
    if (m_stopDeadline)
        return; // requested already: runsEnded() is on its way
    m_stop.requestStop();
    m_stopDeadline = QDeadlineTimer(kStopGraceMs);
    stopScheduler(Qt::QueuedConnection);
    QTimer::singleShot(kStopGraceMs, this, &IngestionHost::checkRunsEnded);
    QMetaObject::invokeMethod(this, &IngestionHost::checkRunsEnded, Qt::QueuedConnection);
}

void IngestionHost::checkRunsEnded()
{
    if (m_stopDeadline && !runsInHand())
        emit runsEnded();
}

// From the scheduler's thread: the signal is emitted on this object's thread, in order with the worker's,
// and stop() delivers what is still queued before it returns.
void IngestionHost::relay(std::function<void()> emitter)
{
    QMetaObject::invokeMethod(this, std::move(emitter), Qt::QueuedConnection);
}

// In the scheduler's thread: its store, then the Scheduler, whose reports are relayed to this object's
// thread.
void IngestionHost::openScheduler(QObject* context, const config::Config& config, const QString& dataDir)
{
    auto* host = static_cast<ScheduleHost*>(context);
    host->store = store::StoreFactory::create(config, dataDir);
    if (const Status opened = host->store->open(); !opened) {
        const QString why = QStringLiteral("schedules wait: the store did not open: ") + opened.message();
        relay([this, why] { emit warning(why); });
        return; // the pipelines can still be run by hand
    }
    ingest::PipelineWorker* pipelines = m_pipelines;
    const auto inHand = m_inHand;
    host->scheduler = new schedule::Scheduler(
        schedule::ScheduledPipeline::fromConfig(config), *host->store, util::Clock::system(),
        schedule::Scheduler::makeHolderId(),
        [this, pipelines, inHand](const QString& pipeline, const QDateTime& due) {
            relay([this, pipeline, due] { emit runStarted(pipeline, due); });
            ++*inHand;
            QMetaObject::invokeMethod(pipelines, "run", Qt::QueuedConnection, Q_ARG(QString, pipeline));
        },
        schedule::SchedulerOptions::fromEnvironment(), host);
    schedule::Scheduler* scheduler = host->scheduler;
    connect(scheduler, &schedule::Scheduler::warning, this, &IngestionHost::warning);
    connect(pipelines, &ingest::PipelineWorker::pipelineFinished, scheduler,
            [this, scheduler](const QString& pipeline, const QString& status, bool complete) {
                endScheduledRun(*scheduler, pipeline, status, complete);
            });
    scheduler->start();
    if (config.github && !scheduler->isRunning(QStringLiteral("github"))) // a github run covers them
        syncNeverSynced(*config.github, *host->store);
    for (const schedule::ScheduledPipeline& p : scheduler->pipelines())
        if (!scheduler->isRunning(p.name))
            relay([this, name = p.name, next = scheduler->nextRun(p.name)] { emit runWaiting(name, next); });
}

// In the scheduler's thread, at start-up: repositories that have never been synced (added while Ferry
// was closed, or by a settings change) are synced now, not at the github pipeline's next due instant.
void IngestionHost::syncNeverSynced(const config::GithubSource& github, store::IngestStore& store)
{
    const Result<QStringList> never = schedule::NeverSynced::repositories(github, store);
    if (!never) {
        const QString why =
            QStringLiteral("new repositories wait for the schedule: ") + never.error().message;
        relay([this, why] { emit warning(why); });
        return;
    }
    if (never->isEmpty())
        return;
    ++*m_inHand;
    QMetaObject::invokeMethod(m_pipelines, "runRepositories", Qt::QueuedConnection,
                              Q_ARG(QStringList, *never));
}

// In the scheduler's thread: a run it started is recorded, or its lease goes back so that it is due again.
void IngestionHost::endScheduledRun(schedule::Scheduler& scheduler, const QString& pipeline,
                                    const QString& status, bool complete)
{
    if (!scheduler.isRunning(pipeline))
        return; // run by hand, not by the schedule
    if (complete)
        scheduler.finishRun(pipeline, status);
    else
        scheduler.releaseRun(pipeline);
    const QDateTime next = scheduler.nextRun(pipeline);
    relay([this, pipeline, status, complete, next] { emit runEnded(pipeline, status, complete, next); });
}

void IngestionHost::runPipeline(const QString& pipeline)
{
    if (!m_pipelines)
        return;
    ++*m_inHand;
    QMetaObject::invokeMethod(m_pipelines, "run", Qt::QueuedConnection, Q_ARG(QString, pipeline));
}

void IngestionHost::runRepositories(const QStringList& repositories)
{
    if (!m_pipelines || repositories.isEmpty())
        return;
    ++*m_inHand;
    QMetaObject::invokeMethod(m_pipelines, "runRepositories", Qt::QueuedConnection,
                              Q_ARG(QStringList, repositories));
}

void IngestionHost::stop()
{
    m_stop.requestStop();
    if (!m_stopDeadline)
        m_stopDeadline = QDeadlineTimer(kStopGraceMs);
    stopScheduler(Qt::BlockingQueuedConnection);
    // The run in hand ends its waits, stores what came and logs itself, then the thread ends. Not
    // quit() at once: that would also end the run's own event loops, and the answers in flight with them.
    if (m_ingestThread) {
        waitForRunsInHand();
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
