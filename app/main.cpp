#include "app/commandline.h"
#include "app/exitcode.h"

#include <QCoreApplication>
#include <QTextStream>

#if defined(FERRY_DESKTOP)
// `ferry-desktop`: the tray application itself, and every command as `ferry` has them.
#include "app/guiapplication.h"
constexpr bool kWithTrayApp = true;
#elif defined(FERRY_WITH_UI)
// `ferry`: the tray application is `ferry-desktop`, started in this process's place.
#include "app/desktoplauncher.h"
constexpr bool kWithTrayApp = true;
#else
constexpr bool kWithTrayApp = false;
#endif

int main(int argc, char** argv)
{
    QCoreApplication::setApplicationName(QStringLiteral("ferry"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FERRY_VERSION));
    ferry::app::CommandLine commandLine(kWithTrayApp);
#if defined(FERRY_WITH_UI) && !defined(FERRY_DESKTOP)
    QString desktop;
#endif
    {
        // Every command, and the tray app's checks (a running instance, a display), run on a plain core
        // application: no GUI platform plugin, so they work where no display is reachable.
        QCoreApplication app(argc, argv);
        QTextStream out(stdout);
        QTextStream err(stderr);
        const int code = commandLine.run(QCoreApplication::arguments(), out, err);
        if (!commandLine.app().start())
            return code;
#if defined(FERRY_WITH_UI) && !defined(FERRY_DESKTOP)
        desktop = ferry::app::DesktopLauncher::locate(QCoreApplication::applicationDirPath());
        if (desktop.isEmpty()) {
            err << "ferry: the tray application (" << ferry::app::DesktopLauncher::kName
                << ") is not installed beside " << QCoreApplication::applicationFilePath()
                << "; the commands work without it (ferry --help)" << Qt::endl;
            return ferry::app::ExitUsage;
        }
#endif
    }
#if defined(FERRY_DESKTOP)
    // The core application is gone: the GUI one takes its place, and Qt's own options out of argv.
    return ferry::app::runGuiApplication(argc, argv, *commandLine.app().start());
#elif defined(FERRY_WITH_UI)
    // The same arguments: ferry-desktop settles them again (cheaply) and starts the tray application.
    const QString error = ferry::app::DesktopLauncher::exec(desktop, argv);
    QTextStream(stderr) << "ferry: cannot start " << desktop << ": " << error << Qt::endl;
    return ferry::app::ExitRunFailed;
#else
    return ferry::app::ExitUsage; // AppCommand never asks for the tray app in this build
#endif
}
