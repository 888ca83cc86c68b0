#pragma once

#include "command.h"

namespace ferry::app {

// `ferry ingest [TASK|PIPELINE ...] [--json]`: runs ingestion tasks now, one sync_logs row each. So far
// `tickers`, `market` and `dcf`; github and the daily pipeline arrive with the rest of the ingestion
// engine.
class IngestCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("ingest"); }
    QString synopsis() const override { return QStringLiteral("ingest [TASK|PIPELINE ...] [--json]"); }
    QString summary() const override
    {
        return QStringLiteral("run ingestion tasks: tickers, market, dcf (github, daily: not yet)");
    }
    QList<QCommandLineOption> options() const override;
    int maxPositionals() const override { return 99; }
    int run(CommandContext& context, const QCommandLineParser& parser) override;
};

} // namespace ferry::app
