#include "core/store/columns.h"
#include "core/store/postgresconnection.h"
#include "core/store/postgresrow.h"
#include "core/store/postgresstore.h"
#include "core/store/values.h"

// PostgresStore's JobStore: job_runs (the class is in postgresstore.h).
namespace ferry::store {

Result<bool> PostgresStore::takeJobLease(const QString& job, const QDateTime& due, const QString& holder,
                                         const QDateTime& now, int ttlSeconds)
{
    bool taken = false;
    const Status s = withConnection(QStringLiteral("take the lease of %1").arg(job), [&](Connection& c) {
        pqxx::work w(c.conn);
        w.exec_params("INSERT INTO job_runs (job_name) VALUES ($1) ON CONFLICT DO NOTHING",
                      job.toStdString());
        // SKIP LOCKED: while another machine is deciding about this job, it is that machine's to run.
        const pqxx::result rows = w.exec_params(QStringLiteral("SELECT %1 FROM job_runs WHERE "
                                                               "job_name = $1 FOR UPDATE SKIP LOCKED")
                                                    .arg(Columns::Jobs)
                                                    .toStdString(),
                                                job.toStdString());
        if (rows.empty() || !Values::job(PostgresRow(rows[0])).leasableBy(holder, due, now))
            return;
        w.exec_params("UPDATE job_runs SET lease_holder = $2, lease_expires = $3::timestamp, "
                      "last_started = $4::timestamp WHERE job_name = $1",
                      job.toStdString(), holder.toStdString(),
                      toSqlTimestamp(now.addSecs(ttlSeconds)).toStdString(),
                      toSqlTimestamp(now).toStdString());
        w.commit();
        taken = true;
    });
    if (!s)
        return s.error();
    return taken;
}

Result<bool> PostgresStore::renewJobLease(const QString& job, const QString& holder, const QDateTime& now,
                                          int ttlSeconds)
{
    bool renewed = false;
    const Status s = withConnection(QStringLiteral("renew the lease of %1").arg(job), [&](Connection& c) {
        pqxx::work w(c.conn);
        renewed = w.exec_params("UPDATE job_runs SET lease_expires = $3::timestamp WHERE job_name = $1 "
                                "AND lease_holder = $2",
                                job.toStdString(), holder.toStdString(),
                                toSqlTimestamp(now.addSecs(ttlSeconds)).toStdString())
                      .affected_rows() > 0;
        w.commit();
    });
    if (!s)
        return s.error();
    return renewed;
}

Status PostgresStore::finishJob(const QString& job, const QString& holder, const QDateTime& due,
                                const QString& status, const QDateTime& now)
{
    return withConnection(QStringLiteral("record the run of %1").arg(job), [&](Connection& c) {
        pqxx::work w(c.conn);
        // A slower holder finishing an older due never moves last_due (nor its status) back.
        w.exec_params("UPDATE job_runs SET last_due = GREATEST(last_due, $3::timestamp), "
                      "last_status = CASE WHEN last_due IS NULL OR last_due <= $3::timestamp THEN $4 "
                      "ELSE last_status END, last_finished = CASE WHEN last_due IS NULL OR last_due <= "
                      "$3::timestamp THEN $5::timestamp ELSE last_finished END, "
                      "lease_expires = CASE WHEN lease_holder = $2 THEN NULL ELSE lease_expires END, "
                      "lease_holder = CASE WHEN lease_holder = $2 THEN NULL ELSE lease_holder END "
                      "WHERE job_name = $1",
                      job.toStdString(), holder.toStdString(), toSqlTimestamp(due).toStdString(),
                      status.toStdString(), toSqlTimestamp(now).toStdString());
        w.commit();
    });
}

Status PostgresStore::releaseJobLease(const QString& job, const QString& holder)
{
    return withConnection(QStringLiteral("release the lease of %1").arg(job), [&](Connection& c) {
        pqxx::work w(c.conn);
        w.exec_params("UPDATE job_runs SET lease_holder = NULL, lease_expires = NULL "
                      "WHERE job_name = $1 AND lease_holder = $2",
                      job.toStdString(), holder.toStdString());
        w.commit();
    });
}

Result<QList<JobState>> PostgresStore::jobStates()
{
    QList<JobState> jobs;
    const Status s = withConnection(QStringLiteral("read job_runs"), [&](Connection& c) {
        pqxx::read_transaction t(c.conn);
        for (const pqxx::row& row :
             t.exec(QStringLiteral("SELECT %1 FROM job_runs ORDER BY job_name COLLATE \"C\"")
                        .arg(Columns::Jobs)
                        .toStdString()))
            jobs.append(Values::job(PostgresRow(row)));
    });
    if (!s)
        return s.error();
    return jobs;
}

} // namespace ferry::store
