#pragma once

#include "command.h"

namespace ferry::app {

// A command of DESIGN.md whose engine has not landed yet: its usage is parsed and checked like any
// other, then it says so and exits 2, so scripts written against the documented interface fail loudly.
class PlannedCommand final : public Command
{
public:
    PlannedCommand(QString name, QString synopsis, QString summary, QList<QCommandLineOption> options,
                   int maxPositionals, QString arrivesWith);

    QString name() const override { return m_name; }
    QString synopsis() const override { return m_synopsis; }
    QString summary() const override { return m_summary + QStringLiteral(" (not available yet)"); }
    QList<QCommandLineOption> options() const override { return m_options; }
    int maxPositionals() const override { return m_maxPositionals; }
    int run(CommandContext& context, const QCommandLineParser& parser) override;

private:
    QString m_name;
    QString m_synopsis;
    QString m_summary;
    QList<QCommandLineOption> m_options;
    int m_maxPositionals;
    QString m_arrivesWith;
};

} // namespace ferry::app
