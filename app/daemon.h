#pragma once

#include "app/stopsignals.h"
#include "app/watchergroup.h"
#include "core/config/config.h"
#include "core/host/ingestionhost.h"
#include "core/ingest/taskoutcome.h"
#include "core/store/runlog.h"

#include <memory>
#include <QEventLoop>
#include <QObject>

namespace ferry::alert {
class Alerter;
}
namespace ferry::store {
class Store;
}

namespace ferry::app {

class CommandContext;

// What `ferry daemon` runs until a stop signal: the watchers (a WatcherGroup, which logs their cycles in
// the given store) and the ingestion (a host::IngestionHost: the Scheduler and a PipelineWorker in
// threads of their own, each with its own store). Everything they report is printed here.
class Daemon : public QObject
{
    Q_OBJECT

public:
    Daemon(CommandContext& ctx, const config::Config& config, store::Store& store);
    ~Daemon() override;

    // Runs until SIGINT/SIGTERM and the run in hand, if any, have ended; returns an ExitCode.
    int exec();

private:
    void connectIngestion();
    void onTaskFinished(const QString& pipeline, const QString& task, const ingest::TaskOutcome& outcome);
    void onRunEnded(const QString& pipeline, const QString& status, bool complete, const QDateTime& next);
    void onStopSignal();
    void startAlerts();

    CommandContext& m_ctx;
    const config::Config& m_config;
    store::RunLog m_runLog;
    bool m_stopping = false;
    QEventLoop m_loop;
    WatcherGroup m_watchers;
    host::IngestionHost m_ingestion;
    StopSignals m_stopSignals;
    std::unique_ptr<alert::Alerter> m_alerter; // the config's `alerts`: the webhook (no desktop here)
};

} // namespace ferry::app
