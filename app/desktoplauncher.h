#pragma once

#include <QString>

namespace ferry::app {

// The tray application lives in its own executable, `ferry-desktop`, so that every command of `ferry`
// starts without loading Qt Widgets, Charts and the desktop code (docs/development.md, "Two
// executables"). `ferry` without a command settles what it can without a display (AppCommand), then
// replaces itself with `ferry-desktop` and the same arguments.
class DesktopLauncher
{
public:
    static constexpr const char* kName = "ferry-desktop";

    // Where `ferry-desktop` is for the `ferry` in `binDir`: beside it (the build tree), else in the
    // installed libexec folder (FERRY_DESKTOP_RELATIVE, relative to the bin folder). "" if in neither.
    static QString locate(const QString& binDir);
    // The other way: the `ferry` that users run, for the `ferry-desktop` in `desktopDir` (what the
    // autostart entry names, so that it survives the desktop's executable moving). "" if none.
    static QString command(const QString& desktopDir);
    // execv()s `program` with `argv` (as main() got it). Returns only on failure, with the reason.
    static QString exec(const QString& program, char** argv);

private:
    // The first of `dir`/`name` and `dir`/`relative`/`name` that is an executable file, else "".
    static QString executableIn(const QString& dir, const QString& relative, const QString& name);
};

} // namespace ferry::app
