#include "guiapplication.h"

#include "tray/trayicon.h"

#include <QApplication>
#include <QIcon>

namespace ferry::app {

int runGuiApplication(int& argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/ferry.svg")));
    ui::TrayIcon tray;
    // Without a system tray the fallback window is the application: closing it quits.
    QApplication::setQuitOnLastWindowClosed(!tray.isVisible());
    return QApplication::exec();
}

} // namespace ferry::app
