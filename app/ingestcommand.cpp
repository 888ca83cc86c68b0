#include "ingestcommand.h"

#include "commandcontext.h"
#include "config/paths.h"
#include "exitcode.h"
#include "ingest/taskrunner.h"
#include "progressprinter.h"
#include "stopsignals.h"
#include "store/runlog.h"
#include "store/store.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <unistd.h>

namespace ferry::app {

QList<QCommandLineOption> IngestCommand::options() const
{
    return {{QStringLiteral("json"),
             QStringLiteral("Print a JSON array: task, status, rows_updated, error, metadata.")}};
}

int IngestCommand::run(CommandContext& ctx, const QCommandLineParser& parser)
{
    const QStringList names = parser.positionalArguments().mid(1);
    if (names.isEmpty()) {
        ctx.err() << "ferry ingest: which task? tasks: "
                  << ingest::TaskRunner::taskNames().join(QStringLiteral(", "))
                  << "; pipelines: " << ingest::TaskRunner::pipelineNames().join(QStringLiteral(", "))
                  << " (usage: ferry " << synopsis() << ")" << Qt::endl;
        return ExitUsage;
    }
    const Result<QStringList> tasks = ingest::TaskRunner::expand(names);
    if (!tasks) {
        ctx.err() << "ferry ingest: " << tasks.message() << Qt::endl;
        return ExitUsage;
    }
    const Result<config::LoadedConfig> loaded =
        ctx.loadConfig(config::ConfigReader::Mode::MissingFoldersAllowed);
    if (!loaded) {
        ctx.err() << "ferry ingest: " << loaded.message() << Qt::endl;
        return ExitUsage;
    }
    for (const QString& task : *tasks) {
        if (const Status ready = ingest::TaskRunner::configured(task, loaded->config); !ready) {
            ctx.err() << "ferry ingest: " << ready.message() << " (" << ctx.configPath() << ")" << Qt::endl;
            return ExitUsage;
        }
    }
    // The tray app runs pipelines on its own worker while it runs; --json needs the rows, so it runs here.
    if (!parser.isSet(QStringLiteral("json")))
        if (const std::optional<int> handed =
                ctx.handToRunningApp({{QStringLiteral("command"), QStringLiteral("ingest")},
                                      {QStringLiteral("names"), QJsonArray::fromStringList(names)}}))
            return *handed;
    Result<std::unique_ptr<store::Store>> store = ctx.openStore(loaded->config);
    if (!store) {
        ctx.err() << "ferry ingest: " << store.message() << Qt::endl;
        return ExitRunFailed;
    }
    store::RunLog runLog(**store, config::Paths::runQueue(ctx.dataDir()));
    // Ctrl-C or SIGTERM: the requests in flight finish and are stored, nothing new is sent.
    std::atomic<bool> stop{false};
    StopSignals stopSignals;
    QObject::connect(&stopSignals, &StopSignals::received, [&stop] { stop = true; });
    ProgressPrinter progress(ctx.err(), isatty(STDERR_FILENO) != 0);
    ingest::TaskContext context;
    context.stop = &stop;
    context.progress = [&progress](const QString& task, int done, int total) {
        progress.report(task, done, total);
    };
    const bool json = parser.isSet(QStringLiteral("json"));
    QJsonArray rows;
    int exitCode = ExitSuccess;
    for (const QString& task : *tasks) {
        if (stop)
            break;
        context.now = QDateTime::currentDateTimeUtc();
        const ingest::TaskOutcome outcome =
            ingest::TaskRunner::run(task, loaded->config, **store, runLog, context);
        progress.finish();
        if (outcome.metadata.contains(QStringLiteral("log_warning")))
            ctx.err() << "ferry ingest: warning: "
                      << outcome.metadata.value(QStringLiteral("log_warning")).toString() << Qt::endl;
        if (outcome.status == store::RunStatus::Failed)
            exitCode = ExitRunFailed;
        rows.append(QJsonObject{
            {QStringLiteral("task"), task},
            {QStringLiteral("status"), outcome.status},
            {QStringLiteral("rows_updated"), outcome.rowsUpdated},
            {QStringLiteral("error"), outcome.error.isEmpty() ? QJsonValue() : QJsonValue(outcome.error)},
            {QStringLiteral("metadata"), outcome.metadata}});
        if (!json)
            (outcome.status == store::RunStatus::Failed ? ctx.err() : ctx.out())
                << task << ": " << outcome.status << ", " << outcome.rowsUpdated << " rows"
                << (outcome.error.isEmpty() ? QString() : QStringLiteral(": ") + outcome.error) << Qt::endl;
    }
    if (json)
        ctx.out() << QJsonDocument(rows).toJson(QJsonDocument::Indented);
    return exitCode;
}

} // namespace ferry::app
