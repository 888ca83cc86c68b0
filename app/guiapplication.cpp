#include "guiapplication.h"

#include "tray/trayicon.h"

#include <QApplication>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace ferry::app {

int runGuiApplication(int& argc, char** argv)
{
    QApplication app(argc, argv);
    // Ferry's strings are compiled in (:/translations); Qt's own come from the system.
    QTranslator qtTranslator;
    QTranslator ferryTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    if (ferryTranslator.load(QLocale(), QStringLiteral("ferry"), QStringLiteral("_"),
                             QStringLiteral(":/translations")))
        QApplication::installTranslator(&ferryTranslator);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/ferry.svg")));
    ui::TrayIcon tray;
    // Without a system tray the fallback window is the application: closing it quits.
    QApplication::setQuitOnLastWindowClosed(!tray.isVisible());
    return QApplication::exec();
}

} // namespace ferry::app
