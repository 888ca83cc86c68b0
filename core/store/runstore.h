#pragma once

#include "core/store/runrecord.h"
#include "core/util/result.h"

#include <QList>

namespace ferry::store {

// The runs of every task: sync_logs, and ferry_running_runs for the runs in progress. What RunLog,
// `ferry history` and the history window need of a Store.
class RunStore
{
public:
    virtual ~RunStore() = default;
    RunStore(const RunStore&) = delete;
    RunStore& operator=(const RunStore&) = delete;

    // Inserts the run, or updates the row that has the same runId: writing a run twice leaves one row.
    // A finished row is never turned back into a running one. Sets run.id.
    virtual Status upsertRun(RunRecord& run) = 0;
    virtual Result<QList<RunRecord>> runs(const RunFilter& filter) = 0;
    virtual Result<QList<RunRecord>> latestPerTask() = 0; // the newest run of every task, by task name

    Result<QList<RunRecord>> recentRuns(int limit);
    Result<QList<RunRecord>> failedSince(const QDateTime& since);

protected:
    RunStore() = default;
};

} // namespace ferry::store
