#pragma once

#include "core/config/config.h"
#include "core/ingest/taskoutcome.h"
#include "core/util/stoptoken.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QHash>
#include <QObject>
#include <QThread>

namespace ferry::ingest {
class PipelineWorker;
}
namespace ferry::schedule {
class Scheduler;
}
namespace ferry::store {
class IngestStore;
}

namespace ferry::host {

// The ingestion of `ferry daemon` and the tray app: a PipelineWorker in its own thread ("ferry-ingest",
// with its own store) runs the pipelines the Scheduler starts or the caller asks for; the Scheduler lives
// in a second thread ("ferry-schedule") with a store of its own (catch-up at start-up, leases shared with
// other machines), so that a long pipeline never delays the caller's thread nor a lease renewal. Every
// signal arrives on the thread that made this object.
class IngestionHost : public QObject
{
    Q_OBJECT

public:
    explicit IngestionHost(QObject* parent = nullptr);
    ~IngestionHost() override; // stop()

    // Repositories never synced (schedule::NeverSynced: added while Ferry was closed, or since the last
    // start) are synced at once, unless the github pipeline is due then anyway.
    void start(const config::Config& config, const QString& dataDir);
    // The scheduler starts nothing new; the run in hand ends its waits at once (a rate-limit pause, a
    // backoff), stores what came and sends nothing new (requests in flight get a moment, then are
    // cancelled); a run cut short gives its lease back; then the threads end. Within about a second; the
    // last signals (taskFinished, pipelineFinished, runEnded) are delivered before it returns.
    void stop();
    // The first half of stop(), without waiting: the scheduler and the runs are told to stop, and
    // runsEnded() follows once no run is in hand any more (or the stop's grace is over); stop() then
    // returns at once. For a caller that must not block (the tray app's restart on a new config).
    void requestStop();
    // A run asked for has not ended yet (after requestStop(): and the grace is not over).
    bool runsInHand() const;
    void runPipeline(const QString& pipeline);
    // The github task for these tracked repositories only ("owner/name"), now.
    void runRepositories(const QStringList& repositories);

signals:
    // The scheduler started a run that was due at `due`.
    void runStarted(const QString& pipeline, const QDateTime& due);
    // Once the scheduler has started: a scheduled pipeline not running now, and when it runs next.
    void runWaiting(const QString& pipeline, const QDateTime& next);
    // The scheduler took a run's end: finished (complete) or stopped before it (due again); `next` is
    // when it runs next.
    void runEnded(const QString& pipeline, const QString& status, bool complete, const QDateTime& next);
    // A wait as it begins ("waiting 60 s: secondary rate limit (…)").
    void taskNotice(const QString& pipeline, const QString& task, const QString& text);
    // `task` is empty when the pipeline could not start: outcome.error says why.
    void taskFinished(const QString& pipeline, const QString& task,
                      const ferry::ingest::TaskOutcome& outcome);
    // needsAttention: a task of it failed or left a unit undone (TaskOutcome::needsAttention).
    void pipelineFinished(const QString& pipeline, const QString& status, bool needsAttention);
    void repositoryChanged(const QString& repository, const QString& status); // syncing, synced, error
    void repositoriesFinished(const QStringList& repositories, const QString& status);
    // The scheduler's warnings (a lease not renewed), or why the schedules wait (the store did not open).
    void warning(const QString& message);
    // After requestStop(): no run is in hand any more, or the stop's grace is over.
    void runsEnded();

private:
    void connectWorker();
    void startScheduler(const config::Config& config, const QString& dataDir);
    void openScheduler(QObject* context, const config::Config& config, const QString& dataDir);
    void syncNeverSynced(const config::GithubSource& github, store::IngestStore& store);
    void endScheduledRun(schedule::Scheduler& scheduler, const QString& pipeline, const QString& status,
                         bool complete);
    void relay(std::function<void()> emitter);
    void waitForRunsInHand() const;
    void runEnding(); // in the worker's thread, as a run it was asked for ends
    void checkRunsEnded();
    void stopScheduler(Qt::ConnectionType how);

    static constexpr int kStopGraceMs = 30000;

    util::StopToken m_stop; // a new one for each start(): the worker's waits end when it is requested
    std::optional<QDeadlineTimer> m_stopDeadline; // since the stop was requested: how long runs get
    // Runs asked of the worker and not yet finished (counted here and in the scheduler's thread).
    std::shared_ptr<std::atomic<int>> m_inHand = std::make_shared<std::atomic<int>>(0);
    QHash<QString, bool> m_attention; // per pipeline running: whether a task of it needs attention
    std::unique_ptr<QThread> m_ingestThread;
    ingest::PipelineWorker* m_pipelines = nullptr; // lives in m_ingestThread
    std::unique_ptr<QThread> m_scheduleThread;
    QObject* m_scheduleContext = nullptr; // lives in m_scheduleThread: its store and the Scheduler
};

} // namespace ferry::host
