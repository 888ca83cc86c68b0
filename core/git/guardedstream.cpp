#include "core/git/guardedstream.h"

#include "core/git/transferguard.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <git2.h>
#include <git2/sys/stream.h>
#include <QByteArray>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace ferry::git {

#ifdef Q_OS_UNIX
namespace {

// The first four members follow libgit2's own socket stream (git_socket_stream in streams/socket.h):
// its SSH transport hands `socket` to libssh2 through that layout.
struct Stream
{
    git_stream parent;
    char* host;
    char* port;
    int socket;
    TransferGuard* guard; // of the thread that opened it; nullptr when unguarded
};

Stream* self(git_stream* s)
{
    return reinterpret_cast<Stream*>(s);
}

int fail(const QString& message)
{
    git_error_set_str(GIT_ERROR_NET, message.toUtf8().constData());
    return -1;
}

// A dead peer (a laptop that slept, a network that changed) is noticed by TCP itself within a minute
// even where no guard watches.
void keepAlive(int socket)
{
    const int on = 1, idle = 30, interval = 10, count = 3;
    setsockopt(socket, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
#ifdef TCP_KEEPIDLE
    setsockopt(socket, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
    setsockopt(socket, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
    setsockopt(socket, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count);
#endif
}

// Connects without blocking past the deadline, looking at a stop every 100 ms; the socket ends up
// blocking again (libssh2 and the TLS stream expect that).
bool connectWithin(int socket, const addrinfo* address, qint64 deadlineMs, const TransferGuard* guard)
{
    const int flags = fcntl(socket, F_GETFL, 0);
    fcntl(socket, F_SETFL, flags | O_NONBLOCK);
    if (::connect(socket, address->ai_addr, address->ai_addrlen) != 0 && errno != EINPROGRESS)
        return false;
    for (;;) {
        if (guard && guard->stopRequested())
            return false;
        const qint64 left = deadlineMs - TransferGuard::nowMs();
        if (left <= 0) {
            errno = ETIMEDOUT;
            return false;
        }
        pollfd p{socket, POLLOUT, 0};
        const int ready = ::poll(&p, 1, int(qMin<qint64>(left, 100)));
        if (ready < 0 && errno != EINTR)
            return false;
        if (ready > 0)
            break;
    }
    int error = 0;
    socklen_t length = sizeof error;
    if (getsockopt(socket, SOL_SOCKET, SO_ERROR, &error, &length) != 0 || error != 0) {
        errno = error;
        return false;
    }
    fcntl(socket, F_SETFL, flags);
    return true;
}

int streamConnect(git_stream* s)
{
    Stream* st = self(s);
    const int seconds = st->guard ? st->guard->limits().connectSeconds
                                  : TransferGuard::Limits::fromEnvironment().connectSeconds;
    const qint64 deadline = TransferGuard::nowMs() + qint64(seconds) * 1000;
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_family = AF_UNSPEC;
    addrinfo* info = nullptr;
    if (const int rc = getaddrinfo(st->host, st->port, &hints, &info); rc != 0)
        return fail(QStringLiteral("cannot resolve %1: %2")
                        .arg(QString::fromUtf8(st->host), QString::fromUtf8(gai_strerror(rc))));
    int lastErrno = 0;
    for (const addrinfo* a = info; a; a = a->ai_next) {
        const int socket = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (socket < 0)
            continue;
        if (connectWithin(socket, a, deadline, st->guard)) {
            st->socket = socket;
            break;
        }
        lastErrno = errno;
        ::close(socket);
    }
    freeaddrinfo(info);
    if (st->socket < 0) {
        if (st->guard && st->guard->stopRequested())
            return fail(QStringLiteral("stopped (Ferry is quitting)"));
        return fail(QStringLiteral("cannot connect to %1:%2 within %3 s: %4")
                        .arg(QString::fromUtf8(st->host), QString::fromUtf8(st->port))
                        .arg(seconds)
                        .arg(QString::fromLocal8Bit(std::strerror(lastErrno ? lastErrno : ETIMEDOUT))));
    }
    keepAlive(st->socket);
    if (st->guard)
        st->guard->attach(st->socket);
    return 0;
}

// After a cut, libgit2's message says why rather than "connection reset".
ssize_t failedTransfer(Stream* st, const char* doing)
{
    const QString cut = st->guard ? st->guard->cutReason() : QString();
    fail(cut.isEmpty() ? QStringLiteral("%1: %2").arg(QString::fromLatin1(doing),
                                                      QString::fromLocal8Bit(std::strerror(errno)))
                       : cut);
    return -1;
}

ssize_t streamRead(git_stream* s, void* data, size_t length)
{
    Stream* st = self(s);
    const ssize_t n = ::recv(st->socket, data, length, 0);
    if (n < 0 || (n == 0 && st->guard && !st->guard->cutReason().isEmpty()))
        return failedTransfer(st, "error receiving data");
    if (st->guard && n > 0)
        st->guard->progressed();
    return n;
}

ssize_t streamWrite(git_stream* s, const char* data, size_t length, int flags)
{
    Stream* st = self(s);
    const ssize_t n = ::send(st->socket, data, length, flags | MSG_NOSIGNAL);
    if (n < 0)
        return failedTransfer(st, "error sending data");
    if (st->guard && n > 0)
        st->guard->progressed();
    return n;
}

int streamClose(git_stream* s)
{
    Stream* st = self(s);
    if (st->socket < 0)
        return 0;
    if (st->guard)
        st->guard->detach(st->socket);
    const int rc = ::close(st->socket);
    st->socket = -1;
    return rc;
}

void streamFree(git_stream* s)
{
    Stream* st = self(s);
    std::free(st->host);
    std::free(st->port);
    delete st;
}

int streamNew(git_stream** out, const char* host, const char* port)
{
    auto* st = new Stream{};
    st->parent.version = GIT_STREAM_VERSION;
    st->parent.connect = streamConnect;
    st->parent.read = streamRead;
    st->parent.write = streamWrite;
    st->parent.close = streamClose;
    st->parent.free = streamFree;
    st->host = strdup(host);
    st->port = strdup(port);
    st->socket = -1;
    st->guard = TransferGuard::current();
    *out = &st->parent;
    return 0;
}

} // namespace

void GuardedStream::registerWithLibgit2()
{
    git_stream_registration registration{};
    registration.version = GIT_STREAM_VERSION;
    registration.init = streamNew;
    git_stream_register(GIT_STREAM_STANDARD, &registration);
}

#else

void GuardedStream::registerWithLibgit2() {}

#endif

} // namespace ferry::git
