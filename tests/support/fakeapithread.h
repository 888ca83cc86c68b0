#pragma once

#include "tests/support/fakeapi.h"

#include <QThread>

namespace ferry::test {

// A FakeApi in a thread of its own, for a client that keeps its own thread busy (a benchmark timing a
// task, a JSON parse, a store write): the server's delays and answers do not wait for the client's event
// loop, and the client's work does not wait for the server's. The handler runs in the server's thread.
class FakeApiThread
{
public:
    explicit FakeApiThread(FakeApi::Handler handler);
    ~FakeApiThread();
    FakeApiThread(const FakeApiThread&) = delete;
    FakeApiThread& operator=(const FakeApiThread&) = delete;

    QByteArray baseUrl() const;
    int requests() const;
    int maxConcurrent() const;

private:
    template <typename T>
    T inServerThread(const std::function<T()>& read) const;

    QThread m_thread;
    QObject* m_context = nullptr; // lives in m_thread: what cross-thread calls run on
    FakeApi* m_api = nullptr;
};

} // namespace ferry::test
