#include "core/store/runstore.h"

namespace ferry::store {

Result<QList<RunRecord>> RunStore::recentRuns(int limit)
{
    RunFilter filter;
    filter.limit = limit;
    return runs(filter);
}

Result<QList<RunRecord>> RunStore::failedSince(const QDateTime& since)
{
    RunFilter filter;
    filter.status = RunStatus::Failed;
    filter.since = since;
    filter.limit = 0;
    return runs(filter);
}

} // namespace ferry::store
