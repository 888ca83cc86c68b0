#include "app/ingestcommand.h"

#include "app/commandcontext.h"
#include "app/exitcode.h"
#include "app/progressprinter.h"
#include "app/stopsignals.h"
#include "core/config/paths.h"
#include "core/ingest/taskrunner.h"
#include "core/store/runlog.h"
#include "core/store/store.h"
#include "core/util/clock.h"
#include "core/util/stoptoken.h"

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
    // Ctrl-C or SIGTERM: every wait ends at once, the requests in flight finish (or are cancelled after
    // a moment), what came is stored, the run is logged, nothing new is sent.
    util::StopToken stop;
    StopSignals stopSignals;
    QObject::connect(&stopSignals, &StopSignals::received, [stop] { stop.requestStop(); });
    ProgressPrinter progress(ctx.err(), isatty(STDERR_FILENO) != 0);
    ingest::TaskContext context;
    context.stop = stop;
    context.progress = [&progress](const QString& task, int done, int total) {
        progress.report(task, done, total);
    };
    context.notice = [&ctx, &progress](const QString& task, const QString& text) {
        progress.finish();
        ctx.err() << "ferry ingest: " << task << ": " << text << Qt::endl;
    };
    const bool json = parser.isSet(QStringLiteral("json"));
    QJsonArray rows;
    int exitCode = ExitSuccess;
    qsizetype ran = 0;
    for (const QString& task : *tasks) {
        if (stop.stopRequested())
            break;
        ++ran;
        context.now = util::Clock::system().nowUtc();
        const ingest::TaskOutcome outcome =
            ingest::TaskRunner::run(task, loaded->config, **store, runLog, context);
        progress.finish();
        if (outcome.metadata.contains(QStringLiteral("log_warning")))
            ctx.err() << "ferry ingest: warning: "
                      << outcome.metadata.value(QStringLiteral("log_warning")).toString() << Qt::endl;
        // Exit 1 when a nightly job should fail: a task failed, left a unit undone (a repository in
        // `error`, a ticker that kept failing or was rate limited) or was stopped; bad input that was
        // skipped (unknown symbols) alone is not a failure.
        if (outcome.needsAttention() || outcome.stopped)
            exitCode = ExitRunFailed;
        rows.append(QJsonObject{
            {QStringLiteral("task"), task},
            {QStringLiteral("status"), outcome.status},
            {QStringLiteral("rows_updated"), outcome.rowsUpdated},
            {QStringLiteral("error"), outcome.error.isEmpty() ? QJsonValue() : QJsonValue(outcome.error)},
            {QStringLiteral("metadata"), outcome.metadata}});
        if (!json)
            (outcome.needsAttention() ? ctx.err() : ctx.out())
                << task << ": " << outcome.summary() << Qt::endl;
    }
    if (ran < tasks->size())
        exitCode = ExitRunFailed; // stopped: the tasks not run are left for the next run
    if (json)
        ctx.out() << QJsonDocument(rows).toJson(QJsonDocument::Indented);
    return exitCode;
}

} // namespace ferry::app
