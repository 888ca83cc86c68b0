#include "app/versionscommand.h"

#include "app/commandcontext.h"
#include "app/exitcode.h"
#include "core/config/paths.h"
#include "core/sync/versionstore.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ferry::app {

QList<QCommandLineOption> VersionsCommand::options() const
{
    return {{QStringLiteral("profile"), QStringLiteral("Only this profile's versions."), QStringLiteral("P")},
            {QStringLiteral("json"), QStringLiteral("Print a JSON array.")}};
}

int VersionsCommand::run(CommandContext& ctx, const QCommandLineParser& parser)
{
    const Result<config::LoadedConfig> loaded =
        ctx.loadConfig(config::ConfigReader::Mode::MissingFoldersAllowed);
    if (!loaded) {
        ctx.err() << "ferry versions: " << loaded.message() << Qt::endl;
        return ExitUsage;
    }
    const QString only = parser.value(QStringLiteral("profile"));
    // A path given on the command line may be relative to the current folder.
    QString path = parser.positionalArguments().value(1);
    if (!path.isEmpty() && QFileInfo::exists(path))
        path = QFileInfo(path).absoluteFilePath();
    QJsonArray rows;
    QString table;
    for (const config::Profile& profile : loaded->config.profiles) {
        if (!only.isEmpty() && profile.name != only)
            continue;
        const sync::VersionStore store(config::Paths::versionsDir(ctx.dataDir(), profile.name));
        const Result<QList<sync::ArchivedVersion>> versions = store.list(path);
        if (!versions) {
            ctx.err() << "ferry versions: " << profile.name << ": " << versions.message() << Qt::endl;
            return ExitRunFailed;
        }
        for (const sync::ArchivedVersion& v : *versions) {
            rows.append(QJsonObject{{QStringLiteral("id"), v.id},
                                    {QStringLiteral("profile"), profile.name},
                                    {QStringLiteral("path"), v.path},
                                    {QStringLiteral("local_path"), v.localPath},
                                    {QStringLiteral("time"), v.time.toString(Qt::ISODate)},
                                    {QStringLiteral("reason"), v.reason},
                                    {QStringLiteral("size"), double(v.size)}});
            table += QStringLiteral("%1  %2  %3  %4 bytes  %5\n")
                         .arg(v.id, v.time.toString(QStringLiteral("yyyy-MM-dd HH:mm")), v.path)
                         .arg(v.size)
                         .arg(v.reason);
        }
    }
    if (parser.isSet(QStringLiteral("json")))
        ctx.out() << QJsonDocument(rows).toJson(QJsonDocument::Indented);
    else if (rows.isEmpty())
        ctx.out() << "no archived versions" << (path.isEmpty() ? QString() : QStringLiteral(" of ") + path)
                  << Qt::endl;
    else
        ctx.out() << table << "ferry restore ID brings one back (--to FILE to write it elsewhere)."
                  << Qt::endl;
    return ExitSuccess;
}

} // namespace ferry::app
