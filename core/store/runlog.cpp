#include "core/store/runlog.h"

#include "core/store/runstore.h"
#include "core/util/logging.h"

#include <QUuid>

namespace ferry::store {
namespace {

// Held while the queue is read, written to the database and rewritten.
class QueueLock
{
public:
    explicit QueueLock(QLockFile& lock) : m_lock(lock), m_locked(lock.tryLock(30000)) {}
    ~QueueLock()
    {
        if (m_locked)
            m_lock.unlock();
    }
    QueueLock(const QueueLock&) = delete;
    QueueLock& operator=(const QueueLock&) = delete;
    bool locked() const { return m_locked; }

private:
    QLockFile& m_lock;
    bool m_locked;
};

} // namespace

RunLog::RunLog(RunStore& store, const QString& queuePath, const util::Clock& clock)
    : m_store(store), m_queue(queuePath), m_clock(clock), m_lock(queuePath + QStringLiteral(".lock"))
{
    m_lock.setStaleLockTime(60000);
}

RunRecord RunLog::begin(const QString& taskName, const QJsonObject& metadata)
{
    RunRecord run;
    run.runId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    run.taskName = taskName;
    run.status = RunStatus::Running;
    run.startedAt = m_clock.nowUtc();
    run.metadata = metadata;
    if (Status s = m_store.upsertRun(run); !s)
        qCInfo(lcStore).noquote() << "run of" << taskName << "not shown as running:" << s.message();
    return run;
}

Result<RunLog::Outcome> RunLog::finish(RunRecord& run, const QString& status, int rowsUpdated,
                                       const QString& errorMessage, const QJsonObject& metadata)
{
    run.status = status;
    run.rowsUpdated = rowsUpdated;
    run.errorMessage = errorMessage;
    run.completedAt = m_clock.nowUtc();
    run.durationSeconds = double(run.startedAt.msecsTo(run.completedAt)) / 1000.0;
    for (auto it = metadata.begin(); it != metadata.end(); ++it)
        run.metadata.insert(it.key(), it.value());

    const Status written = writeAfterQueued(run);
    if (written)
        return Outcome::Written;

    QueueLock lock(m_lock);
    if (Status queued = m_queue.append(run); !queued)
        return makeError(ErrorKind::Io, QStringLiteral("run of %1 could not be recorded: %2; %3")
                                            .arg(run.taskName, written.message(), queued.message()));
    qCInfo(lcStore).noquote() << "run of" << run.taskName << "queued:" << written.message();
    return Outcome::Queued;
}

Result<int> RunLog::flush()
{
    QueueLock lock(m_lock);
    if (!lock.locked())
        return makeError(
            ErrorKind::Conflict,
            QStringLiteral("the run queue %1 is locked by another Ferry process").arg(m_queue.path()));
    Result<QList<RunRecord>> pending = m_queue.load();
    if (!pending)
        return pending.error();
    QList<RunRecord>& runs = pending.value();
    int written = 0;
    Status failure;
    for (; written < runs.size(); ++written) {
        failure = m_store.upsertRun(runs[written]);
        if (!failure)
            break;
    }
    // Rewrite even after a failure, so the runs written above leave the queue. A crash before the
    // rewrite only means they are upserted again next time: same run_id, same row.
    if (written > 0) {
        if (Status s = m_queue.rewrite(runs.mid(written)); !s)
            return s.error();
    }
    if (!failure)
        return failure.error();
    return written;
}

Status RunLog::writeAfterQueued(RunRecord& run)
{
    // Older queued runs go first so that ids follow the order in which runs happened.
    // A database that is down waits for the queue; a queue that cannot be read or locked must not
    // keep this run from a database that answers.
    const Result<int> flushed = flush();
    if (!flushed && flushed.error().kind == ErrorKind::Unavailable)
        return flushed.error();
    return m_store.upsertRun(run);
}

} // namespace ferry::store
