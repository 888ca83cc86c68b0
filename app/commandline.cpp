#include "app/commandline.h"

#include "app/commandcontext.h"
#include "app/conflictscommand.h"
#include "app/daemoncommand.h"
#include "app/doctorcommand.h"
#include "app/exitcode.h"
#include "app/historycommand.h"
#include "app/ingestcommand.h"
#include "app/initcommand.h"
#include "app/resolvecommand.h"
#include "app/restorecommand.h"
#include "app/statuscommand.h"
#include "app/synccommand.h"
#include "app/versionscommand.h"
#include "core/config/paths.h"

#include <QCommandLineParser>

namespace ferry::app {
namespace {

const QCommandLineOption kConfig(QStringLiteral("config"),
                                 QStringLiteral("Config file (else FERRY_CONFIG, else "
                                                "the platform config folder)."),
                                 QStringLiteral("FILE"));
const QCommandLineOption
    kDataDir(QStringLiteral("data-dir"),
             QStringLiteral("Data folder (else FERRY_DATA_DIR, else the platform data folder)."),
             QStringLiteral("DIR"));
const QCommandLineOption kHelp({QStringLiteral("h"), QStringLiteral("help")},
                               QStringLiteral("Show this help."));
const QCommandLineOption kVersion({QStringLiteral("v"), QStringLiteral("version")},
                                  QStringLiteral("Show the version."));

} // namespace

CommandLine::CommandLine(bool withTrayApp) : m_app(withTrayApp)
{
    m_commands.push_back(std::make_unique<InitCommand>());
    m_commands.push_back(std::make_unique<SyncCommand>());
    m_commands.push_back(std::make_unique<StatusCommand>());
    m_commands.push_back(std::make_unique<ConflictsCommand>());
    m_commands.push_back(std::make_unique<ResolveCommand>());
    m_commands.push_back(std::make_unique<VersionsCommand>());
    m_commands.push_back(std::make_unique<RestoreCommand>());
    m_commands.push_back(std::make_unique<IngestCommand>());
    m_commands.push_back(std::make_unique<HistoryCommand>());
    m_commands.push_back(std::make_unique<DaemonCommand>());
    m_commands.push_back(std::make_unique<DoctorCommand>());
}

Command* CommandLine::find(const QString& name) const
{
    for (const auto& c : m_commands) {
        if (c->name() == name)
            return c.get();
    }
    return nullptr;
}

// The first argument that is neither an option nor the value of a global or the tray app's option (the
// only ones that come before a command).
QString CommandLine::commandName(const QStringList& arguments) const
{
    QStringList valued;
    for (const QCommandLineOption& o : QList<QCommandLineOption>{kConfig, kDataDir} + m_app.options()) {
        if (!o.valueName().isEmpty())
            valued += o.names();
    }
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& a = arguments[i];
        if (a == u"--")
            return arguments.value(i + 1);
        if (!a.startsWith(u'-'))
            return a;
        // --config FILE, and in single-dash word mode -platform NAME (but not --config=FILE).
        if (valued.contains(a.mid(a.startsWith(u"--") ? 2 : 1)))
            ++i;
    }
    return {};
}

QString CommandLine::globalHelp() const
{
    QString text =
        QStringLiteral("Usage: ferry [--config FILE] [--data-dir DIR] [COMMAND] [OPTIONS]\n\n"
                       "Keeps folders in sync with a Git branch and ingests APIs into a database.\n"
                       "Without a command, starts the tray application (one per data folder: a second\n"
                       "`ferry` brings the running one's status window forward).\n\nCommands:\n");
    for (const auto& c : m_commands)
        text += QStringLiteral("  %1%2\n").arg(c->name(), -11).arg(c->summary());
    text += QStringLiteral("\nTray application (ferry [--minimized]):\n") + m_app.help();
    text +=
        QStringLiteral("\nGlobal options:\n  --config FILE    %1\n  --data-dir DIR   %2\n"
                       "  -h, --help       Show help (ferry COMMAND --help for a command).\n"
                       "  -v, --version    Show the version.\n\n"
                       "Exit status: 0 success, 1 a run failed or left conflicts, 2 bad usage or config.\n")
            .arg(kConfig.description(), kDataDir.description());
    return text;
}

int CommandLine::run(const QStringList& arguments, QTextStream& out, QTextStream& err)
{
    const QString name = commandName(arguments);
    Command* command = name.isEmpty() ? &m_app : find(name);
    if (!command) {
        err << "ferry: unknown command \"" << name << "\" (see ferry --help)" << Qt::endl;
        return ExitUsage;
    }

    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOptions({kConfig, kDataDir, kHelp, kVersion});
    parser.addOptions(command->options());
    if (!parser.parse(arguments)) {
        err << "ferry" << (name.isEmpty() ? QString() : u' ' + name) << ": " << parser.errorText()
            << " (see ferry " << (name.isEmpty() ? QString() : name + u' ') << "--help)" << Qt::endl;
        return ExitUsage;
    }
    if (parser.isSet(kVersion) && name.isEmpty()) {
        out << "ferry " << FERRY_VERSION << Qt::endl;
        return ExitSuccess;
    }
    if (parser.isSet(kHelp)) {
        if (name.isEmpty()) {
            out << globalHelp();
        } else {
            out << "Usage: ferry " << command->synopsis() << Qt::endl
                << Qt::endl
                << command->summary() << Qt::endl;
            for (const QCommandLineOption& o : command->options())
                out << QStringLiteral("  %1 %2\n")
                           .arg(QStringLiteral("--%1 %2").arg(o.names().constLast(), o.valueName()), -30)
                           .arg(o.description());
        }
        return ExitSuccess;
    }
    const QStringList positionals = parser.positionalArguments().mid(name.isEmpty() ? 0 : 1);
    if (positionals.size() > command->maxPositionals()) {
        err << "ferry " << name << ": unexpected argument \"" << positionals.value(command->maxPositionals())
            << "\" (usage: ferry " << command->synopsis() << ")" << Qt::endl;
        return ExitUsage;
    }
    CommandContext context(config::Paths::configFile(parser.value(kConfig)),
                           config::Paths::dataDir(parser.value(kDataDir)), out, err);
    return command->run(context, parser);
}

} // namespace ferry::app
