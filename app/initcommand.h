#pragma once

#include "app/command.h"

namespace ferry::app {

// `ferry init`: adds a profile (remote, branch, folders) to the config and prepares its data folder.
class InitCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("init"); }
    QString synopsis() const override;
    QString summary() const override;
    QList<QCommandLineOption> options() const override;
    int run(CommandContext& context, const QCommandLineParser& parser) override;
};

} // namespace ferry::app
