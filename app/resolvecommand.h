#pragma once

#include "app/command.h"

namespace ferry::app {

// `ferry resolve ID --take local|remote|both|merged [--file F]`: settles one pending conflict
// (sync::ConflictResolver); the next sync pushes the result.
class ResolveCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("resolve"); }
    QString synopsis() const override
    {
        return QStringLiteral("resolve ID --take local|remote|both|merged [--file F]");
    }
    QString summary() const override { return QStringLiteral("resolve a pending conflict"); }
    QList<QCommandLineOption> options() const override;
    int maxPositionals() const override { return 1; }
    int run(CommandContext& context, const QCommandLineParser& parser) override;
};

} // namespace ferry::app
