#include "tests/support/tcptrap.h"

#include <map>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace ferry::test {

TcpTrap::TcpTrap(Mode mode) : m_mode(mode)
{
    m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(m_listener, 16) != 0 ||
        ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length) != 0)
        return;
    m_port = ntohs(address.sin_port);
    m_thread = std::thread([this] { serve(); });
}

TcpTrap::~TcpTrap()
{
    m_ending = true;
    if (m_thread.joinable())
        m_thread.join();
    ::close(m_listener);
}

QByteArray TcpTrap::received() const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_received;
}

void TcpTrap::serve()
{
    std::map<int, QByteArray> clients; // socket -> bytes of a request not yet answered
    while (!m_ending) {
        std::vector<pollfd> fds{{m_listener, POLLIN, 0}};
        for (const auto& [client, pending] : clients)
            fds.push_back({client, POLLIN, 0});
        if (::poll(fds.data(), fds.size(), 100) <= 0)
            continue;
        if (fds[0].revents & POLLIN) {
            const int client = ::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC);
            if (client >= 0) {
                clients.emplace(client, QByteArray());
                ++m_connections;
            }
        }
        for (size_t i = 1; i < fds.size(); ++i) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char buffer[4096];
            const ssize_t n = ::recv(fds[i].fd, buffer, sizeof buffer, 0);
            if (n <= 0) {
                ::close(fds[i].fd);
                clients.erase(fds[i].fd);
                continue;
            }
            {
                const std::lock_guard<std::mutex> lock(m_mutex);
                m_received.append(buffer, n);
            }
            QByteArray& pending = clients[fds[i].fd];
            pending.append(buffer, n);
            if (m_mode == Mode::AskForPassword)
                answer(fds[i].fd, pending);
        }
    }
    for (const auto& [client, pending] : clients)
        ::close(client);
}

// One 401 per complete request head (requests without a body: git's first GET of info/refs).
void TcpTrap::answer(int client, QByteArray& pending)
{
    for (qsizetype end = pending.indexOf("\r\n\r\n"); end >= 0; end = pending.indexOf("\r\n\r\n")) {
        pending.remove(0, end + 4);
        static const char reply[] = "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"git\"\r\n"
                                    "Content-Length: 0\r\n\r\n";
        [[maybe_unused]] const ssize_t sent = ::send(client, reply, sizeof reply - 1, MSG_NOSIGNAL);
    }
}

} // namespace ferry::test
