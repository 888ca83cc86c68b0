#include "app/guiapplication.h"

#include "app/appcommand.h"
#include "app/desktoplauncher.h"
#include "app/screenshots.h"
#include "core/config/configfile.h"
#include "ui/controller/desktopcontroller.h"
#include "ui/controller/instanceserver.h"
#include "ui/settings/autostart.h"
#include "ui/settings/tokenstore.h"
#include "ui/status/statuswindow.h"
#include "ui/tray/trayicon.h"

#include <cstdio>
#include <memory>
#include <QApplication>
#include <QEventLoop>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTimer>
#include <QTranslator>

namespace ferry::app {
namespace {

// The language chosen in the settings, else the system's.
QLocale chosenLocale()
{
    const QString language = QSettings().value(QStringLiteral("language")).toString();
    return language.isEmpty() ? QLocale() : QLocale(language);
}

// Tokens kept in the OS keychain go into the environment variables the engine reads them from (those
// already set win). Waits for the keychain at most 3 s: a locked or missing one means no token.
void loadTokens(const config::Config& config)
{
    QStringList variables;
    for (const config::Profile& p : config.profiles)
        variables.append(p.tokenEnv);
    if (config.github)
        variables.append(config.github->tokenEnv);
    if (config.market)
        variables.append(config.market->apiKeyEnv);
    variables.removeDuplicates();
    variables.removeIf(
        [](const QString& v) { return v.isEmpty() || qEnvironmentVariableIsSet(v.toUtf8().constData()); });
    if (variables.isEmpty())
        return;
    struct Wait
    {
        int left = 0;
        QEventLoop* loop = nullptr;
    };
    auto wait = std::make_shared<Wait>();
    wait->left = int(variables.size());
    for (const QString& variable : std::as_const(variables))
        ui::TokenStore::read(variable, [wait, variable](const QString& token, const QString&) {
            if (!token.isEmpty())
                qputenv(variable.toUtf8().constData(), token.toUtf8());
            if (--wait->left == 0 && wait->loop)
                wait->loop->quit();
        });
    QEventLoop loop;
    wait->loop = &loop;
    QTimer::singleShot(3000, &loop, &QEventLoop::quit);
    if (wait->left > 0)
        loop.exec();
    wait->loop = nullptr;
}

} // namespace

int runGuiApplication(int& argc, char** argv, const AppStart& start)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ferry"));
    // Launch at login names `ferry`, as users run it, not this executable (ferry-desktop).
    ui::Autostart::setDefaultProgram(DesktopLauncher::command(QCoreApplication::applicationDirPath()));
    // Ferry's strings are compiled in (:/translations); Qt's own come from the system. The English
    // file holds only plural forms ("1 file", "2 files"): installed first, it answers whatever the
    // chosen language's file (asked first, as installed last) does not, in the C locale too.
    QTranslator qtTranslator;
    QTranslator englishPlurals;
    QTranslator ferryTranslator;
    const QLocale locale = chosenLocale();
    if (englishPlurals.load(QStringLiteral(":/translations/ferry_en.qm")))
        QApplication::installTranslator(&englishPlurals);
    if (qtTranslator.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    if (ferryTranslator.load(locale, QStringLiteral("ferry"), QStringLiteral("_"),
                             QStringLiteral(":/translations")))
        QApplication::installTranslator(&ferryTranslator);

    // Read once before the event loop starts; a broken file opens the settings to fix it.
    const Result<config::LoadedConfig> loaded =
        config::ConfigFile(start.configPath).load(config::ConfigReader::Mode::MissingFoldersAllowed);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/ferry.svg")));
    // Before the instance server listens: waiting for the keychain runs an event loop, in which a
    // request would find the engine not started yet.
    loadTokens(loaded ? loaded->config : config::Config());
    ui::DesktopController controller(start.configPath, start.dataDir);
    // AppCommand found no app on this data directory; one that started since then wins, as nothing of
    // this one has run yet.
    ui::InstanceServer instances(controller, start.dataDir);
    if (!instances.listen()) {
        std::fprintf(stdout, "Ferry is already running on %s\n", qPrintable(start.dataDir));
        return 0;
    }
    controller.start(loaded ? loaded->config : config::Config());
    // Without a system tray the status window is the application: closing it quits.
    const bool tray = controller.tray().isVisible();
    QApplication::setQuitOnLastWindowClosed(!tray);
    if (!tray && start.minimized)
        controller.statusWindow().showMinimized();
    else if (!start.minimized)
        controller.showStatus();
    if (!loaded)
        controller.showSettings();
    if (const QString shots = qEnvironmentVariable("FERRY_SCREENSHOTS"); !shots.isEmpty())
        takeScreenshots(controller, shots);
    const int code = QApplication::exec();
    controller.shutdown();
    return code;
}

} // namespace ferry::app
