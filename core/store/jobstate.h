#pragma once

#include <QDateTime>
#include <QString>

namespace ferry::store {

// One row of job_runs: the last completed run of a scheduled job and who, if anyone, holds its lease.
// Times are UTC; an invalid one is NULL.
struct JobState
{
    QString jobName;
    QDateTime lastDue;      // the due instant the last completed run was for
    QDateTime lastStarted;  // when the newest lease was taken
    QDateTime lastFinished; // when the last completed run ended
    QString lastStatus;     // a RunStatus of that run
    QString leaseHolder;    // empty: nobody
    QDateTime leaseExpires;

    // The one rule both backends apply inside their transaction: the run for `due` is not done yet and
    // nobody else holds an unexpired lease (an expired lease belongs to a holder presumed dead).
    bool leasableBy(const QString& holder, const QDateTime& due, const QDateTime& now) const
    {
        const bool done = lastDue.isValid() && lastDue >= due;
        const bool heldByOther = !leaseHolder.isEmpty() && leaseHolder != holder && leaseExpires > now;
        return !done && !heldByOther;
    }
};

} // namespace ferry::store
