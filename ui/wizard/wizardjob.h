#pragma once

#include "core/util/workerthread.h"

#include <QPointer>
#include <utility>

namespace ferry::ui {

// A wizard page's disk, network or Git work: run in the wizard's worker, its result handed back on the
// GUI thread, so that the page (and the GUI thread) never waits for it. A result that arrives after a
// newer run was asked for (the fields changed, Test again), after cancel(), or after its owner is gone
// is dropped. Lives in its owner (a page or the wizard), on the GUI thread.
class WizardJob
{
public:
    WizardJob(QObject& owner, util::WorkerThread& worker);

    // `work()` in the worker (it must copy what it reads: it runs while the fields may change), then
    // `done(result)` on the owner's thread.
    template <typename Work, typename Done>
    void run(Work work, Done done)
    {
        const int generation = ++m_generation;
        m_running = true;
        const QPointer<QObject> owner(&m_owner);
        m_worker.post([this, owner, generation, work = std::move(work), done = std::move(done)] {
            auto result = work();
            // `this` is only touched on the owner's thread, while the owner (holding this job) lives.
            util::WorkerThread::deliver(owner, [this, generation, result = std::move(result), done] {
                if (generation != m_generation)
                    return;
                m_running = false;
                done(result);
            });
        });
    }

    void cancel(); // the result of the run in progress is dropped
    bool running() const { return m_running; }

private:
    QObject& m_owner;
    util::WorkerThread& m_worker;
    int m_generation = 0;
    bool m_running = false;
};

} // namespace ferry::ui
