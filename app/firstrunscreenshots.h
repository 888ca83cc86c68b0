#pragma once

#include <QString>

namespace ferry::ui {
class DesktopController;
}

namespace ferry::app {

// The first run's pictures, for an app started without a profile: the status window's empty state,
// then each page of the Add a folder wizard, filled with FERRY_DEMO_FOLDER and FERRY_DEMO_REMOTE (the
// Test and the preview run for real), saved as first-run-LANG.png and wizard-N-PAGE-LANG.png in `dir`.
// The wizard is cancelled at the end: nothing is written. Quits when done.
void takeFirstRunScreenshots(ui::DesktopController& controller, const QString& dir);

} // namespace ferry::app
