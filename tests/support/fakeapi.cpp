#include "tests/support/fakeapi.h"

#include <QTcpSocket>
#include <QTimer>

namespace ferry::test {
namespace {

qsizetype contentLength(const QByteArray& head)
{
    for (const QByteArray& line : head.split('\n')) {
        if (line.toLower().startsWith("content-length:"))
            return line.mid(15).trimmed().toLongLong();
    }
    return 0;
}

} // namespace

FakeApi::FakeApi(Handler handler, QObject* parent) : QObject(parent), m_handler(std::move(handler))
{
    m_server.listen(QHostAddress::LocalHost);
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
        }
    });
}

QByteArray FakeApi::baseUrl() const
{
    return "http://127.0.0.1:" + QByteArray::number(m_server.serverPort());
}

void FakeApi::serve(QTcpSocket* socket)
{
    // The request is complete at the empty line after the headers, plus a Content-Length body if any.
    QByteArray buffered = socket->property("buffered").toByteArray() + socket->readAll();
    const qsizetype end = buffered.indexOf("\r\n\r\n");
    const qsizetype length = end < 0 ? 0 : contentLength(buffered.left(end));
    if (end < 0 || buffered.size() < end + 4 + length) {
        socket->setProperty("buffered", buffered);
        return;
    }
    socket->setProperty("buffered", QByteArray());
    const QList<QByteArray> lines = buffered.left(end).split('\n');
    Request request;
    request.body = buffered.mid(end + 4, length);
    const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
    request.method = first.value(0);
    request.path = first.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                   lines[i].mid(colon + 1).trimmed());
    }
    ++m_requests;
    m_maxConcurrent = qMax(m_maxConcurrent, ++m_open);
    const Reply reply = m_handler(request);
    const auto answer = [this, socket, reply] {
        --m_open;
        if (reply.silent)
            return;
        if (reply.hangUp) {
            socket->abort();
            return;
        }
        QByteArray out = "HTTP/1.1 " + QByteArray::number(reply.status) + " X\r\n";
        for (const auto& [name, value] : reply.headers)
            out += name + ": " + value + "\r\n";
        out += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\nConnection: close\r\n\r\n";
        out += reply.body;
        socket->write(out);
        socket->disconnectFromHost();
    };
    if (reply.delayMs > 0)
        QTimer::singleShot(reply.delayMs, socket, answer);
    else
        answer();
}

} // namespace ferry::test
