#pragma once

#include <atomic>
#include <mutex>
#include <QByteArray>
#include <QList>
#include <thread>

namespace ferry::test {

// A local TCP server that misbehaves the way networks do, on its own thread: `Silent` accepts
// connections and never says a word (a half-open connection, a hung server); `AskForPassword`
// answers every HTTP request with 401 and Basic authentication, recording what each request carried.
class TcpTrap
{
public:
    enum class Mode { Silent, AskForPassword };

    explicit TcpTrap(Mode mode);
    ~TcpTrap();
    TcpTrap(const TcpTrap&) = delete;
    TcpTrap& operator=(const TcpTrap&) = delete;

    int port() const { return m_port; }
    int connections() const { return m_connections.load(); }
    // Every byte clients sent, all connections together.
    QByteArray received() const;

private:
    void serve();
    void answer(int client, QByteArray& pending);

    Mode m_mode;
    int m_listener = -1;
    int m_port = 0;
    std::atomic<int> m_connections{0};
    std::atomic<bool> m_ending{false};
    mutable std::mutex m_mutex;
    QByteArray m_received;
    std::thread m_thread;
};

} // namespace ferry::test
