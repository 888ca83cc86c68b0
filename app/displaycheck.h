#pragma once

#include <QProcessEnvironment>
#include <QString>

namespace ferry::app {

// Whether Qt's platform plugin will find a display to show windows on. Qt's xcb plugin aborts the
// process when it cannot open one (exit 134), so the tray application asks first and says what to do
// instead. Linux and the other X11/Wayland systems only: macOS and Windows always have a display.
class DisplayCheck
{
public:
    // Empty when a display is reachable, else what is missing ("DISPLAY is not set …"). `platform` is
    // the value of -platform, which wins over QT_QPA_PLATFORM in `environment`, as in Qt.
    static QString missing(const QString& platform, const QProcessEnvironment& environment);
};

} // namespace ferry::app
