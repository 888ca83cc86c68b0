#include "store/storethread.h"

#include "util/workerthread.h"

#include <QMetaObject>
#include <QPointer>

namespace ferry::store {

class StoreThread::Worker : public QObject
{
public:
    explicit Worker(Factory factory) : m_factory(std::move(factory)) {}

    void run(const std::function<void(Store*, const QString&)>& job)
    {
        if (!m_store && m_openError.isEmpty()) {
            m_store = m_factory();
            if (const Status s = m_store->open(); !s) {
                m_openError = s.message();
                m_store.reset();
            }
        }
        if (!m_store) {
            job(nullptr, m_openError);
            m_openError.clear(); // try again on the next job: the server may be back
            return;
        }
        job(m_store.get(), QString());
    }

    void replace(Factory factory)
    {
        m_factory = std::move(factory);
        m_store.reset();
        m_openError.clear();
    }

private:
    Factory m_factory;
    std::unique_ptr<Store> m_store;
    QString m_openError;
};

StoreThread::StoreThread(Factory factory, QObject* parent)
    : QObject(parent), m_thread(std::make_unique<QThread>()), m_worker(new Worker(std::move(factory)))
{
    m_thread->setObjectName(QStringLiteral("ferry-store"));
    m_worker->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

StoreThread::~StoreThread()
{
    // Behind the jobs already posted: they all run (a sync_logs row, a settings save), then it ends.
    QThread* thread = m_thread.get();
    QMetaObject::invokeMethod(
        m_worker, [thread] { thread->quit(); }, Qt::QueuedConnection);
    m_thread->wait();
}

void StoreThread::post(std::function<void(Store*, const QString&)> job)
{
    Worker* worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, job = std::move(job)] { worker->run(job); }, Qt::QueuedConnection);
}

void StoreThread::setFactory(Factory factory)
{
    Worker* worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, factory = std::move(factory)] { worker->replace(factory); }, Qt::QueuedConnection);
}

void StoreThread::deliver(const QPointer<QObject>& receiver, std::function<void()> fn)
{
    util::WorkerThread::deliver(receiver, std::move(fn));
}

} // namespace ferry::store
