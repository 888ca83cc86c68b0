#include "app/screenshots.h"

#include "app/firstrunscreenshots.h"
#include "ui/controller/desktopcontroller.h"
#include "ui/history/historyview.h"
#include "ui/resolver/resolverwindow.h"
#include "ui/settings/settingsdialog.h"
#include "ui/status/statuswindow.h"
#include "ui/tray/trayicon.h"

#include <functional>
#include <QApplication>
#include <QDir>
#include <QMenu>
#include <QTabWidget>
#include <QTimer>

namespace ferry::app {
namespace {

void save(QWidget& widget, const QString& path)
{
    widget.grab().save(path);
}

} // namespace

void takeScreenshots(ui::DesktopController& controller, const QString& dir)
{
    QDir().mkpath(dir);
    if (controller.profileNames().isEmpty()) {
        takeFirstRunScreenshots(controller, dir); // no profile: the empty state and the wizard
        return;
    }
    // Each step waits for the windows' workers to deliver their data before the picture.
    const QList<std::function<void()>> steps{
        [&controller] { controller.showStatus(); },
        [&controller, dir] {
            save(controller.statusWindow(), dir + QStringLiteral("/status.png"));
            ui::StatusWindow& status = controller.statusWindow();
            status.tabs()->setCurrentWidget(status.history());
        },
        [&controller, dir] { save(controller.statusWindow(), dir + QStringLiteral("/history.png")); },
        [&controller] {
            QMenu* menu = controller.tray().menu();
            menu->popup(QPoint(40, 40));
        },
        [&controller, dir] {
            save(*controller.tray().menu(), dir + QStringLiteral("/tray-menu.png"));
            controller.tray().menu()->hide();
            controller.showResolver();
        },
        [&controller, dir] {
            if (controller.resolverWindow())
                save(*controller.resolverWindow(), dir + QStringLiteral("/resolver.png"));
            controller.showSettings();
        },
        [&controller, dir] {
            if (controller.settingsDialog())
                save(*controller.settingsDialog(), dir + QStringLiteral("/settings.png"));
            QApplication::quit();
        }};
    for (int i = 0; i < steps.size(); ++i)
        QTimer::singleShot(2500 * (i + 1), qApp, steps[i]);
}

} // namespace ferry::app
