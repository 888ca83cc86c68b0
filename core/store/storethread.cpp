#include "core/store/storethread.h"

#include "core/util/workerthread.h"

namespace ferry::store {

// The store and how to make it, touched only in the worker thread.
struct StoreThread::Holder
{
    Factory factory;
    std::unique_ptr<Store> store;
    QString openError;

    void run(const std::function<void(Store*, const QString&)>& job)
    {
        if (!store && openError.isEmpty()) {
            store = factory();
            if (const Status s = store->open(); !s) {
                openError = s.message();
                store.reset();
            }
        }
        if (!store) {
            job(nullptr, openError);
            openError.clear(); // try again on the next job: the server may be back
            return;
        }
        job(store.get(), QString());
    }
};

StoreThread::StoreThread(Factory factory, QObject* parent)
    : QObject(parent), m_worker(std::make_unique<util::WorkerThread>(QStringLiteral("ferry-store"))),
      m_holder(std::make_shared<Holder>())
{
    m_holder->factory = std::move(factory);
}

StoreThread::~StoreThread()
{
    // The store closes in its own thread, after the jobs already posted.
    m_worker->post([holder = m_holder] { holder->store.reset(); });
}

void StoreThread::post(std::function<void(Store*, const QString&)> job)
{
    m_worker->post([holder = m_holder, job = std::move(job)] { holder->run(job); });
}

void StoreThread::setFactory(Factory factory)
{
    m_worker->post([holder = m_holder, factory = std::move(factory)] {
        holder->factory = factory;
        holder->store.reset();
        holder->openError.clear();
    });
}

void StoreThread::deliver(const QPointer<QObject>& receiver, std::function<void()> fn)
{
    util::WorkerThread::deliver(receiver, std::move(fn));
}

} // namespace ferry::store
