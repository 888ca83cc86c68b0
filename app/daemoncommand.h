#pragma once

#include "app/command.h"

namespace ferry::app {

// `ferry daemon`: headless until SIGINT/SIGTERM. A SyncWatcher per profile (as `ferry sync --watch`) and
// a Scheduler for the ingestion pipelines, whose runs go to a worker thread with its own store; one
// line per pipeline run, task and sync cycle on stdout. On a stop signal no new request is sent, the
// item in hand is finished, stored and logged, the watchers end their cycle, the lease goes back (a
// run cut short is due again), and the exit status is 0.
class DaemonCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("daemon"); }
    QString synopsis() const override { return QStringLiteral("daemon"); }
    QString summary() const override { return QStringLiteral("run watchers and schedules headless"); }
    int run(CommandContext& context, const QCommandLineParser& parser) override;
};

} // namespace ferry::app
