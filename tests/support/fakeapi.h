#pragma once

#include <functional>
#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTcpServer>

namespace ferry::test {

// A local HTTP/1.1 server standing in for a real API: a handler answers each request (status, headers,
// body, and an optional delay before the answer), so tests script pagination, rate-limit headers and
// faults. It counts requests and the largest number answered concurrently. Runs in the test's thread.
class FakeApi : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QByteArray method;
        QByteArray path;                       // with the query
        QHash<QByteArray, QByteArray> headers; // names in lower case
        QByteArray body;                       // as Content-Length says (a POST's JSON)
    };
    struct Reply
    {
        int status = 200;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        int delayMs = 0;
        bool hangUp = false; // close the connection without answering
        bool silent = false; // never answer (for timeouts)
    };
    using Handler = std::function<Reply(const Request&)>;

    explicit FakeApi(Handler handler, QObject* parent = nullptr);

    QByteArray baseUrl() const; // "http://127.0.0.1:PORT"
    int requests() const { return m_requests; }
    int maxConcurrent() const { return m_maxConcurrent; }

private:
    void serve(QTcpSocket* socket);

    QTcpServer m_server;
    Handler m_handler;
    int m_requests = 0;
    int m_open = 0;
    int m_maxConcurrent = 0;
};

} // namespace ferry::test
