#pragma once

#include "config/config.h"
#include "ingest/taskoutcome.h"
#include "util/stoptoken.h"

#include <memory>
#include <QHash>
#include <QObject>
#include <QThread>

namespace ferry::ingest {
class PipelineWorker;
}

namespace ferry::ui {

// The app's ingestion: a PipelineWorker in its own thread (with its own store) runs pipelines asked
// for from the menu or by the Scheduler, which lives in a second thread with a store of its own (as in
// `ferry daemon`: catch-up at start-up, leases shared with other machines).
class IngestionHost : public QObject
{
    Q_OBJECT

public:
    explicit IngestionHost(QObject* parent = nullptr);
    ~IngestionHost() override; // stop()

    void start(const config::Config& config, const QString& dataDir);
    // The scheduler starts nothing new; the run in hand ends its waits at once (a rate-limit pause, a
    // backoff), stores what came and sends nothing new (requests in flight get a moment, then are
    // cancelled); a run cut short gives its lease back; then the threads end. Within about a second.
    void stop();
    void runPipeline(const QString& pipeline);
    // The github task for these tracked repositories only ("owner/name"), now.
    void runRepositories(const QStringList& repositories);

signals:
    void taskFinished(const QString& task, const QString& status, const QString& error);
    // The same, whole (for alerts); `task` is the pipeline when it could not start.
    void taskOutcome(const QString& task, const ferry::ingest::TaskOutcome& outcome);
    // needsAttention: a task of it failed or left a unit undone (TaskOutcome::needsAttention).
    void pipelineFinished(const QString& pipeline, const QString& status, bool needsAttention);
    void repositoryChanged(const QString& repository, const QString& status); // syncing, synced, error
    void repositoriesFinished(const QStringList& repositories, const QString& status);

private:
    void startScheduler(const config::Config& config, const QString& dataDir);

    util::StopToken m_stop; // a new one for each start(): the worker's waits end when it is requested
    QHash<QString, bool> m_attention; // per pipeline running: whether a task of it needs attention
    std::unique_ptr<QThread> m_ingestThread;
    ingest::PipelineWorker* m_pipelines = nullptr; // lives in m_ingestThread
    std::unique_ptr<QThread> m_scheduleThread;
    QObject* m_scheduleContext = nullptr; // lives in m_scheduleThread: its store and the Scheduler
};

} // namespace ferry::ui
