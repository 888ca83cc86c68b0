#include "app/restorecommand.h"

#include "app/commandcontext.h"
#include "app/exitcode.h"
#include "core/config/paths.h"
#include "core/sync/versionstore.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace ferry::app {

QList<QCommandLineOption> RestoreCommand::options() const
{
    return {{QStringLiteral("to"), QStringLiteral("Write the version to this file instead of where it was."),
             QStringLiteral("FILE")}};
}

int RestoreCommand::run(CommandContext& ctx, const QCommandLineParser& parser)
{
    const QString id = parser.positionalArguments().value(1);
    if (id.isEmpty()) {
        ctx.err() << "ferry restore: which version? (usage: ferry " << synopsis()
                  << "; ferry versions lists them)" << Qt::endl;
        return ExitUsage;
    }
    const Result<config::LoadedConfig> loaded =
        ctx.loadConfig(config::ConfigReader::Mode::MissingFoldersAllowed);
    if (!loaded) {
        ctx.err() << "ferry restore: " << loaded.message() << Qt::endl;
        return ExitUsage;
    }
    QString to = parser.value(QStringLiteral("to"));
    if (!to.isEmpty())
        to = QFileInfo(to).absoluteFilePath();
    for (const config::Profile& profile : loaded->config.profiles) {
        sync::VersionStore store(config::Paths::versionsDir(ctx.dataDir(), profile.name));
        if (!store.find(id))
            continue;
        const Result<sync::VersionStore::Restored> restored = store.restore(id, to);
        if (!restored) {
            ctx.err() << "ferry restore: " << restored.message() << Qt::endl;
            return ExitRunFailed;
        }
        ctx.out() << "restored " << id << " to " << restored->target << Qt::endl;
        if (restored->replaced)
            ctx.out() << "the file it replaced is archived as " << restored->replaced->id << Qt::endl;
        return ExitSuccess;
    }
    ctx.err() << "ferry restore: no archived version " << id << " (ferry versions lists them)" << Qt::endl;
    return ExitRunFailed;
}

} // namespace ferry::app
