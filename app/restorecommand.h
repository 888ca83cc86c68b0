#pragma once

#include "app/command.h"

namespace ferry::app {

// `ferry restore ID [--to FILE]`: writes an archived version back where it was (or to FILE); the file
// it replaces is archived first.
class RestoreCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("restore"); }
    QString synopsis() const override { return QStringLiteral("restore ID [--to FILE]"); }
    QString summary() const override { return QStringLiteral("bring back an archived version"); }
    QList<QCommandLineOption> options() const override;
    int maxPositionals() const override { return 1; }
    int run(CommandContext& context, const QCommandLineParser& parser) override;
};

} // namespace ferry::app
