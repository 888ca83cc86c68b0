#include "core/host/cyclerunlog.h"

#include "core/config/paths.h"
#include "core/store/runlog.h"
#include "core/store/storethread.h"
#include "core/sync/syncresult.h"
#include "core/util/logging.h"

namespace ferry::host {

CycleRunLog::CycleRunLog(const QString& dataDir) : m_queue(config::Paths::runQueue(dataDir)) {}

void CycleRunLog::begin(store::StoreThread& store, const QString& profile)
{
    store.post([running = m_running, profile, queue = m_queue](store::Store* opened, const QString&) {
        if (opened)
            running->insert(profile,
                            store::RunLog(*opened, queue).begin(sync::SyncResult::taskName(profile)));
    });
}

void CycleRunLog::finish(store::StoreThread& store, const sync::SyncResult& result)
{
    store.post([running = m_running, queue = m_queue, profile = result.profile, status = result.runStatus(),
                rows = result.filesChanged(), error = result.error,
                metadata = result.toMetadata()](store::Store* opened, const QString&) {
        if (!opened)
            return; // the store did not open: the profile's state.json still has the cycle
        store::RunLog log(*opened, queue);
        store::RunRecord record = running->contains(profile) ? running->take(profile)
                                                             : log.begin(sync::SyncResult::taskName(profile));
        if (const auto written = log.finish(record, status, rows, error, metadata); !written)
            qCWarning(lcSync).noquote() << "sync_logs:" << written.message();
    });
}

} // namespace ferry::host
