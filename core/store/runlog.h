#pragma once

#include "core/store/runqueue.h"
#include "core/store/runrecord.h"
#include "core/util/clock.h"
#include "core/util/result.h"

#include <QLockFile>

namespace ferry::store {

class RunStore;

// Records task runs in sync_logs and never loses one: a run that cannot be written because the
// database is unreachable goes to the RunQueue and is written, once, when the database answers again.
class RunLog
{
public:
    enum class Outcome { Written, Queued };

    RunLog(RunStore& store, const QString& queuePath, const util::Clock& clock = util::Clock::system());

    // Starts a run and tries to show it as "running"; an unreachable database does not stop the run.
    RunRecord begin(const QString& taskName, const QJsonObject& metadata = {});

    // Finishes a run: writes it (after any older queued runs), or queues it when the database is
    // unreachable. An error means even the queue could not be written (full disk): the message says so.
    Result<Outcome> finish(RunRecord& run, const QString& status, int rowsUpdated,
                           const QString& errorMessage = {}, const QJsonObject& metadata = {});

    // Writes queued runs in order; stops at the first that fails and keeps it and the rest.
    // Returns how many were written.
    Result<int> flush();
    int queued() const { return m_queue.size(); }

private:
    Status writeAfterQueued(RunRecord& run);

    RunStore& m_store;
    RunQueue m_queue;
    const util::Clock& m_clock;
    QLockFile m_lock;
};

} // namespace ferry::store
