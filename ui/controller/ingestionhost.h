#pragma once

#include "config/config.h"

#include <atomic>
#include <memory>
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
    // The scheduler starts nothing new, the run in hand finishes its item and sends nothing new, a run
    // cut short gives its lease back; then the threads end.
    void stop();
    void runPipeline(const QString& pipeline);

signals:
    void taskFinished(const QString& task, const QString& status, const QString& error);
    void pipelineFinished(const QString& pipeline, const QString& status);

private:
    void startScheduler(const config::Config& config, const QString& dataDir);

    std::atomic<bool> m_stop{false}; // read by the worker's HTTP clients
    std::unique_ptr<QThread> m_ingestThread;
    ingest::PipelineWorker* m_pipelines = nullptr; // lives in m_ingestThread
    std::unique_ptr<QThread> m_scheduleThread;
    QObject* m_scheduleContext = nullptr; // lives in m_scheduleThread: its store and the Scheduler
};

} // namespace ferry::ui
