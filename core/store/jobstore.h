#pragma once

#include "core/store/jobstate.h"
#include "core/util/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace ferry::store {

// Scheduled jobs (job_runs): a lease makes a due run happen once across processes and machines.
// `now` comes from the caller's clock, so that expiry follows it too. What the Scheduler needs of a Store.
class JobStore
{
public:
    virtual ~JobStore() = default;
    JobStore(const JobStore&) = delete;
    JobStore& operator=(const JobStore&) = delete;

    // Takes the lease for the run of `job` due at `due` when JobState::leasableBy() says so, atomically
    // (FOR UPDATE SKIP LOCKED on PostgreSQL, BEGIN IMMEDIATE on SQLite). False: not taken.
    virtual Result<bool> takeJobLease(const QString& job, const QDateTime& due, const QString& holder,
                                      const QDateTime& now, int ttlSeconds) = 0;
    // Moves the expiry on while the run goes on. False: `holder` no longer holds it.
    virtual Result<bool> renewJobLease(const QString& job, const QString& holder, const QDateTime& now,
                                       int ttlSeconds) = 0;
    // Records the run for `due` as done with `status`, and clears the lease if `holder` still has it.
    virtual Status finishJob(const QString& job, const QString& holder, const QDateTime& due,
                             const QString& status, const QDateTime& now) = 0;
    // Gives the lease back without recording a run (stopped before the end): the run is due again.
    virtual Status releaseJobLease(const QString& job, const QString& holder) = 0;
    virtual Result<QList<JobState>> jobStates() = 0; // by job name

protected:
    JobStore() = default;
};

} // namespace ferry::store
