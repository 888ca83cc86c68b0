#include "ingestcommand.h"

#include "commandcontext.h"
#include "config/paths.h"
#include "exitcode.h"
#include "ingest/dcftask.h"
#include "ingest/markettask.h"
#include "ingest/tickerstask.h"
#include "store/runlog.h"
#include "store/store.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>

namespace ferry::app {

QList<QCommandLineOption> IngestCommand::options() const
{
    return {{QStringLiteral("json"),
             QStringLiteral("Print a JSON array: task, status, rows_updated, error, metadata.")}};
}

int IngestCommand::run(CommandContext& ctx, const QCommandLineParser& parser)
{
    // The daily pipeline is its tasks in order; a failed task does not stop the ones after it.
    QStringList wanted;
    for (const QString& name : parser.positionalArguments().mid(1))
        wanted += name == u"daily" ? QStringList{QStringLiteral("tickers"), QStringLiteral("market"),
                                                 QStringLiteral("dcf")}
                                   : QStringList{name};
    if (wanted.isEmpty()) {
        ctx.err() << "ferry ingest: which task? available now: tickers, market, dcf, daily (usage: ferry "
                  << synopsis() << ")" << Qt::endl;
        return ExitUsage;
    }
    for (const QString& task : wanted) {
        if (task == u"tickers" || task == u"market" || task == u"dcf")
            continue;
        const bool planned = task == u"github";
        ctx.err() << "ferry ingest: "
                  << (planned ? QStringLiteral("%1 is not available yet (arrives with the rest "
                                               "of the ingestion engine)")
                                    .arg(task)
                              : QStringLiteral("unknown task \"%1\" (tasks: tickers, market, "
                                               "dcf, github; pipeline: daily)")
                                    .arg(task))
                  << Qt::endl;
        return ExitUsage;
    }
    const Result<config::LoadedConfig> loaded =
        ctx.loadConfig(config::ConfigReader::Mode::MissingFoldersAllowed);
    if (!loaded) {
        ctx.err() << "ferry ingest: " << loaded.message() << Qt::endl;
        return ExitUsage;
    }
    if (!loaded->config.market) {
        ctx.err() << "ferry ingest: no ingestion.market section in " << ctx.configPath() << Qt::endl;
        return ExitUsage;
    }
    Result<std::unique_ptr<store::Store>> store = ctx.openStore(loaded->config);
    if (!store) {
        ctx.err() << "ferry ingest: " << store.message() << Qt::endl;
        return ExitRunFailed;
    }
    store::RunLog runLog(**store, config::Paths::runQueue(ctx.dataDir()));
    QJsonArray rows;
    int exitCode = ExitSuccess;
    for (const QString& task : wanted) {
        store::RunRecord run = runLog.begin(task);
        const config::MarketSource& market = *loaded->config.market;
        const ingest::TaskOutcome outcome =
            task == u"tickers"
                ? ingest::TickersTask::run(**store, market)
                : ingest::MarketTask::run(**store, market,
                                          qEnvironmentVariable(market.apiKeyEnv.toUtf8().constData()));
        if (const auto logged =
                runLog.finish(run, outcome.status, outcome.rowsUpdated, outcome.error, outcome.metadata);
            !logged)
            ctx.err() << "ferry ingest: warning: " << logged.message() << Qt::endl;
        if (outcome.status == store::RunStatus::Failed)
            exitCode = ExitRunFailed;
        rows.append(QJsonObject{
            {QStringLiteral("task"), task},
            {QStringLiteral("status"), outcome.status},
            {QStringLiteral("rows_updated"), outcome.rowsUpdated},
            {QStringLiteral("error"), outcome.error.isEmpty() ? QJsonValue() : QJsonValue(outcome.error)},
            {QStringLiteral("metadata"), outcome.metadata}});
        if (!parser.isSet(QStringLiteral("json")))
            (outcome.status == store::RunStatus::Failed ? ctx.err() : ctx.out())
                << task << ": " << outcome.status << ", " << outcome.rowsUpdated << " rows"
                << (outcome.error.isEmpty() ? QString() : QStringLiteral(": ") + outcome.error) << Qt::endl;
    }
    if (parser.isSet(QStringLiteral("json")))
        ctx.out() << QJsonDocument(rows).toJson(QJsonDocument::Indented);
    return exitCode;
}

} // namespace ferry::app
