#include "app/conflictscommand.h"

#include "app/commandcontext.h"
#include "app/exitcode.h"
#include "core/sync/conflictresolver.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ferry::app {

QList<QCommandLineOption> ConflictsCommand::options() const
{
    return {{QStringLiteral("json"), QStringLiteral("Print a JSON array.")}};
}

int ConflictsCommand::run(CommandContext& ctx, const QCommandLineParser& parser)
{
    const Result<config::LoadedConfig> loaded =
        ctx.loadConfig(config::ConfigReader::Mode::MissingFoldersAllowed);
    if (!loaded) {
        ctx.err() << "ferry conflicts: " << loaded.message() << Qt::endl;
        return ExitUsage;
    }
    QJsonArray rows;
    QString table;
    for (const config::Profile& profile : loaded->config.profiles) {
        const Result<QList<sync::PendingConflict>> pending =
            sync::ConflictResolver(profile, ctx.dataDir()).pending();
        if (!pending) {
            ctx.err() << "ferry conflicts: " << profile.name << ": " << pending.message() << Qt::endl;
            return ExitRunFailed;
        }
        for (const sync::PendingConflict& c : *pending) {
            const auto orNull = [](const QString& s) {
                return s.isEmpty() ? QJsonValue() : QJsonValue(s);
            };
            rows.append(QJsonObject{{QStringLiteral("id"), c.id},
                                    {QStringLiteral("profile"), profile.name},
                                    {QStringLiteral("path"), c.path},
                                    {QStringLiteral("policy"), config::policyName(c.policy)},
                                    {QStringLiteral("kind"), c.kind},
                                    {QStringLiteral("base_oid"), orNull(c.baseOid)},
                                    {QStringLiteral("local_oid"), orNull(c.localOid)},
                                    {QStringLiteral("remote_oid"), orNull(c.remoteOid)},
                                    {QStringLiteral("copy_path"), orNull(c.copyPath)},
                                    {QStringLiteral("detected"), c.detected.toUTC().toString(Qt::ISODate)}});
            table +=
                QStringLiteral("%1  %2  %3  %4 (%5)%6\n")
                    .arg(c.id, c.detected.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")), profile.name,
                         c.path,
                         c.policy == config::ConflictPolicy::KeepBoth
                             ? c.kind
                             : config::policyName(c.policy) + QStringLiteral(", ") + c.kind,
                         c.copyPath.isEmpty() ? QString() : QStringLiteral("; local copy: ") + c.copyPath);
        }
    }
    if (parser.isSet(QStringLiteral("json")))
        ctx.out() << QJsonDocument(rows).toJson(QJsonDocument::Indented);
    else if (rows.isEmpty())
        ctx.out() << "no pending conflicts" << Qt::endl;
    else
        ctx.out() << table << "ferry resolve ID --take local|remote|both|merged [--file F] settles one."
                  << Qt::endl;
    return ExitSuccess;
}

} // namespace ferry::app
