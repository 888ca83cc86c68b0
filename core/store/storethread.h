#pragma once

#include "core/store/store.h"

#include <functional>
#include <memory>
#include <QObject>
#include <QPointer>

namespace ferry::util {
class WorkerThread;
}

namespace ferry::store {

// A worker thread that owns one Store (a Store belongs to the thread that opened it). The GUI posts
// jobs to it and gets results back as queued calls, so database work never runs on the GUI thread.
// The store is created by `factory` in the worker, on the first job, and destroyed there on stop.
class StoreThread : public QObject
{
    Q_OBJECT

public:
    using Factory = std::function<std::unique_ptr<Store>()>;
    explicit StoreThread(Factory factory, QObject* parent = nullptr);
    ~StoreThread() override; // runs the jobs already posted, then ends

    // Runs `job` in the worker with the opened store, or with nullptr and the reason if it could not
    // be opened. Jobs run one at a time, in order.
    void post(std::function<void(Store* store, const QString& openError)> job);
    // Jobs posted after this use a store from `factory` (another database after the settings changed).
    void setFactory(Factory factory);

    // The common case of a job: `read` runs on the store in the worker; its value reaches `done`, or
    // its error (or why the store did not open) reaches `failed`, both in `receiver`'s thread, and not
    // at all if the receiver is gone by then. Call from the receiver's thread.
    template <typename T>
    void query(QObject* receiver, std::function<Result<T>(Store&)> read, std::function<void(const T&)> done,
               std::function<void(const QString&)> failed = {})
    {
        const QPointer<QObject> self(receiver);
        post([self, read = std::move(read), done = std::move(done),
              failed = std::move(failed)](Store* store, const QString& openError) {
            Result<T> value = store ? read(*store) : Result<T>(makeError(ErrorKind::Unavailable, openError));
            if (value)
                deliver(self, [done, v = std::move(value.value())] { done(v); });
            else if (failed)
                deliver(self, [failed, message = value.message()] { failed(message); });
        });
    }

    // Calls `fn` in `receiver`'s thread (for a job to hand its result back); dropped if the receiver
    // is gone by then. Take the QPointer in the receiver's thread, when posting the job.
    static void deliver(const QPointer<QObject>& receiver, std::function<void()> fn);

private:
    struct Holder;
    std::unique_ptr<util::WorkerThread> m_worker; // runs every job posted before it ends
    std::shared_ptr<Holder> m_holder;             // used only by jobs, in the worker
};

} // namespace ferry::store
