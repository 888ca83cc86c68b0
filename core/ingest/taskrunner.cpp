#include "core/ingest/taskrunner.h"

#include "core/ingest/dcftask.h"
#include "core/ingest/githubtask.h"
#include "core/ingest/markettask.h"
#include "core/ingest/tickerstask.h"
#include "core/store/runrecord.h"

namespace ferry::ingest {

const QStringList& TaskRunner::taskNames()
{
    static const QStringList names{QStringLiteral("tickers"), QStringLiteral("market"), QStringLiteral("dcf"),
                                   QStringLiteral("github")};
    return names;
}

const QStringList& TaskRunner::pipelineNames()
{
    static const QStringList names{QStringLiteral("daily"), QStringLiteral("github")};
    return names;
}

Result<QStringList> TaskRunner::expand(const QStringList& names)
{
    QStringList tasks;
    for (const QString& name : names) {
        if (name == u"daily")
            tasks += QStringList{QStringLiteral("tickers"), QStringLiteral("market"), QStringLiteral("dcf")};
        else if (taskNames().contains(name))
            tasks += name;
        else
            return makeError(ErrorKind::Invalid,
                             QStringLiteral("unknown task \"%1\" (tasks: %2; pipelines: %3)")
                                 .arg(name, taskNames().join(QStringLiteral(", ")),
                                      pipelineNames().join(QStringLiteral(", "))));
    }
    return tasks;
}

Status TaskRunner::configured(const QString& task, const config::Config& config)
{
    if (task == u"github" ? !config.github.has_value() : !config.market.has_value())
        return makeError(ErrorKind::Invalid, QStringLiteral("%1 needs the ingestion.%2 section of the config")
                                                 .arg(task, task == u"github" ? QStringLiteral("github")
                                                                              : QStringLiteral("market")));
    return {};
}

namespace {

TaskOutcome runUnlogged(const QString& task, const config::Config& config, store::IngestStore& store,
                        const TaskContext& context)
{
    if (const Status ready = TaskRunner::configured(task, config); !ready)
        return TaskOutcome::failure(ready.message());
    HttpClient::Options http = context.http;
    http.stop = context.stop;
    if (context.notice)
        http.onWait = [notice = context.notice, task](const QString& text) {
            notice(task, text);
        };
    if (task == u"github") {
        GithubTask::Run run;
        run.http = http;
        if (context.progress)
            run.progress = [progress = context.progress, task](int done, int total) {
                progress(task, done, total);
            };
        run.now = context.now;
        run.only = context.repositories;
        if (context.repositoryChanged)
            run.repositoryChanged = [changed = context.repositoryChanged](const store::TrackedRepository& r) {
                changed(r.fullName, r.status);
            };
        const config::GithubSource& github = *config.github;
        return GithubTask::run(store, github, qEnvironmentVariable(github.tokenEnv.toUtf8().constData()),
                               run);
    }
    if (context.progress)
        http.progress = [progress = context.progress, task](int done, int total) {
            progress(task, done, total);
        };
    if (task == u"tickers")
        return TickersTask::run(store, *config.market, context.now);
    const config::MarketSource& market = *config.market;
    const QString key = qEnvironmentVariable(market.apiKeyEnv.toUtf8().constData());
    if (task == u"market")
        return MarketTask::run(store, market, key, http, context.now);
    if (task == u"dcf")
        return DcfTask::run(store, market, key, http, context.now);
    return TaskOutcome::failure(QStringLiteral("unknown task %1").arg(task));
}

} // namespace

TaskOutcome TaskRunner::run(const QString& task, const config::Config& config, store::IngestStore& store,
                            store::RunLog& runLog, const TaskContext& context)
{
    store::RunRecord run = runLog.begin(task);
    TaskOutcome outcome = runUnlogged(task, config, store, context);
    outcome.metadata.insert(QStringLiteral("failed_units"), outcome.failedUnits);
    outcome.metadata.insert(QStringLiteral("skipped_units"), outcome.skippedUnits);
    if (const auto logged =
            runLog.finish(run, outcome.status, outcome.rowsUpdated, outcome.error, outcome.metadata);
        !logged)
        outcome.metadata.insert(QStringLiteral("log_warning"), logged.message());
    return outcome;
}

} // namespace ferry::ingest
