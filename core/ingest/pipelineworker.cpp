#include "core/ingest/pipelineworker.h"

#include "core/config/paths.h"
#include "core/ingest/taskrunner.h"
#include "core/store/runlog.h"
#include "core/store/runrecord.h"
#include "core/store/storefactory.h"

namespace ferry::ingest {

PipelineWorker::PipelineWorker(config::Config config, QString dataDir, util::StopToken stop, QObject* parent)
    : QObject(parent), m_config(std::move(config)), m_dataDir(std::move(dataDir)), m_stop(std::move(stop))
{
}

PipelineWorker::~PipelineWorker() = default;

void PipelineWorker::run(const QString& pipeline)
{
    const Result<QStringList> tasks = TaskRunner::expand({pipeline});
    if (!tasks) {
        emit pipelineFinished(pipeline, store::RunStatus::Failed, true);
        return;
    }
    const QString status = runTasks(pipeline, *tasks, {});
    // An unreachable database: the run has not happened; it stays due and the lease goes back.
    emit pipelineFinished(pipeline, status.isEmpty() ? store::RunStatus::Failed : status,
                          !status.isEmpty() && !stopped());
}

void PipelineWorker::runRepositories(const QStringList& repositories)
{
    const QString status = runTasks(QStringLiteral("repositories"), {QStringLiteral("github")}, repositories);
    emit repositoriesFinished(repositories, status.isEmpty() ? store::RunStatus::Failed : status);
}

QString PipelineWorker::runTasks(const QString& pipeline, const QStringList& tasks,
                                 const QStringList& repositories)
{
    if (!m_store) {
        m_store = store::StoreFactory::create(m_config, m_dataDir);
        m_runLog = std::make_unique<store::RunLog>(*m_store, config::Paths::runQueue(m_dataDir));
    }
    if (const Status s = m_store->open(); !s) {
        emit taskFinished(pipeline, QString(), TaskOutcome::failure(s.message()));
        return {};
    }
    QString status = store::RunStatus::Success;
    TaskContext context;
    context.stop = m_stop;
    context.notice = [this, pipeline](const QString& task, const QString& text) {
        emit taskNotice(pipeline, task, text);
    };
    context.repositories = repositories;
    context.repositoryChanged = [this](const QString& repository, const QString& badge) {
        emit repositoryChanged(repository, badge);
    };
    for (const QString& task : tasks) {
        if (stopped())
            break;
        context.now = util::Clock::system().nowUtc();
        const TaskOutcome outcome = TaskRunner::run(task, m_config, *m_store, *m_runLog, context);
        if (outcome.status == store::RunStatus::Failed)
            status = store::RunStatus::Failed;
        else if (outcome.status == store::RunStatus::Partial && status == store::RunStatus::Success)
            status = store::RunStatus::Partial;
        emit taskFinished(pipeline, task, outcome);
    }
    return status;
}

} // namespace ferry::ingest
