#include "core/store/columns.h"
#include "core/store/sqliterow.h"
#include "core/store/sqlitestore.h"
#include "core/store/values.h"

#include <QSqlError>
#include <QSqlQuery>

// SqliteStore's JobStore: job_runs (the class is in sqlitestore.h).
namespace ferry::store {

Result<bool> SqliteStore::takeJobLease(const QString& job, const QDateTime& due, const QString& holder,
                                       const QDateTime& now, int ttlSeconds)
{
    bool taken = false;
    const QString what = QStringLiteral("cannot take the lease of %1").arg(job);
    // BEGIN IMMEDIATE holds the write lock from the read to the update: two processes cannot both see
    // the lease free.
    const Status done = inTransaction(what, [&](QSqlQuery& q) -> Status {
        q.prepare(QStringLiteral("INSERT OR IGNORE INTO job_runs (job_name) VALUES (?)"));
        q.addBindValue(job);
        if (!q.exec())
            return sqlError(what, q.lastError());
        q.prepare(QStringLiteral("SELECT %1 FROM job_runs WHERE job_name = ?").arg(Columns::Jobs));
        q.addBindValue(job);
        if (!q.exec() || !q.next())
            return sqlError(what, q.lastError());
        if (!Values::job(SqliteRow(q)).leasableBy(holder, due, now))
            return Status::success();
        q.prepare(QStringLiteral("UPDATE job_runs SET lease_holder = ?, lease_expires = "
                                 "?, last_started = ? WHERE job_name = ?"));
        for (const QString& v : {holder, toSqlTimestamp(now.addSecs(ttlSeconds)), toSqlTimestamp(now), job})
            q.addBindValue(v);
        if (!q.exec())
            return sqlError(what, q.lastError());
        taken = true;
        return Status::success();
    });
    if (!done)
        return done.error();
    return taken;
}

Result<bool> SqliteStore::renewJobLease(const QString& job, const QString& holder, const QDateTime& now,
                                        int ttlSeconds)
{
    if (Status s = ensureOpen(); !s)
        return s.error();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE job_runs SET lease_expires = ? WHERE "
                             "job_name = ? AND lease_holder = ?"));
    for (const QString& v : {toSqlTimestamp(now.addSecs(ttlSeconds)), job, holder})
        q.addBindValue(v);
    if (!q.exec())
        return sqlError(QStringLiteral("cannot renew the lease of %1").arg(job), q.lastError());
    return q.numRowsAffected() > 0;
}

Status SqliteStore::finishJob(const QString& job, const QString& holder, const QDateTime& due,
                              const QString& status, const QDateTime& now)
{
    if (Status s = ensureOpen(); !s)
        return s;
    QSqlQuery q(m_db);
    // A slower holder finishing an older due never moves last_due (nor its status) back.
    q.prepare(QStringLiteral("UPDATE job_runs SET last_due = CASE WHEN last_due "
                             "IS NULL OR last_due < ? THEN ? ELSE last_due END, "
                             "last_status = CASE WHEN last_due IS NULL OR "
                             "last_due <= ? THEN ? ELSE last_status END, "
                             "last_finished = CASE WHEN last_due IS NULL OR "
                             "last_due <= ? THEN ? ELSE last_finished END, "
                             "lease_expires = CASE WHEN lease_holder = ? THEN NULL ELSE lease_expires END, "
                             "lease_holder = CASE WHEN lease_holder = ? THEN "
                             "NULL ELSE lease_holder END WHERE job_name = ?"));
    const QString dueText = toSqlTimestamp(due);
    const QString nowText = toSqlTimestamp(now);
    for (const QString& v : {dueText, dueText, dueText, status, dueText, nowText, holder, holder, job})
        q.addBindValue(v);
    if (!q.exec())
        return sqlError(QStringLiteral("cannot record the run of %1").arg(job), q.lastError());
    return Status::success();
}

Status SqliteStore::releaseJobLease(const QString& job, const QString& holder)
{
    if (Status s = ensureOpen(); !s)
        return s;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE job_runs SET lease_holder = NULL, lease_expires = NULL WHERE job_name = "
                             "? AND lease_holder = ?"));
    q.addBindValue(job);
    q.addBindValue(holder);
    if (!q.exec())
        return sqlError(QStringLiteral("cannot release the lease of %1").arg(job), q.lastError());
    return Status::success();
}

Result<QList<JobState>> SqliteStore::jobStates()
{
    if (Status s = ensureOpen(); !s)
        return s.error();
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT %1 FROM job_runs ORDER BY job_name").arg(Columns::Jobs)))
        return sqlError(QStringLiteral("cannot read job_runs"), q.lastError());
    QList<JobState> jobs;
    while (q.next())
        jobs.append(Values::job(SqliteRow(q)));
    return jobs;
}

} // namespace ferry::store
