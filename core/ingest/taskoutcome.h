#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace ferry::ingest {

// What one ingestion task run came to: the fields of its sync_logs row, and what automation needs to
// tell a run that only skipped bad input from one that left work undone.
struct TaskOutcome
{
    QString status; // store::RunStatus: success, partial (some items skipped or failed), failed
    int rowsUpdated = 0;
    QString error;
    QJsonObject metadata;
    int failedUnits = 0;  // units left undone: repositories in `error`, tickers that kept failing or were
                          // rate limited; the next run does them again
    int skippedUnits = 0; // bad input skipped: unknown symbols (4xx), pull requests GitHub no longer serves
    bool stopped = false; // cut short by a stop (SIGINT, SIGTERM, Quit); the next run does the rest

    // Whether a nightly job should fail on it — `ferry ingest` exits 1, `ferry daemon` writes its line to
    // stderr: the task failed or left a unit undone. Bad input alone (skipped) is not a failure.
    bool needsAttention() const;
    // How the run reads in `ferry ingest` and `ferry daemon` alike:
    // "partial, 12995 rows (1 failed, 13 skipped): 1 of 2600 tickers failed (first: …)".
    QString summary() const;

    static TaskOutcome failure(const QString& why);
};

} // namespace ferry::ingest

Q_DECLARE_METATYPE(ferry::ingest::TaskOutcome)
