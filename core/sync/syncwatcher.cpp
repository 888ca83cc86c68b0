#include "core/sync/syncwatcher.h"

#include "core/sync/folderwatcher.h"
#include "core/sync/syncengine.h"
#include "core/util/logging.h"

#include <algorithm>
#include <QRandomGenerator>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace ferry::sync {

SyncWatcher::SyncWatcher(config::Profile profile, QString dataDir, QObject* parent)
    : QObject(parent), m_profile(std::move(profile)), m_dataDir(std::move(dataDir))
{
    m_debounce->setSingleShot(true);
    m_fullScan->setSingleShot(true);
    m_poll->setSingleShot(true);
    connect(m_debounce, &QTimer::timeout, this, &SyncWatcher::onDebounced);
    connect(m_fullScan, &QTimer::timeout, this, &SyncWatcher::fullScan);
    connect(m_poll, &QTimer::timeout, this, &SyncWatcher::pollRemote);
}

SyncWatcher::~SyncWatcher() = default;

int SyncWatcher::jittered(int milliseconds) const
{
    return int(milliseconds * (0.9 + 0.2 * QRandomGenerator::global()->generateDouble()));
}

void SyncWatcher::start()
{
#ifdef __GLIBC__
    // A fixed trim threshold: glibc's default one grows with the largest block freed (up to 64 MB), and
    // malloc_trim leaves the free top of a thread's arena alone. After a first sync of 100,000 files the
    // hashing and storing threads' arenas then kept some 20 MB each of freed memory, idle for hours.
    mallopt(M_TRIM_THRESHOLD, 1 << 20);
#endif
    m_engine = std::make_unique<SyncEngine>(m_profile, m_dataDir, util::Backoff::fromEnvironment(), m_stop);
    // Invalid patterns fail every cycle with the reason; the watcher still applies the defaults.
    Result<IgnoreRules> ignore = IgnoreRules::compile(m_profile.ignore);
    m_watcher = std::make_unique<FolderWatcher>(m_profile.folders,
                                                ignore ? ignore.value() : IgnoreRules::compile({}).value());
    connect(m_watcher.get(), &FolderWatcher::changed, this, &SyncWatcher::onFolderChanged);
    m_watcher->start(); // before the first scan: nothing changed between the two goes unseen
    runCycle(QStringLiteral("start"), false);
}

void SyncWatcher::syncNow()
{
    if (m_engine && !m_paused)
        runCycle(QStringLiteral("manual"), false);
}

void SyncWatcher::setPaused(bool paused)
{
    if (paused == m_paused || !m_engine)
        return;
    m_paused = paused;
    if (paused) {
        for (QTimer* t : {m_debounce, m_fullScan, m_poll})
            t->stop();
        qCInfo(lcSync).noquote() << m_profile.name << "paused";
        return;
    }
    runCycle(QStringLiteral("resume"), false);
}

void SyncWatcher::resolveRemoteReset(ResetChoice choice)
{
    if (m_engine)
        runCycle(QStringLiteral("reset-choice"), false, choice);
}

int SyncWatcher::retryDelayMs(int pollSeconds, int failures)
{
    const qint64 base = qint64(pollSeconds) * 1000;
    const qint64 delay = base << qBound(0, failures - 1, 20);
    return int(qMin<qint64>(delay, 30 * 60 * 1000));
}

void SyncWatcher::onFolderChanged()
{
    if (m_paused)
        return; // kept in the watcher's queue for the cycle after resuming
    if (!m_firstPending.isValid())
        m_firstPending.start();
    // Quiet for debounce_ms, but never postponed beyond kMaxDelayMs by a file that keeps changing (the
    // scan leaves such a file for later on its own).
    const qint64 waited = m_firstPending.elapsed();
    const qint64 delay =
        std::clamp<qint64>(qMin<qint64>(m_profile.debounceMs, kMaxDelayMs - waited), 0, kMaxDelayMs);
    m_debounce->start(int(delay));
}

