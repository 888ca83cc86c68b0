#include "ingest/pipelineworker.h"

#include "config/paths.h"
#include "ingest/taskrunner.h"
#include "store/runlog.h"
#include "store/runrecord.h"
#include "store/storefactory.h"

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
    if (!m_store) {
        m_store = store::StoreFactory::create(m_config, m_dataDir);
        m_runLog = std::make_unique<store::RunLog>(*m_store, config::Paths::runQueue(m_dataDir));
    }
    // An unreachable database: the run has not happened; it stays due and the lease goes back.
    if (const Status s = m_store->open(); !s) {
        emit taskFinished(pipeline, QString(), TaskOutcome::failure(s.message()));
        emit pipelineFinished(pipeline, store::RunStatus::Failed, false);
        return;
    }
    QString status = store::RunStatus::Success;
    TaskContext context;
    context.stop = m_stop;
    context.notice = [this, pipeline](const QString& task, const QString& text) {
        emit taskNotice(pipeline, task, text);
    };
    for (const QString& task : *tasks) {
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
    emit pipelineFinished(pipeline, status, !stopped());
}

} // namespace ferry::ingest
