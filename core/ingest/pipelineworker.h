#pragma once

#include "core/config/config.h"
#include "core/ingest/taskoutcome.h"
#include "core/util/stoptoken.h"

#include <memory>
#include <QObject>

namespace ferry::store {
class RunLog;
class Store;
} // namespace ferry::store

namespace ferry::ingest {

// Runs pipelines off the caller's thread (the daemon, the app): moved to a worker QThread, it opens its
// own Store there on first use (a Store belongs to the thread that made it) and runs each task of a
// pipeline with TaskRunner, one sync_logs row per task; a failed task does not stop the next. Requests
// arrive as queued calls of run() and are served one after the other.
class PipelineWorker : public QObject
{
    Q_OBJECT

public:
    // `stop` is shared with the caller: once requested, the task in hand ends its waits at once and
    // stores what came, and no further task starts.
    PipelineWorker(config::Config config, QString dataDir, util::StopToken stop, QObject* parent = nullptr);
    ~PipelineWorker() override;

public slots:
    void run(const QString& pipeline);
    // The github task for these tracked repositories only (a Sync now, a repository just added): logged
    // as a github run, reported as the pipeline "repositories" and with repositoriesFinished (not
    // pipelineFinished: the scheduled github pipeline has not run for the others).
    void runRepositories(const QStringList& repositories);

signals:
    // `task` is empty when the pipeline could not start (the store did not open): outcome.error says why.
    void taskFinished(const QString& pipeline, const QString& task,
                      const ferry::ingest::TaskOutcome& outcome);
    // A wait as it begins ("waiting 60 s: secondary rate limit (…)").
    void taskNotice(const QString& pipeline, const QString& task, const QString& text);
    // status: failed if a task failed, partial if one was partial, else success. complete: false when
    // the run was stopped (or could not start) before its end, so that it is due again.
    void pipelineFinished(const QString& pipeline, const QString& status, bool complete);
    // A GitHub repository's badge changed as the github task went through it.
    void repositoryChanged(const QString& repository, const QString& status);
    void repositoriesFinished(const QStringList& repositories, const QString& status);

private:
    // The pipeline's status (failed if a task failed, partial if one was, else success), or "" when it
    // could not start.
    QString runTasks(const QString& pipeline, const QStringList& tasks, const QStringList& repositories);
    bool stopped() const { return m_stop.stopRequested(); }

    config::Config m_config;
    QString m_dataDir;
    util::StopToken m_stop;
    std::unique_ptr<store::Store> m_store;
    std::unique_ptr<store::RunLog> m_runLog;
};

} // namespace ferry::ingest
