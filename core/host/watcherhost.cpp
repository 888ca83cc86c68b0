#include "core/host/watcherhost.h"

#include "core/sync/syncwatcher.h"

#include <algorithm>
#include <QCoreApplication>

namespace ferry::host {
namespace {

// Runs `call` on the watcher's thread, after what it has in hand.
template <typename Call>
void queue(sync::SyncWatcher* watcher, Call call)
{
    QMetaObject::invokeMethod(
        watcher, [watcher, call] { call(*watcher); }, Qt::QueuedConnection);
}

} // namespace

WatcherHost::WatcherHost(QString dataDir, QObject* parent) : QObject(parent), m_dataDir(std::move(dataDir)) {}

WatcherHost::~WatcherHost()
{
    stop();
}

void WatcherHost::start(const QList<config::Profile>& profiles)
{
    for (const config::Profile& profile : profiles)
        if (!m_watchers.contains(profile.name))
            startOne(profile);
}

void WatcherHost::startOne(const config::Profile& profile)
{
    auto thread = std::make_unique<QThread>();
    thread->setObjectName(QStringLiteral("ferry-sync-") + profile.name);
    auto* watcher = new sync::SyncWatcher(profile, m_dataDir);
    watcher->moveToThread(thread.get());
    connect(thread.get(), &QThread::started, watcher, &sync::SyncWatcher::start);
    connect(thread.get(), &QThread::finished, watcher, &QObject::deleteLater);
    connect(thread.get(), &QThread::finished, this, [this] {
        if (threadsFinished())
            emit threadsEnded();
    });
    // Queued: the results are emitted again on this object's thread, in the order the watcher sent them.
    connect(watcher, &sync::SyncWatcher::cycleStarted, this, &WatcherHost::cycleStarted,
            Qt::QueuedConnection);
    connect(watcher, &sync::SyncWatcher::cycleFinished, this, &WatcherHost::cycleFinished,
            Qt::QueuedConnection);
    connect(watcher, &sync::SyncWatcher::progress, this, &WatcherHost::progress, Qt::QueuedConnection);
    connect(watcher, &sync::SyncWatcher::fullScanScheduled, this, &WatcherHost::fullScanScheduled,
            Qt::QueuedConnection);
    if (isPaused(profile.name))
        queue(watcher, [](sync::SyncWatcher& w) { w.setPaused(true); });
    m_watchers.insert(profile.name, watcher);
    thread->start();
    m_threads.push_back(std::move(thread));
}

void WatcherHost::stop()
{
    if (m_threads.empty())
        return;
    requestStop();
    for (const auto& thread : m_threads)
        thread->wait();
    m_threads.clear();
    m_watchers.clear();
    QCoreApplication::sendPostedEvents(this); // the last results
}

void WatcherHost::requestStop()
{
    if (m_threads.empty()) {
        QMetaObject::invokeMethod(this, &WatcherHost::threadsEnded, Qt::QueuedConnection);
        return;
    }
    for (const sync::SyncWatcher* watcher : std::as_const(m_watchers))
        watcher->requestStop(); // a transfer in progress ends now, not when the network gives up
    for (const auto& thread : m_threads)
        thread->quit(); // after the cycle in progress, if any
    // Each watcher is deleted as its thread ends: requests from now on have none to go to.
    m_watchers.clear();
}

bool WatcherHost::threadsFinished() const
{
    return std::all_of(m_threads.cbegin(), m_threads.cend(),
                       [](const std::unique_ptr<QThread>& t) { return t->isFinished(); });
}

void WatcherHost::syncNow()
{
    for (sync::SyncWatcher* watcher : std::as_const(m_watchers))
        queue(watcher, [](sync::SyncWatcher& w) { w.syncNow(); });
}

void WatcherHost::syncProfile(const QString& profile)
{
    if (sync::SyncWatcher* watcher = m_watchers.value(profile))
        queue(watcher, [](sync::SyncWatcher& w) { w.syncNow(); });
}

void WatcherHost::setPaused(bool paused)
{
    m_paused = paused;
    for (auto it = m_watchers.cbegin(); it != m_watchers.cend(); ++it)
        queue(it.value(), [on = isPaused(it.key())](sync::SyncWatcher& w) { w.setPaused(on); });
}

void WatcherHost::setProfilePaused(const QString& profile, bool paused)
{
    if (paused)
        m_pausedProfiles.insert(profile);
    else
        m_pausedProfiles.remove(profile);
    if (sync::SyncWatcher* watcher = m_watchers.value(profile))
        queue(watcher, [on = isPaused(profile)](sync::SyncWatcher& w) { w.setPaused(on); });
}

void WatcherHost::resolveRemoteReset(const QString& profile, sync::ResetChoice choice)
{
    if (sync::SyncWatcher* watcher = m_watchers.value(profile))
        queue(watcher, [choice](sync::SyncWatcher& w) { w.resolveRemoteReset(choice); });
}

} // namespace ferry::host
