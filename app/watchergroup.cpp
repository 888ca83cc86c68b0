#include "watchergroup.h"

#include "commandcontext.h"
#include "store/runlog.h"
#include "sync/syncwatcher.h"

#include <QCoreApplication>

namespace ferry::app {

WatcherGroup::WatcherGroup(CommandContext& ctx, store::RunLog& runLog, QString command, QObject* parent)
    : QObject(parent), m_ctx(ctx), m_runLog(runLog), m_command(std::move(command))
{
}

WatcherGroup::~WatcherGroup()
{
    stop();
}

void WatcherGroup::start(const QList<config::Profile>& profiles)
{
    for (const config::Profile& profile : profiles) {
        auto thread = std::make_unique<QThread>();
        auto* watcher = new sync::SyncWatcher(profile, m_ctx.dataDir());
        watcher->moveToThread(thread.get());
        connect(thread.get(), &QThread::started, watcher, &sync::SyncWatcher::start);
        connect(thread.get(), &QThread::finished, watcher, &QObject::deleteLater);
        connect(watcher, &sync::SyncWatcher::cycleStarted, this, [this](const QString& name, const QString&) {
            m_running.insert(name, m_runLog.begin(sync::SyncResult::taskName(name)));
        });
        connect(watcher, &sync::SyncWatcher::cycleFinished, this, [this](const sync::SyncResult& r) {
            store::RunRecord run = m_running.take(r.profile);
            report(m_ctx, m_runLog, run, r, m_command);
            emit cycleFinished(r);
        });
        thread->start();
        m_threads.push_back(std::move(thread));
        m_watchers.append(watcher);
    }
}

void WatcherGroup::stop()
{
    if (m_threads.empty())
        return;
    for (const sync::SyncWatcher* watcher : std::as_const(m_watchers))
        watcher->requestStop(); // a transfer in progress ends now, not when the network gives up
    for (const auto& thread : m_threads) {
        thread->quit(); // after the cycle in progress, if any
        thread->wait();
    }
    m_threads.clear();
    m_watchers.clear();
    QCoreApplication::sendPostedEvents(this); // the last results
}

void WatcherGroup::report(CommandContext& ctx, store::RunLog& runLog, store::RunRecord& run,
                          const sync::SyncResult& result, const QString& command)
{
    const auto logged =
        runLog.finish(run, result.runStatus(), result.filesChanged(), result.error, result.toMetadata());
    if (!logged)
        ctx.err() << command << ": warning: " << logged.message() << Qt::endl;
    (result.ok ? ctx.out() : ctx.err()) << result.summary() << Qt::endl;
}

} // namespace ferry::app
