#pragma once

#include "config/config.h"
#include "store/runrecord.h"
#include "sync/syncresult.h"

#include <memory>
#include <QHash>
#include <QObject>
#include <QThread>
#include <vector>

namespace ferry::store {
class RunLog;
}
namespace ferry::sync {
class SyncWatcher;
}

namespace ferry::app {

class CommandContext;

// A SyncWatcher per profile, each in its own thread, for `ferry sync --watch` and `ferry daemon`:
// every cycle is logged to sync_logs ("sync:NAME") and printed, here on the caller's thread.
class WatcherGroup : public QObject
{
    Q_OBJECT

public:
    // `command` prefixes warnings ("ferry sync").
    WatcherGroup(CommandContext& ctx, store::RunLog& runLog, QString command, QObject* parent = nullptr);
    ~WatcherGroup() override;

    void start(const QList<config::Profile>& profiles);
    // Stops every watcher after its cycle in progress, and logs and prints the last results.
    void stop();

    // Logs one finished cycle and prints its summary line.
    static void report(CommandContext& ctx, store::RunLog& runLog, store::RunRecord& run,
                       const sync::SyncResult& result, const QString& command);

signals:
    // After it was logged and printed (the daemon's alerts listen).
    void cycleFinished(const ferry::sync::SyncResult& result);

private:
    CommandContext& m_ctx;
    store::RunLog& m_runLog;
    QString m_command;
    QHash<QString, store::RunRecord> m_running; // profile -> its cycle in progress
    std::vector<std::unique_ptr<QThread>> m_threads;
    QList<sync::SyncWatcher*> m_watchers; // live in their threads; only requestStop() is called from here
};

} // namespace ferry::app
