#include "app/appcommand.h"

#include "app/commandcontext.h"
#include "app/displaycheck.h"
#include "app/exitcode.h"
#include "core/util/instancechannel.h"

#include <QCommandLineParser>
#include <QJsonObject>

namespace ferry::app {
namespace {

const QCommandLineOption kMinimized(QStringLiteral("minimized"),
                                    QStringLiteral("Start in the tray without opening the status window."));

// Qt's own options, which QApplication takes out of argv: accepted so that `ferry -platform offscreen`,
// `-style`, or a session manager's `-session ID` work as in any Qt application; not listed in the help.
QList<QCommandLineOption> qtOptions()
{
    QList<QCommandLineOption> options;
    for (const char* name : {"platform", "platformpluginpath", "platformtheme", "plugin", "qwindowgeometry",
                             "geometry", "qwindowicon", "icon", "qwindowtitle", "title", "session", "style",
                             "stylesheet", "display", "name", "visual"})
        options.append(QCommandLineOption(QString::fromLatin1(name), QString(), QStringLiteral("VALUE")));
    for (const char* name : {"reverse", "testability", "widgetcount", "nograb", "dograb"})
        options.append(QCommandLineOption(QString::fromLatin1(name)));
    for (QCommandLineOption& option : options)
        option.setFlags(QCommandLineOption::HiddenFromHelp);
    return options;
}

} // namespace

QList<QCommandLineOption> AppCommand::options() const
{
    return QList<QCommandLineOption>{kMinimized} + qtOptions();
}

QString AppCommand::help() const
{
    QString text =
        QStringLiteral("  --minimized      %1\n"
                       "                   Launch at login uses it. Without a system tray, the\n"
                       "                   window starts minimized.\n"
                       "  Qt's own options (-platform NAME, -style NAME, -session ID, …) go to Qt.\n")
            .arg(kMinimized.description());
    if (!m_available)
        text += QStringLiteral("  (Not in this build: it was built with FERRY_BUILD_UI=OFF.)\n");
    return text;
}

int AppCommand::run(CommandContext& ctx, const QCommandLineParser& parser)
{
    if (!m_available) {
        ctx.err()
            << "ferry: this build has no tray application (FERRY_BUILD_UI=OFF); `ferry daemon` runs the "
               "watchers and schedules headless (see ferry --help)"
            << Qt::endl;
        return ExitUsage;
    }
    // One app per data directory. Asked before anything of the GUI exists, so that a second start from a
    // terminal without a display still finds the first one. --minimized (a launch at login) only checks.
    const QString channel = util::InstanceChannel::name(ctx.dataDir());
    const QString command = parser.isSet(kMinimized) ? QStringLiteral("ping") : QStringLiteral("show");
    const Result<QJsonObject> running =
        util::InstanceChannel::request(channel, QJsonObject{{QStringLiteral("command"), command}}, 300, 5000);
    if (running) {
        ctx.out() << "Ferry is already running on " << ctx.dataDir()
                  << (command == u"show" ? "; its status window was brought forward" : "") << Qt::endl;
        return ExitSuccess;
    }
    if (running.error().kind != ErrorKind::NotFound)
        ctx.err() << "ferry: " << running.message() << "; starting a new one" << Qt::endl;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (parser.isSet(QStringLiteral("display")))
        environment.insert(QStringLiteral("DISPLAY"), parser.value(QStringLiteral("display")));
    if (const QString missing = DisplayCheck::missing(parser.value(QStringLiteral("platform")), environment);
        !missing.isEmpty()) {
        ctx.err() << "ferry: no display for the tray application: " << missing << ".\n"
                  << "Without a desktop, `ferry daemon` runs the watchers and schedules headless;\n"
                     "`ferry sync` and `ferry ingest` run once (see ferry --help)."
                  << Qt::endl;
        return ExitUsage;
    }
    m_start = AppStart{ctx.configPath(), ctx.dataDir(), parser.isSet(kMinimized)};
    return ExitSuccess;
}

} // namespace ferry::app
