#pragma once

#include "command.h"

#include <memory>
#include <QStringList>
#include <QTextStream>
#include <vector>

namespace ferry::app {

// Parses `ferry [GLOBAL OPTIONS] COMMAND [OPTIONS]` and runs the command. Usage errors name the option
// and exit 2; nothing here calls exit() (QCommandLineParser's own --help would).
class CommandLine
{
public:
    CommandLine();

    // True when the arguments ask for the tray application: no command, no --help/--version.
    static bool wantsGui(const QStringList& arguments);

    int run(const QStringList& arguments, QTextStream& out, QTextStream& err);

private:
    Command* find(const QString& name) const;
    QString globalHelp() const;
    static QString commandName(const QStringList& arguments);

    std::vector<std::unique_ptr<Command>> m_commands;
};

} // namespace ferry::app
