#pragma once

#include "config/config.h"
#include "ingest/taskoutcome.h"
#include "stopsignals.h"
#include "store/runlog.h"
#include "util/stoptoken.h"
#include "watchergroup.h"

#include <memory>
#include <QEventLoop>
#include <QObject>
#include <QThread>

namespace ferry::alert {
class Alerter;
}
namespace ferry::ingest {
class PipelineWorker;
}
namespace ferry::schedule {
class Scheduler;
}
namespace ferry::store {
class Store;
}

namespace ferry::app {

class CommandContext;

// What `ferry daemon` runs until a stop signal: the watchers, the Scheduler on this thread with the
// given store, and a PipelineWorker on its own thread (with its own store) for the pipelines' runs.
class Daemon : public QObject
{
    Q_OBJECT

public:
    Daemon(CommandContext& ctx, const config::Config& config, store::Store& store);
    ~Daemon() override;

    // Runs until SIGINT/SIGTERM and the run in hand, if any, have ended; returns an ExitCode.
    int exec();

private:
    void startPipeline(const QString& pipeline, const QDateTime& due);
    void onTaskFinished(const QString& pipeline, const QString& task, const ingest::TaskOutcome& outcome);
    void onPipelineFinished(const QString& pipeline, const QString& status, bool complete);
    void onStopSignal();
    void startAlerts();

    CommandContext& m_ctx;
    const config::Config& m_config;
    store::RunLog m_runLog;
    util::StopToken m_stop; // ends the worker's waits at once
    bool m_stopping = false;
    QEventLoop m_loop;
    WatcherGroup m_watchers;
    QThread m_ingestThread;
    ingest::PipelineWorker* m_worker; // lives in m_ingestThread, deleted when it finishes
    std::unique_ptr<schedule::Scheduler> m_scheduler;
    StopSignals m_stopSignals;
    std::unique_ptr<alert::Alerter> m_alerter; // the config's `alerts`: the webhook (no desktop here)
};

} // namespace ferry::app
