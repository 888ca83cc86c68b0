#include "app/resolvecommand.h"

#include "app/commandcontext.h"
#include "app/exitcode.h"
#include "core/sync/conflictresolver.h"
#include "core/util/atomicfile.h"

#include <QCommandLineParser>

namespace ferry::app {

QList<QCommandLineOption> ResolveCommand::options() const
{
    return {{QStringLiteral("take"), QStringLiteral("Which version to keep: local, remote, both or merged."),
             QStringLiteral("SIDE")},
            {QStringLiteral("file"), QStringLiteral("The merged result (with --take merged)."),
             QStringLiteral("F")}};
}

int ResolveCommand::run(CommandContext& ctx, const QCommandLineParser& parser)
{
    const QString id = parser.positionalArguments().value(1);
    const std::optional<sync::ConflictResolver::Take> take =
        sync::ConflictResolver::parseTake(parser.value(QStringLiteral("take")));
    const QString file = parser.value(QStringLiteral("file"));
    if (id.isEmpty() || !take) {
        ctx.err() << "ferry resolve: " << (id.isEmpty() ? "which conflict? " : "--take must be ")
                  << "(usage: ferry " << synopsis() << ")" << Qt::endl;
        return ExitUsage;
    }
    if ((*take == sync::ConflictResolver::Take::Merged) != !file.isEmpty()) {
        ctx.err() << "ferry resolve: --file goes with --take merged, and only with it" << Qt::endl;
        return ExitUsage;
    }
    QByteArray merged;
    if (!file.isEmpty()) {
        const Result<QByteArray> read = util::readWholeFile(file);
        if (!read) {
            ctx.err() << "ferry resolve: cannot read " << file << ": " << read.message() << Qt::endl;
            return ExitUsage;
        }
        merged = *read;
    }
    const Result<config::LoadedConfig> loaded =
        ctx.loadConfig(config::ConfigReader::Mode::MissingFoldersAllowed);
    if (!loaded) {
        ctx.err() << "ferry resolve: " << loaded.message() << Qt::endl;
        return ExitUsage;
    }
    for (const config::Profile& profile : loaded->config.profiles) {
        sync::ConflictResolver resolver(profile, ctx.dataDir());
        const Result<QList<sync::PendingConflict>> pending = resolver.pending();
        if (!pending || std::none_of(pending->begin(), pending->end(),
                                     [&](const sync::PendingConflict& c) { return c.id == id; }))
            continue;
        if (const Status done = resolver.resolve(id, *take, merged); !done) {
            ctx.err() << "ferry resolve: " << done.message() << Qt::endl;
            return ExitRunFailed;
        }
        ctx.out() << "resolved " << id << "; ferry sync (or the running app) takes the result to the remote"
                  << Qt::endl;
        return ExitSuccess;
    }
    ctx.err() << "ferry resolve: no pending conflict " << id << " (ferry conflicts lists them)" << Qt::endl;
    return ExitRunFailed;
}

} // namespace ferry::app
