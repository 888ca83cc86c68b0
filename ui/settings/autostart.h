#pragma once

#include <QString>

namespace ferry::ui {

// Launch at login: an XDG autostart entry on Linux (~/.config/autostart/ferry.desktop), the
// HKCU\Software\Microsoft\Windows\CurrentVersion\Run value on Windows, a LaunchAgent on macOS. Each
// runs `ferry --minimized`: the tray icon, no status window.
class Autostart
{
public:
    static bool isEnabled();
    // Turns it on or off for `program` (the running binary by default); false with `error` set when
    // the entry could not be written or removed.
    static bool setEnabled(bool enabled, QString* error = nullptr, const QString& program = QString());
    static QString entryPath(); // where the entry lives on this platform (a file, or the registry key)
};

} // namespace ferry::ui
