#pragma once

#include <QString>

namespace ferry::ui {
class DesktopController;
}

namespace ferry::app {

// FERRY_SCREENSHOTS=DIR: the running app opens its windows one after the other, saves each as a PNG in
// DIR (tray menu, status, history with its chart, conflict resolver, settings) and quits. The README's
// pictures come from tools/screenshots.sh, which runs this under Xvfb on demo data. An app with no
// profile takes the first run's pictures instead (takeFirstRunScreenshots).
void takeScreenshots(ui::DesktopController& controller, const QString& dir);

} // namespace ferry::app
