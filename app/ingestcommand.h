#pragma once

#include "app/command.h"

namespace ferry::app {

// `ferry ingest [TASK|PIPELINE ...] [--json]`: runs ingestion tasks now, one sync_logs row each. So far
// `tickers`, `market`, `dcf` and the `daily` pipeline (the three in order, going on after a failed
// task); github arrives with the rest of the ingestion engine.
class IngestCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("ingest"); }
    QString synopsis() const override { return QStringLiteral("ingest [TASK|PIPELINE ...] [--json]"); }
    QString summary() const override
    {
        return QStringLiteral("run ingestion tasks: tickers, market, dcf; pipeline daily (github: not yet)");
    }
    QList<QCommandLineOption> options() const override;
    int maxPositionals() const override { return 99; }
    int run(CommandContext& context, const QCommandLineParser& parser) override;
};

} // namespace ferry::app