void SyncWatcher::onDebounced()
{
    if (m_paused)
        return;
    m_firstPending.invalidate();
    if (!m_watcher->hasChanges())
        return; // only the last cycle's own writes
    runCycle(QStringLiteral("changes"), true);
}

void SyncWatcher::fullScan()
{
    if (m_paused)
        return;
    runCycle(QStringLiteral("scan"), false);
}

void SyncWatcher::pollRemote()
{
    if (m_paused)
        return;
    const Result<bool> moved = m_engine->remoteMoved();
    if (!moved)
        qCInfo(lcSync).noquote() << m_profile.name << "remote poll:" << moved.message();
    if (m_lastFailed || !moved || *moved)
        runCycle(m_lastFailed ? QStringLiteral("retry") : QStringLiteral("remote"), true);
    else
        m_poll->start(jittered(m_profile.pollSeconds * 1000));
}

void SyncWatcher::runCycle(const QString& trigger, bool changesOnly, ResetChoice choice)
{
    m_debounce->stop();
    m_firstPending.invalidate();
    const FolderWatcher::Changes changes = m_watcher->takeChanges();
    SyncOptions options;
    options.changesOnly = changesOnly && !changes.lost && m_watcher->complete();
    options.changedPaths = changes.paths;
    options.watching = true;
    options.resetChoice = choice;
    options.progress = [this, name = m_profile.name](int done, int total) {
        emit progress(name, done, total);
    };
    options.watchProblem = changes.lost ? QStringLiteral("events were lost (queue overflow): full scan")
                                        : m_watcher->coverageProblem();
    qCInfo(lcSync).noquote() << m_profile.name << trigger << "cycle;" << changes.paths.size()
                             << "changed paths:" << changes.paths.mid(0, 5).join(QStringLiteral(", "));
    emit cycleStarted(m_profile.name, trigger);
    SyncResult result = m_engine->runCycle(options);
    result.trigger = trigger;
    m_lastFailed = !result.ok;
    emit cycleFinished(result);
#ifdef __GLIBC__
    // A full cycle over many files frees most of what it allocated; hand it back to the system rather
    // than keep it in the heap for the hours the watcher then sits idle.
    malloc_trim(0);
#endif

    // The cycle's own writes raised events: drop those of paths that are exactly as it left them.
    if (result.downloaded + result.deletedLocal + result.keptBoth + result.merged > 0) {
        m_watcher->drain();
        FolderWatcher::Changes own = m_watcher->takeChanges();
        own.paths.removeIf([&](const QString& p) { return m_engine->isAsSynced(p); });
        m_watcher->putBack(own);
        if (own.lost || !own.paths.isEmpty())
            onFolderChanged();
    }
    // Changes seen during the cycle are in the watcher's queue: they start the next one. After a
    // failure the poll (which retries) waits longer each time.
    m_poll->start(jittered(result.ok || result.stopped
                               ? m_profile.pollSeconds * 1000
                               : retryDelayMs(m_profile.pollSeconds, result.health.consecutiveFailures)));
    if (trigger == QStringLiteral("start") || trigger == QStringLiteral("scan") || !m_fullScan->isActive())
        scheduleFullScan();
    // The result is out (queued to the tray and the run log); a repack, if one is due, comes after it, on
    // this thread, so that no cycle runs during it.
    m_engine->maintain();
}

void SyncWatcher::scheduleFullScan()
{
    // While the watcher cannot see everything, scanning is what finds changes: as often as the poll.
    const int seconds = m_watcher->complete() ? m_profile.intervalSeconds
                                              : qMin(m_profile.intervalSeconds, m_profile.pollSeconds);
    m_fullScan->start(jittered(seconds * 1000));
    emit fullScanScheduled(m_profile.name, QDateTime::currentDateTimeUtc().addMSecs(m_fullScan->interval()));
}

} // namespace ferry::sync
