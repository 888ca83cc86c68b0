#pragma once

#include "app/command.h"

namespace ferry::app {

// `ferry versions [PATH] [--profile P] [--json]`: the local versions Ferry archived before replacing
// or deleting them, newest first.
class VersionsCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("versions"); }
    QString synopsis() const override { return QStringLiteral("versions [PATH] [--profile P] [--json]"); }
    QString summary() const override { return QStringLiteral("list archived local versions"); }
    QList<QCommandLineOption> options() const override;
    int maxPositionals() const override { return 1; }
    int run(CommandContext& context, const QCommandLineParser& parser) override;
};

} // namespace ferry::app
