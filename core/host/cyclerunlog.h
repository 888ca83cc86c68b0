#pragma once

#include "core/store/runrecord.h"

#include <memory>
#include <QHash>
#include <QString>

namespace ferry::store {
class StoreThread;
}
namespace ferry::sync {
struct SyncResult;
}

namespace ferry::host {

// The sync_logs rows of the tray app's cycles, written in its StoreThread (the GUI thread does no
// database work): a row marked running as a cycle starts, finished with the cycle's result as it ends
// (`ferry daemon` writes its rows in its own thread: app::WatcherGroup). The rows of the cycles in
// progress live in the store's thread.
class CycleRunLog
{
public:
    explicit CycleRunLog(const QString& dataDir);

    void begin(store::StoreThread& store, const QString& profile);
    // A cycle whose start was not logged (its profile removed since, the store reopened) gets a row too.
    void finish(store::StoreThread& store, const sync::SyncResult& result);

private:
    QString m_queue; // where rows wait while the database does not answer
    std::shared_ptr<QHash<QString, store::RunRecord>> m_running =
        std::make_shared<QHash<QString, store::RunRecord>>();
};

} // namespace ferry::host
