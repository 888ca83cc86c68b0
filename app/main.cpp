#include "app/commandline.h"
#include "app/exitcode.h"

#include <QCoreApplication>
#include <QTextStream>

#ifdef FERRY_WITH_UI
#include "app/guiapplication.h"
constexpr bool kWithTrayApp = true;
#else
constexpr bool kWithTrayApp = false;
#endif

int main(int argc, char** argv)
{
    QCoreApplication::setApplicationName(QStringLiteral("ferry"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FERRY_VERSION));
    ferry::app::CommandLine commandLine(kWithTrayApp);
    {
        // Every command, and the tray app's checks (a running instance, a display), run on a plain core
        // application: no GUI platform plugin, so they work where no display is reachable.
        QCoreApplication app(argc, argv);
        QTextStream out(stdout);
        QTextStream err(stderr);
        const int code = commandLine.run(QCoreApplication::arguments(), out, err);
        if (!commandLine.app().start())
            return code;
    }
#ifdef FERRY_WITH_UI
    // The core application is gone: the GUI one takes its place, and Qt's own options out of argv.
    return ferry::app::runGuiApplication(argc, argv, *commandLine.app().start());
#else
    return ferry::app::ExitUsage; // AppCommand never asks for the tray app in this build
#endif
}
