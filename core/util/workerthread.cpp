#include "core/util/workerthread.h"

#include <QMetaObject>

namespace ferry::util {

WorkerThread::WorkerThread(const QString& name, QObject* parent)
    : QObject(parent), m_thread(std::make_unique<QThread>()), m_context(new QObject)
{
    m_thread->setObjectName(name);
    m_context->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_context, &QObject::deleteLater);
    m_thread->start();
}

WorkerThread::~WorkerThread()
{
    // Behind the jobs already posted: they all run (a sync_logs row, a settings save), then it ends.
    QThread* thread = m_thread.get();
    QMetaObject::invokeMethod(
        m_context, [thread] { thread->quit(); }, Qt::QueuedConnection);
    m_thread->wait();
}

void WorkerThread::post(std::function<void()> job)
{
    QMetaObject::invokeMethod(m_context, std::move(job), Qt::QueuedConnection);
}

void WorkerThread::deliver(const QPointer<QObject>& receiver, std::function<void()> fn)
{
    QObject* target = receiver.data();
    if (!target)
        return;
    QPointer<QObject> guard = receiver;
    QMetaObject::invokeMethod(
        target,
        [guard, fn = std::move(fn)] {
            if (guard)
                fn();
        },
        Qt::QueuedConnection);
}

} // namespace ferry::util
