#include "app/historycommand.h"

#include "app/commandcontext.h"
#include "app/exitcode.h"
#include "app/runformat.h"
#include "core/config/paths.h"
#include "core/store/runlog.h"
#include "core/store/store.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace ferry::app {

QList<QCommandLineOption> HistoryCommand::options() const
{
    return {
        {QStringLiteral("task"), QStringLiteral("Only runs of this task (e.g. github, sync:knowledge)."),
         QStringLiteral("T")},
        {QStringLiteral("status"),
         QStringLiteral("Only runs with this status: running, success, partial, failed."),
         QStringLiteral("S")},
        {QStringLiteral("since"), QStringLiteral("Only runs started since: 7d, 12h, 30m, 2w or a date."),
         QStringLiteral("WHEN")},
        {QStringLiteral("limit"), QStringLiteral("At most N runs (default 50; 0: all)."), QStringLiteral("N"),
         QStringLiteral("50")},
        {QStringLiteral("json"), QStringLiteral("Print a JSON array (format in docs/cli.md).")},
    };
}

std::optional<QDateTime> HistoryCommand::parseSince(const QString& text, const QDateTime& nowUtc)
{
    static const QRegularExpression relative(QStringLiteral("^(\\d{1,6})([smhdw])$"));
    if (const QRegularExpressionMatch m = relative.match(text.trimmed()); m.hasMatch()) {
        const qint64 n = m.captured(1).toLongLong();
        const QChar unit = m.captured(2).at(0);
        const qint64 seconds = unit == u's'   ? n
                               : unit == u'm' ? n * 60
                               : unit == u'h' ? n * 3600
                               : unit == u'd' ? n * 86400
                                              : n * 7 * 86400;
        return nowUtc.addSecs(-seconds);
    }
    QDateTime absolute = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!absolute.isValid()) {
        const QDate day = QDate::fromString(text, Qt::ISODate);
        if (day.isValid())
            absolute = day.startOfDay();
    }
    if (absolute.isValid())
        return absolute.toUTC();
    return std::nullopt;
}

int HistoryCommand::run(CommandContext& ctx, const QCommandLineParser& parser)
{
    store::RunFilter filter;
    filter.task = parser.value(QStringLiteral("task"));
    filter.status = parser.value(QStringLiteral("status"));
    if (!filter.status.isEmpty() && !store::RunStatus::isKnown(filter.status)) {
        ctx.err() << "ferry history: --status: \"" << filter.status
                  << "\" is not one of running, success, partial, failed" << Qt::endl;
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("since"))) {
        const auto since = parseSince(parser.value(QStringLiteral("since")), QDateTime::currentDateTimeUtc());
        if (!since) {
            ctx.err() << "ferry history: --since: \"" << parser.value(QStringLiteral("since"))
                      << "\" is neither an age like 7d, 12h, 30m nor a date like 2026-11-01" << Qt::endl;
            return ExitUsage;
        }
        filter.since = *since;
    }
    bool limitOk = false;
    filter.limit = parser.value(QStringLiteral("limit")).toInt(&limitOk);
    if (!limitOk || filter.limit < 0) {
        ctx.err() << "ferry history: --limit: expected a number of runs, 0 for all" << Qt::endl;
        return ExitUsage;
    }

    const Result<config::LoadedConfig> loaded = ctx.loadConfig();
    if (!loaded) {
        ctx.err() << "ferry history: " << loaded.message() << Qt::endl;
        return loaded.error().kind == ErrorKind::Invalid ? ExitUsage : ExitRunFailed;
    }
    Result<std::unique_ptr<store::Store>> store = ctx.openStore(loaded->config);
    if (!store) {
        ctx.err() << "ferry history: " << store.message() << Qt::endl;
        return ExitRunFailed;
    }
    store::RunLog(**store, config::Paths::runQueue(ctx.dataDir()))
        .flush()
        .ok(); // queued runs belong in history
    const Result<QList<store::RunRecord>> runs = (*store)->runs(filter);
    if (!runs) {
        ctx.err() << "ferry history: " << runs.message() << Qt::endl;
        return ExitRunFailed;
    }

    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const store::RunRecord& r : *runs)
            array.append(r.toJson());
        ctx.out() << QJsonDocument(array).toJson(QJsonDocument::Compact) << Qt::endl;
        return ExitSuccess;
    }
    if (runs->isEmpty()) {
        ctx.out() << "No runs recorded"
                  << (filter.task.isEmpty() && filter.status.isEmpty() && !filter.since.isValid()
                          ? ""
                          : " that match")
                  << "." << Qt::endl;
        return ExitSuccess;
    }
    ctx.out() << RunFormat::header() << Qt::endl;
    for (const store::RunRecord& r : *runs)
        ctx.out() << RunFormat::line(r) << Qt::endl;
    return ExitSuccess;
}

} // namespace ferry::app
