#pragma once

#include "app/command.h"

namespace ferry::app {

// `ferry status [--json]`: the profiles, the store and the latest run of every task.
class StatusCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("status"); }
    QString synopsis() const override { return QStringLiteral("status [--json]"); }
    QString summary() const override;
    QList<QCommandLineOption> options() const override;
    int run(CommandContext& context, const QCommandLineParser& parser) override;
};

} // namespace ferry::app
