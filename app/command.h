#pragma once

#include <QCommandLineOption>
#include <QList>
#include <QString>

class QCommandLineParser;

namespace ferry::app {

class CommandContext;

// One subcommand of `ferry`: its name, help text, options and what it does.
class Command
{
public:
    virtual ~Command() = default;

    virtual QString name() const = 0;
    virtual QString synopsis() const = 0; // "history [--task T] …"
    virtual QString summary() const = 0;  // one line for `ferry --help`
    virtual QList<QCommandLineOption> options() const { return {}; }
    virtual int maxPositionals() const { return 0; }
    // Returns an ExitCode.
    virtual int run(CommandContext& context, const QCommandLineParser& parser) = 0;
};

} // namespace ferry::app
