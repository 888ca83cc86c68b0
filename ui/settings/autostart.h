#pragma once

#include <QString>
#include <QStringList>

namespace ferry::ui {

// Launch at login: an XDG autostart entry on Linux (~/.config/autostart/ferry.desktop), the
// HKCU\Software\Microsoft\Windows\CurrentVersion\Run value on Windows, a LaunchAgent on macOS. Each
// runs `ferry --minimized`: the tray icon, no status window, plus the arguments that reopen the same
// config and data directory.
class Autostart
{
public:
    // `--config PATH` / `--data-dir PATH` for each that is not the platform's location: a login
    // session has neither the command line nor FERRY_CONFIG / FERRY_DATA_DIR of the running app.
    static QStringList launchArguments(const QString& configPath, const QString& dataDir);

    // The program an entry starts when none is given: `ferry` as users run it, set once at start by the
    // tray application (whose own executable, `ferry-desktop`, is an installation detail); else the
    // running binary.
    static void setDefaultProgram(const QString& program);

    static bool isEnabled();
    // Whether the entry exists and starts exactly `program` with `arguments` (a stale one is rewritten).
    static bool isCurrent(const QStringList& arguments, const QString& program = QString());
    // Turns it on or off for `program` (the running binary by default); false with `error` set when
    // the entry could not be written or removed.
    static bool setEnabled(bool enabled, QString* error = nullptr, const QStringList& arguments = {},
                           const QString& program = QString());
    static QString entryPath(); // where the entry lives on this platform (a file, or the registry key)
};

} // namespace ferry::ui
