#pragma once

#include "core/config/config.h"
#include "core/host/watcherhost.h"
#include "core/store/runrecord.h"
#include "core/sync/syncresult.h"

#include <QHash>
#include <QObject>

namespace ferry::store {
class RunLog;
}

namespace ferry::app {

class CommandContext;

// The watchers of `ferry sync --watch` and `ferry daemon` (a host::WatcherHost): every cycle is logged
// to sync_logs (SyncResult::taskName) and printed, here on the caller's thread.
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
    host::WatcherHost m_host; // last: stopped first, while the log above still takes its results
};

} // namespace ferry::app
