#pragma once

#include "app/command.h"

namespace ferry::app {

// `ferry conflicts [--json]`: the pending conflicts of every profile, oldest first.
class ConflictsCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("conflicts"); }
    QString synopsis() const override { return QStringLiteral("conflicts [--json]"); }
    QString summary() const override { return QStringLiteral("list pending conflicts"); }
    QList<QCommandLineOption> options() const override;
    int run(CommandContext& context, const QCommandLineParser& parser) override;
};

} // namespace ferry::app
