#include "app/initcommand.h"

#include "app/commandcontext.h"
#include "app/exitcode.h"
#include "core/config/paths.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

namespace ferry::app {
namespace {

// "DIR" or "DIR=REPO_PATH"; a folder whose own name holds '=' is taken whole when it exists.
config::FolderMapping parseFolder(const QString& arg)
{
    QString dir = arg;
    QString repoPath;
    const qsizetype eq = arg.lastIndexOf(u'=');
    if (eq > 0 && !QFileInfo(arg).isDir()) {
        dir = arg.left(eq);
        repoPath = arg.mid(eq + 1);
    }
    dir = QDir::cleanPath(QDir::current().absoluteFilePath(dir));
    if (repoPath.isEmpty())
        repoPath = QFileInfo(dir).fileName();
    return {dir, repoPath};
}

} // namespace

QString InitCommand::synopsis() const
{
    return QStringLiteral(
        "init --remote URL --folder DIR[=REPO_PATH] [--folder …] [--profile NAME] [--branch B]");
}

QString InitCommand::summary() const
{
    return QStringLiteral("add a sync profile to the config (creates missing folders)");
}

QList<QCommandLineOption> InitCommand::options() const
{
    return {
        {QStringLiteral("remote"), QStringLiteral("Git remote: a path, file://, https:// or ssh:// URL."),
         QStringLiteral("URL")},
        {QStringLiteral("folder"),
         QStringLiteral("Local folder, and where it goes in the repository (default: its name). Repeatable."),
         QStringLiteral("DIR[=REPO_PATH]")},
        {QStringLiteral("profile"), QStringLiteral("Profile name (default: default)."),
         QStringLiteral("NAME"), QStringLiteral("default")},
        {QStringLiteral("branch"), QStringLiteral("Branch to sync (default: sync)."), QStringLiteral("B"),
         QStringLiteral("sync")},
    };
}

int InitCommand::run(CommandContext& ctx, const QCommandLineParser& parser)
{
    if (!parser.isSet(QStringLiteral("remote")) ||
        parser.value(QStringLiteral("remote")).trimmed().isEmpty()) {
        ctx.err() << "ferry init: --remote is required" << Qt::endl;
        return ExitUsage;
    }
    const QStringList folderArgs = parser.values(QStringLiteral("folder"));
    if (folderArgs.isEmpty()) {
        ctx.err() << "ferry init: at least one --folder is required" << Qt::endl;
        return ExitUsage;
    }

    config::Profile profile;
    profile.name = parser.value(QStringLiteral("profile"));
    profile.remote = parser.value(QStringLiteral("remote")).trimmed();
    profile.branch = parser.value(QStringLiteral("branch"));
    QStringList created;
    for (const QString& arg : folderArgs) {
        const config::FolderMapping folder = parseFolder(arg);
        if (!QFileInfo::exists(folder.local)) {
            if (!QDir().mkpath(folder.local)) {
                ctx.err() << "ferry init: --folder " << arg << ": cannot create " << folder.local << Qt::endl;
                return ExitUsage;
            }
            created << folder.local;
        }
        profile.folders.append(folder);
    }

    const Status added = config::ConfigFile(ctx.configPath()).addProfile(profile);
    if (!added) {
        ctx.err() << "ferry init: " << added.message() << Qt::endl;
        return added.error().kind == ErrorKind::Invalid ? ExitUsage : ExitRunFailed;
    }
    const QString profileDir = config::Paths::profileDir(ctx.dataDir(), profile.name);
    if (!QDir().mkpath(profileDir)) {
        ctx.err() << "ferry init: cannot create the data folder " << profileDir << Qt::endl;
        return ExitRunFailed;
    }

    for (const QString& dir : std::as_const(created))
        ctx.out() << "Created folder " << dir << Qt::endl;
    ctx.out() << "Added profile \"" << profile.name << "\" (" << profile.remote << ", branch "
              << profile.branch << ") to " << ctx.configPath() << Qt::endl;
    for (const config::FolderMapping& f : std::as_const(profile.folders))
        ctx.out() << "  " << f.local << " -> " << f.repoPath << Qt::endl;
    ctx.out() << "Data folder: " << profileDir << Qt::endl;
    return ExitSuccess;
}

} // namespace ferry::app
