#include "tests/support/fakeapithread.h"

namespace ferry::test {

FakeApiThread::FakeApiThread(FakeApi::Handler handler)
{
    m_thread.setObjectName(QStringLiteral("FakeApi"));
    m_thread.start();
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    // The server's socket notifiers belong to the thread that creates it: create it there.
    QMetaObject::invokeMethod(
        m_context, [this, &handler] { m_api = new FakeApi(std::move(handler)); },
        Qt::BlockingQueuedConnection);
}

FakeApiThread::~FakeApiThread()
{
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            delete m_api;
            delete m_context;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

template <typename T>
T FakeApiThread::inServerThread(const std::function<T()>& read) const
{
    T value{};
    QMetaObject::invokeMethod(
        m_context, [&] { value = read(); }, Qt::BlockingQueuedConnection);
    return value;
}

QByteArray FakeApiThread::baseUrl() const
{
    return inServerThread<QByteArray>([this] { return m_api->baseUrl(); });
}

int FakeApiThread::requests() const
{
    return inServerThread<int>([this] { return m_api->requests(); });
}

int FakeApiThread::maxConcurrent() const
{
    return inServerThread<int>([this] { return m_api->maxConcurrent(); });
}

} // namespace ferry::test
