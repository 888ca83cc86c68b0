#include "core/git/transferguard.h"

#include "core/git/guardedstream.h"

#include <chrono>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace ferry::git {
namespace {

thread_local TransferGuard* t_current = nullptr;

int environmentSeconds(const char* name, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok && value > 0 ? value : fallback;
}

} // namespace

TransferGuard::Limits TransferGuard::Limits::fromEnvironment()
{
    Limits limits;
    limits.connectSeconds = environmentSeconds("FERRY_NET_CONNECT_SECONDS", limits.connectSeconds);
    limits.stallSeconds = environmentSeconds("FERRY_NET_STALL_SECONDS", limits.stallSeconds);
    return limits;
}

// Monotonic: a laptop waking from sleep often has its wall clock stepped by NTP, which must neither cut
// a healthy transfer (a jump forward) nor keep a dead one (a jump back).
qint64 TransferGuard::nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

TransferGuard::TransferGuard(util::StopToken stop, Limits limits)
    : m_stop(std::move(stop)), m_limits(limits), m_lastProgressMs(nowMs()), m_previous(t_current)
{
    GuardedStream::registerWithLibgit2();
    t_current = this;
    m_watchdog = std::thread([this] { watch(); });
}

TransferGuard::~TransferGuard()
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_ending = true;
    }
    m_wake.notify_all();
    m_watchdog.join();
    t_current = m_previous;
}

TransferGuard* TransferGuard::current()
{
    return t_current;
}

void TransferGuard::progressed()
{
    m_lastProgressMs.store(nowMs(), std::memory_order_relaxed);
}

QString TransferGuard::cutReason() const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_cutReason;
}

void TransferGuard::attach(int socket)
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_sockets.push_back(socket);
    m_lastProgressMs.store(nowMs(), std::memory_order_relaxed);
}

void TransferGuard::detach(int socket)
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_sockets.erase(std::remove(m_sockets.begin(), m_sockets.end(), socket), m_sockets.end());
}

// Every quarter second: a stop, or a transfer quiet for too long, shuts the sockets down. A socket is
// only ever shut down while attached (under the mutex), so a number the system reused is never hit.
void TransferGuard::watch()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    while (!m_ending) {
        m_wake.wait_for(lock, std::chrono::milliseconds(250));
        if (m_ending || !m_cutReason.isEmpty())
            continue;
        const qint64 quietMs = nowMs() - m_lastProgressMs.load(std::memory_order_relaxed);
        if (m_stop.stopRequested())
            m_cutReason = QStringLiteral("stopped (Ferry is quitting)");
        else if (!m_sockets.empty() && quietMs > qint64(m_limits.stallSeconds) * 1000)
            m_cutReason = QStringLiteral("no answer from the remote for %1 s; the connection was cut")
                              .arg(m_limits.stallSeconds);
        else
            continue;
#ifdef Q_OS_UNIX
        for (const int socket : m_sockets)
            ::shutdown(socket, SHUT_RDWR);
#endif
    }
}

} // namespace ferry::git
