#pragma once

#include "app/command.h"

#include <optional>

namespace ferry::app {

// What the tray application starts on, once the command line has been read.
struct AppStart
{
    QString configPath;
    QString dataDir;
    bool minimized = false; // --minimized: the tray only, no status window
};

// `ferry` without a command: the tray application. Its options are read by the same parser as every
// command's, and what can be settled without a display is settled here, before any GUI exists: a Ferry
// app already running on the data directory is asked to show itself (this `ferry` then exits 0), and
// without a display the exit status is 2 with a word on how to run headless. Otherwise start() says what
// to start once the caller has made its QApplication.
class AppCommand final : public Command
{
public:
    explicit AppCommand(bool available) : m_available(available) {}

    QString name() const override { return {}; }
    QString synopsis() const override { return QStringLiteral("[--minimized]"); }
    QString summary() const override { return QStringLiteral("start the tray application"); }
    QList<QCommandLineOption> options() const override;
    int run(CommandContext& context, const QCommandLineParser& parser) override;

    // Set by a run() that leaves the tray application to be started.
    const std::optional<AppStart>& start() const { return m_start; }
    // The help text of the application's own options (not Qt's, which are accepted but not listed).
    QString help() const;

private:
    bool m_available;
    std::optional<AppStart> m_start;
};

} // namespace ferry::app
