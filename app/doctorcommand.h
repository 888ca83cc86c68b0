#pragma once

#include "app/command.h"

namespace ferry::app {

// `ferry doctor [--profile NAME] [--json]`: checks each profile's folders, remote, host key,
// credentials, branch and push permission, the database and its schema, the ingestion secrets and the
// inotify watch limit, without syncing anything. Exit 1 when any check finds a problem.
class DoctorCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("doctor"); }
    QString synopsis() const override { return QStringLiteral("doctor [--profile NAME] [--json]"); }
    QString summary() const override;
    QList<QCommandLineOption> options() const override;
    int run(CommandContext& context, const QCommandLineParser& parser) override;
};

} // namespace ferry::app
