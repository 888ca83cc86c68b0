#pragma once

#include "app/appcommand.h"
#include "app/command.h"

#include <memory>
#include <QStringList>
#include <QTextStream>
#include <vector>

namespace ferry::app {

// Parses `ferry [GLOBAL OPTIONS] [COMMAND] [OPTIONS]` and runs the command; without a command, the
// tray application's options go through the same parser and AppCommand (see app()). Usage errors name
// the option and exit 2; nothing here calls exit() (QCommandLineParser's own --help would).
class CommandLine
{
public:
    // `withTrayApp`: whether this build has the tray application (FERRY_BUILD_UI).
    explicit CommandLine(bool withTrayApp);

    int run(const QStringList& arguments, QTextStream& out, QTextStream& err);
    // After run(): app().start() is set when the tray application is to be started.
    const AppCommand& app() const { return m_app; }

private:
    Command* find(const QString& name) const;
    QString globalHelp() const;
    QString commandName(const QStringList& arguments) const;

    AppCommand m_app;
    std::vector<std::unique_ptr<Command>> m_commands;
};

} // namespace ferry::app
