#pragma once

#include <functional>
#include <memory>
#include <QObject>
#include <QPointer>
#include <QThread>

namespace ferry::util {

// A thread that runs posted jobs one at a time, in order: the GUI hands it disk, Git or network work
// and gets the results back with deliver(), so its own thread does no I/O.
class WorkerThread : public QObject
{
    Q_OBJECT

public:
    explicit WorkerThread(const QString& name, QObject* parent = nullptr);
    ~WorkerThread() override; // runs the jobs already posted, then ends

    void post(std::function<void()> job);

    // Calls `fn` in `receiver`'s thread; dropped if the receiver is gone by then. Take the QPointer in
    // the receiver's thread, when posting the job.
    static void deliver(const QPointer<QObject>& receiver, std::function<void()> fn);

private:
    std::unique_ptr<QThread> m_thread;
    QObject* m_context = nullptr; // lives in m_thread: the jobs run in its thread
};

} // namespace ferry::util
