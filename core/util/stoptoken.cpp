#include "core/util/stoptoken.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <QObject>

namespace ferry::util {
namespace {

// Tells the event loops of the waiting threads: its signal is queued to each context, which Qt
// disconnects when the context is destroyed. It belongs to no thread: it only ever emits.
class StopSignal : public QObject
{
    Q_OBJECT

public:
    StopSignal() { moveToThread(nullptr); }

signals:
    void stopped();
};

} // namespace

struct StopToken::Shared
{
    std::mutex mutex;
    std::condition_variable woken;
    bool stopped = false;
    StopSignal signal;
};

StopToken::StopToken() : m_shared(std::make_shared<Shared>()) {}

void StopToken::requestStop() const
{
    {
        const std::lock_guard<std::mutex> lock(m_shared->mutex);
        if (m_shared->stopped)
            return;
        m_shared->stopped = true;
    }
    m_shared->woken.notify_all();
    emit m_shared->signal.stopped();
}

bool StopToken::stopRequested() const
{
    const std::lock_guard<std::mutex> lock(m_shared->mutex);
    return m_shared->stopped;
}

bool StopToken::sleepFor(qint64 ms) const
{
    std::unique_lock<std::mutex> lock(m_shared->mutex);
    m_shared->woken.wait_for(lock, std::chrono::milliseconds(qMax<qint64>(0, ms)),
                             [this] { return m_shared->stopped; });
    return !m_shared->stopped;
}

void StopToken::whenStopped(QObject* context, std::function<void()> onStop) const
{
    // Connected before the flag is read, so that a stop between the two is seen by one or the other (or
    // both: `once` keeps it to one call).
    auto once = std::make_shared<std::atomic<bool>>(false);
    const auto call = [once, onStop = std::move(onStop)] {
        if (!once->exchange(true))
            onStop();
    };
    QObject::connect(&m_shared->signal, &StopSignal::stopped, context, call, Qt::QueuedConnection);
    if (stopRequested())
        QMetaObject::invokeMethod(context, call, Qt::QueuedConnection);
}

} // namespace ferry::util

#include "stoptoken.moc"
