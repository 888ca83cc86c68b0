#pragma once

#include "core/util/stoptoken.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <QString>
#include <thread>
#include <vector>

namespace ferry::git {

// Bounds the network calls libgit2 makes on this thread while alive. libgit2 1.5 has no timeouts: a
// half-open connection (after sleep, a Wi-Fi change) or a server that accepts and then says nothing
// blocks a fetch or push forever. Ferry gives libgit2 its own socket stream (the one under HTTP,
// HTTPS, git:// and SSH): connecting has a deadline, and a watchdog shuts the socket down when nothing
// moved for `stallSeconds` or a stop is requested, which ends any blocked read or write at once.
class TransferGuard
{
public:
    struct Limits
    {
        int connectSeconds = 30;
        int stallSeconds = 120; // a server may think for a while (hooks, packing); git itself never gives up
        // FERRY_NET_CONNECT_SECONDS and FERRY_NET_STALL_SECONDS override the defaults (tests, slow links).
        static Limits fromEnvironment();
    };

    TransferGuard(util::StopToken stop, Limits limits);
    ~TransferGuard();
    TransferGuard(const TransferGuard&) = delete;
    TransferGuard& operator=(const TransferGuard&) = delete;

    // Something moved: bytes on a socket, or one of libgit2's progress callbacks.
    void progressed();
    // Why the watchdog cut the connection ("" if it did not): the message of the failed call.
    QString cutReason() const;
    bool stopRequested() const { return m_stop.stopRequested(); }

    // The guard of the calling thread, or nullptr.
    static TransferGuard* current();
    const Limits& limits() const { return m_limits; }

    // The socket stream calls these around a connection's life.
    void attach(int socket);
    void detach(int socket);

    // Milliseconds on a monotonic clock: deadlines and stall times never follow the wall clock.
    static qint64 nowMs();

private:
    void watch();

    util::StopToken m_stop;
    Limits m_limits;
    std::atomic<qint64> m_lastProgressMs;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_ending = false;
    std::vector<int> m_sockets;
    QString m_cutReason;
    TransferGuard* m_previous;
    std::thread m_watchdog;
};

} // namespace ferry::git
