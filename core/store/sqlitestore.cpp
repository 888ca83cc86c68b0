#include "store/sqlitestore.h"

#include "store/migrations.h"
#include "store/runsql.h"
#include "store/sqlitecatalog.h"
#include "util/logging.h"

#include <cmath>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace ferry::store {
namespace {

Error sqlError(const QString& what, const QSqlError& e)
{
    return makeError(ErrorKind::Io, QStringLiteral("SQLite: %1: %2").arg(what, e.text()));
}

// A missing number (NaN) is stored as NULL.
QVariant nullIfNan(double v)
{
    return std::isnan(v) ? QVariant() : QVariant(v);
}

RunRecord recordFrom(const QSqlQuery& q)
{
    RunRecord r;
    r.id = q.value(0).toLongLong();
    r.taskName = q.value(1).toString();
    r.status = q.value(2).toString();
    r.rowsUpdated = q.value(3).toInt();
    r.errorMessage = q.value(4).toString();
    r.startedAt = fromSqlTimestamp(q.value(5).toString());
    r.completedAt = fromSqlTimestamp(q.value(6).toString());
    if (!q.value(7).isNull())
        r.durationSeconds = q.value(7).toDouble();
    r.metadata = QJsonDocument::fromJson(q.value(8).toString().toUtf8()).object();
    r.runId = r.metadata.value(QStringLiteral("run_id")).toString();
    return r;
}

QVariant nullable(const QString& s)
{
    return s.isNull() ? QVariant() : QVariant(s);
}

} // namespace

SqliteStore::SqliteStore(QString path)
    : m_path(std::move(path)),
      m_connectionName(QStringLiteral("ferry-sqlite-") + QUuid::createUuid().toString())
{
}

SqliteStore::~SqliteStore()
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

Status SqliteStore::open()
{
    return ensureOpen();
}

Status SqliteStore::ensureOpen()
{
    if (!m_db.isValid()) {
        if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
            return makeError(ErrorKind::Io, QStringLiteral("cannot create the folder of %1").arg(m_path));
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        m_db.setDatabaseName(m_path);
        // The GUI, the daemon and a command line may share the file: wait for each other's locks.
        m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    }
    if (!m_db.isOpen()) {
        if (!m_db.open())
            return sqlError(QStringLiteral("cannot open %1").arg(m_path), m_db.lastError());
        QSqlQuery pragma(m_db);
        pragma.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        pragma.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    }
    return m_migrated ? Status::success() : migrate();
}

Status SqliteStore::migrate()
{
    // One transaction for every pending step, BEGIN IMMEDIATE so that two processes cannot apply the
    // same step: a table that Ferry cannot use refuses the lot and leaves the file as it was.
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return sqlError(QStringLiteral("cannot start the migrations"), q.lastError());
    Status s = applyMigrations();
    if (!s) {
        QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
        return s;
    }
    if (!q.exec(QStringLiteral("COMMIT")))
        return sqlError(QStringLiteral("cannot commit the migrations"), q.lastError());
    m_migrated = true;
    return Status::success();
}

Status SqliteStore::applyMigrations()
{
    QSqlQuery q(m_db);
    if (!q.exec(
            QStringLiteral("CREATE TABLE IF NOT EXISTS ferry_schema_migrations (version INTEGER PRIMARY KEY, "
                           "description TEXT, applied_at TEXT DEFAULT CURRENT_TIMESTAMP)")))
        return sqlError(QStringLiteral("cannot create the migrations table"), q.lastError());
    std::optional<Error> catalogError;
    const auto catalog = [&](const QString& table) -> std::optional<TableShape> {
        Result<std::optional<TableShape>> shape = SqliteCatalog::table(m_db, table);
        if (!shape) {
            catalogError = shape.error();
            return std::nullopt;
        }
        return *shape;
    };
    QList<std::pair<const Migration*, SchemaAdoption::Plan>> steps;
    QStringList problems;
    for (const Migration& m : Migrations::all()) {
        q.prepare(QStringLiteral("SELECT 1 FROM ferry_schema_migrations WHERE version = ?"));
        q.addBindValue(m.version);
        if (!q.exec())
            return sqlError(QStringLiteral("cannot read the applied migrations"), q.lastError());
        if (q.next())
            continue;
        steps.append({&m, SchemaAdoption::plan(m.sqlite, SchemaAdoption::Dialect::Sqlite, catalog)});
        problems << steps.constLast().second.problems;
    }
    if (catalogError)
        return *catalogError;
    if (!problems.isEmpty())
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("SQLite %1: %2").arg(m_path, SchemaAdoption::refusal(problems)));
    for (const auto& [m, plan] : steps) {
        for (const QString& sql : plan.statements) {
            if (!q.exec(sql))
                return sqlError(
                    QStringLiteral("migration %1 (%2) failed").arg(m->version).arg(m->description),
                    q.lastError());
        }
        q.prepare(QStringLiteral("INSERT INTO ferry_schema_migrations (version, description) VALUES (?, ?)"));
        q.addBindValue(m->version);
        q.addBindValue(m->description);
        if (!q.exec())
            return sqlError(QStringLiteral("cannot record migration %1").arg(m->version), q.lastError());
        for (const QString& table : plan.adopted)
            qCInfo(lcStore) << "SQLite" << m_path << "adopted the existing table" << table;
        qCInfo(lcStore) << "SQLite" << m_path << "migrated to version" << m->version;
    }
    return Status::success();
}

Result<int> SqliteStore::schemaVersion()
{
    if (Status s = ensureOpen(); !s)
        return s.error();
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM ferry_schema_migrations")) || !q.next())
        return sqlError(QStringLiteral("cannot read the schema version"), q.lastError());
    return q.value(0).toInt();
}

Status SqliteStore::upsertRun(RunRecord& run)
{
    if (Status s = ensureOpen(); !s)
        return s;
    QJsonObject metadata = run.metadata;
    metadata.insert(QStringLiteral("run_id"), run.runId);
    const QString metadataText = QString::fromUtf8(QJsonDocument(metadata).toJson(QJsonDocument::Compact));
    QSqlQuery q(m_db);
    if (run.status == RunStatus::Running) {
        // Apart from sync_logs until it finishes; never over a run that already finished.
        q.prepare(QStringLiteral(
            "INSERT INTO ferry_running_runs (run_id, task_name, started_at, metadata) SELECT ?, ?, ?, ? "
            "WHERE NOT EXISTS (SELECT 1 FROM sync_logs WHERE json_extract(metadata, '$.run_id') = ?) "
            "ON CONFLICT (run_id) DO UPDATE SET task_name = excluded.task_name, "
            "started_at = excluded.started_at, metadata = excluded.metadata"));
        for (const QVariant& v :
             {QVariant(run.runId), QVariant(run.taskName), QVariant(toSqlTimestamp(run.startedAt)),
              QVariant(metadataText), QVariant(run.runId)})
            q.addBindValue(v);
        if (!q.exec())
            return sqlError(QStringLiteral("cannot record run of %1").arg(run.taskName), q.lastError());
        run.id = 0;
        return Status::success();
    }
    // The id is given rather than left to SQLite: a sync_logs made by the pipeline's DDL ("id SERIAL
    // PRIMARY KEY") is not a rowid table here and would number nothing.
    q.prepare(QStringLiteral(
        "INSERT INTO sync_logs (id, task_name, status, rows_updated, error_message, started_at, "
        "completed_at, "
        "duration_seconds, metadata) VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM sync_logs), "
        "?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (json_extract(metadata, '$.run_id')) DO UPDATE SET status = excluded.status, "
        "rows_updated = excluded.rows_updated, error_message = excluded.error_message, "
        "completed_at = excluded.completed_at, duration_seconds = excluded.duration_seconds, "
        "metadata = excluded.metadata WHERE sync_logs.status = 'running' OR excluded.status <> 'running'"));
    q.addBindValue(run.taskName);
    q.addBindValue(run.status);
    q.addBindValue(run.rowsUpdated);
    q.addBindValue(nullable(run.errorMessage));
    q.addBindValue(toSqlTimestamp(run.startedAt));
    q.addBindValue(run.completedAt.isValid() ? QVariant(toSqlTimestamp(run.completedAt)) : QVariant());
    q.addBindValue(run.durationSeconds ? QVariant(*run.durationSeconds) : QVariant());
    q.addBindValue(metadataText);
    if (!q.exec())
        return sqlError(QStringLiteral("cannot record run of %1").arg(run.taskName), q.lastError());
    // A running row left behind is hidden by RunSql::allRuns(), so a failure here loses nothing.
    q.prepare(QStringLiteral("DELETE FROM ferry_running_runs WHERE run_id = ?"));
    q.addBindValue(run.runId);
    q.exec();
    q.prepare(QStringLiteral("SELECT id FROM sync_logs WHERE json_extract(metadata, '$.run_id') = ?"));
    q.addBindValue(run.runId);
    if (!q.exec() || !q.next())
        return sqlError(QStringLiteral("cannot read back run %1").arg(run.runId), q.lastError());
    run.id = q.value(0).toLongLong();
    return Status::success();
}

Result<QList<RunRecord>> SqliteStore::select(const QString& sql, const QVariantList& values)
{
    if (Status s = ensureOpen(); !s)
        return s.error();
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant& v : values)
        q.addBindValue(v);
    if (!q.exec())
        return sqlError(QStringLiteral("cannot read sync_logs"), q.lastError());
    QList<RunRecord> out;
    while (q.next())
        out.append(recordFrom(q));
    return out;
}

Result<QString> SqliteStore::scalar(const QString& sql)
{
    if (Status s = ensureOpen(); !s)
        return s.error();
    QSqlQuery q(m_db);
    if (!q.exec(sql) || !q.next())
        return sqlError(QStringLiteral("query failed"), q.lastError());
    return q.value(0).toString();
}

Result<QList<RunRecord>> SqliteStore::runs(const RunFilter& filter)
{
    const RunSql::Query query = RunSql::runs(filter, RunSql::Placeholders::Question);
    QVariantList values;
    for (const QString& v : query.values)
        values << v;
    return select(query.sql, values);
}

Result<QList<RunRecord>> SqliteStore::latestPerTask()
{
    return select(RunSql::latestPerTask(RunSql::Placeholders::Question), {});
}

// Runs `body` between BEGIN IMMEDIATE and COMMIT; any failure rolls the whole batch back.
Status SqliteStore::inTransaction(const QString& what, const std::function<Status(QSqlQuery&)>& body)
{
    if (Status s = ensureOpen(); !s)
        return s;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return sqlError(what, q.lastError());
    Status done = body(q);
    if (done && !q.exec(QStringLiteral("COMMIT")))
        done = sqlError(what, q.lastError());
    if (!done)
        QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
    return done;
}

Result<TickerChanges> SqliteStore::replaceTickers(const QStringList& symbols, const QDateTime& now)
{
    TickerChanges changes;
    const QString what = QStringLiteral("cannot update tickers");
    const Status done = inTransaction(what, [&](QSqlQuery& q) -> Status {
        QHash<QString, bool> current;
        if (!q.exec(QStringLiteral("SELECT symbol, active FROM tickers")))
            return sqlError(QStringLiteral("cannot read tickers"), q.lastError());
        while (q.next())
            current.insert(q.value(0).toString(), q.value(1).toInt() != 0);
        changes = TickerChanges::plan(current, symbols);
        const QString at = toSqlTimestamp(now);
        const auto each = [&](const QString& sql, const QStringList& list, bool withFirstSeen) {
            q.prepare(sql);
            for (const QString& symbol : list) {
                q.addBindValue(at);
                if (withFirstSeen)
                    q.addBindValue(at);
                q.addBindValue(symbol);
                if (!q.exec())
                    return false;
            }
            return true;
        };
        if (!each(QStringLiteral(
                      "INSERT INTO tickers (first_seen_at, updated_at, symbol, active) VALUES (?, ?, ?, 1)"),
                  changes.added, true) ||
            !each(QStringLiteral("UPDATE tickers SET active = 1, updated_at = ? WHERE symbol = ?"),
                  changes.reactivated, false) ||
            !each(QStringLiteral("UPDATE tickers SET active = 0, updated_at = ? WHERE symbol = ?"),
                  changes.deactivated, false))
            return sqlError(what, q.lastError());
        return Status::success();
    });
    if (!done)
        return done.error();
    return changes;
}

Result<QStringList> SqliteStore::activeTickers()
{
    if (Status s = ensureOpen(); !s)
        return s.error();
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT symbol FROM tickers WHERE active = 1 ORDER BY symbol")))
        return sqlError(QStringLiteral("cannot read tickers"), q.lastError());
    QStringList symbols;
    while (q.next())
        symbols.append(q.value(0).toString());
    return symbols;
}

Result<int> SqliteStore::upsertPrices(const QList<PriceRow>& rows, const QDateTime& fetchedAt)
{
    const QString at = toSqlTimestamp(fetchedAt);
    QSet<QPair<QString, QDate>> keys; // a key twice is one row (the last wins), as on PostgreSQL
    const Status done = inTransaction(QStringLiteral("cannot store prices"), [&](QSqlQuery& q) -> Status {
        q.prepare(QStringLiteral(
            "INSERT INTO stock_prices (ticker, date, open, high, low, close, volume, fetched_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ticker, date) DO UPDATE SET open = excluded.open, "
            "high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume, "
            "fetched_at = excluded.fetched_at"));
        for (const PriceRow& r : rows) {
            keys.insert(qMakePair(r.ticker, r.date));
            for (const QVariant& v :
                 {QVariant(r.ticker), QVariant(r.date.toString(Qt::ISODate)), nullIfNan(r.open),
                  nullIfNan(r.high), nullIfNan(r.low), nullIfNan(r.close), QVariant(r.volume), QVariant(at)})
                q.addBindValue(v);
            if (!q.exec())
                return sqlError(QStringLiteral("cannot store prices of %1").arg(r.ticker), q.lastError());
        }
        return Status::success();
    });
    if (!done)
        return done.error();
    return int(keys.size());
}

Result<int> SqliteStore::upsertValuations(const QList<ValuationRow>& rows, const QDateTime& fetchedAt)
{
    const QString at = toSqlTimestamp(fetchedAt);
    const Status done = inTransaction(QStringLiteral("cannot store valuations"), [&](QSqlQuery& q) -> Status {
        q.prepare(QStringLiteral(
            "INSERT INTO dcf_valuations (ticker, date, dcf, stock_price, fetched_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (ticker) DO UPDATE SET date = excluded.date, dcf = excluded.dcf, "
            "stock_price = excluded.stock_price, fetched_at = excluded.fetched_at"));
        for (const ValuationRow& r : rows) {
            for (const QVariant& v :
                 {QVariant(r.ticker), r.date.isValid() ? QVariant(r.date.toString(Qt::ISODate)) : QVariant(),
                  nullIfNan(r.dcf), nullIfNan(r.stockPrice), QVariant(at)})
                q.addBindValue(v);
            if (!q.exec())
                return sqlError(QStringLiteral("cannot store the valuation of %1").arg(r.ticker),
                                q.lastError());
        }
        return Status::success();
    });
    if (!done)
        return done.error();
    return int(rows.size());
}

namespace {

QVariant timeOrNull(const QDateTime& t)
{
    return t.isValid() ? QVariant(toSqlTimestamp(t)) : QVariant();
}

QVariant textOrNull(const QString& s)
{
    return s.isNull() ? QVariant() : QVariant(s);
}

} // namespace

Result<QList<TrackedRepository>> SqliteStore::trackRepositories(const QStringList& fullNames)
{
    const Status done =
        inTransaction(QStringLiteral("cannot update tracked repositories"), [&](QSqlQuery& q) -> Status {
            for (const QString& name : fullNames) {
                q.prepare(QStringLiteral("INSERT INTO tracked_repositories (full_name, active) VALUES (?, 1) "
                                         "ON CONFLICT (full_name) DO UPDATE SET active = 1"));
                q.addBindValue(name);
                if (!q.exec())
                    return sqlError(QStringLiteral("cannot track %1").arg(name), q.lastError());
            }
            const QStringList placeholders(fullNames.size(), QStringLiteral("?"));
            q.prepare(QStringLiteral("UPDATE tracked_repositories SET active = 0 WHERE full_name NOT IN (%1)")
                          .arg(placeholders.isEmpty() ? QStringLiteral("''") : placeholders.join(u',')));
            for (const QString& name : fullNames)
                q.addBindValue(name);
            if (!q.exec())
                return sqlError(QStringLiteral("cannot deactivate repositories"), q.lastError());
            return Status::success();
        });
    if (!done)
        return done.error();
    return trackedRepositories();
}

Result<QList<TrackedRepository>> SqliteStore::trackedRepositories()
{
    if (Status s = ensureOpen(); !s)
        return s.error();
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT full_name, active, sync_status, last_sync_at, cursor, etag, "
                               "last_sync_error FROM tracked_repositories ORDER BY full_name")))
        return sqlError(QStringLiteral("cannot read tracked repositories"), q.lastError());
    QList<TrackedRepository> out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toInt() != 0, q.value(2).toString(),
                    fromSqlTimestamp(q.value(3).toString()), q.value(4).toString(), q.value(5).toString(),
                    q.value(6).toString()});
    return out;
}

Status SqliteStore::saveRepository(const TrackedRepository& r)
{
    return inTransaction(
        QStringLiteral("cannot save the state of %1").arg(r.fullName), [&](QSqlQuery& q) -> Status {
            q.prepare(QStringLiteral("UPDATE tracked_repositories SET sync_status = ?, last_sync_at = ?, "
                                     "cursor = ?, etag = ?, last_sync_error = ? WHERE full_name = ?"));
            for (const QVariant& v : {QVariant(r.status), timeOrNull(r.lastSyncAt), textOrNull(r.cursor),
                                      textOrNull(r.etag), textOrNull(r.lastError), QVariant(r.fullName)})
                q.addBindValue(v);
            if (!q.exec())
                return sqlError(QStringLiteral("cannot save %1").arg(r.fullName), q.lastError());
            return Status::success();
        });
}

Result<int> SqliteStore::upsertPullRequests(const QList<PullRequestRow>& pullRequests,
                                            const QList<ReviewRow>& reviews)
{
    const Status done =
        inTransaction(QStringLiteral("cannot store pull requests"), [&](QSqlQuery& q) -> Status {
            q.prepare(QStringLiteral(
                "INSERT INTO pull_requests (repository, number, github_id, title, state, draft, author, "
                "created_at, updated_at, closed_at, merged_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?) "
                "ON CONFLICT (repository, number) DO UPDATE SET github_id = excluded.github_id, "
                "title = excluded.title, state = excluded.state, draft = excluded.draft, author = "
                "excluded.author, "
                "created_at = excluded.created_at, updated_at = excluded.updated_at, "
                "closed_at = excluded.closed_at, merged_at = excluded.merged_at, data = excluded.data"));
            for (const PullRequestRow& r : pullRequests) {
                for (const QVariant& v :
                     {QVariant(r.repository), QVariant(r.number), QVariant(r.githubId), QVariant(r.title),
                      QVariant(r.state), QVariant(r.draft ? 1 : 0), textOrNull(r.author),
                      timeOrNull(r.createdAt), timeOrNull(r.updatedAt), timeOrNull(r.closedAt),
                      timeOrNull(r.mergedAt), QVariant(QString::fromUtf8(r.data))})
                    q.addBindValue(v);
                if (!q.exec())
                    return sqlError(QStringLiteral("cannot store %1#%2").arg(r.repository).arg(r.number),
                                    q.lastError());
            }
            q.prepare(QStringLiteral(
                "INSERT INTO pr_reviews (github_id, repository, pr_number, author, state, submitted_at, "
                "body) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (github_id) DO UPDATE SET repository = "
                "excluded.repository, pr_number = excluded.pr_number, author = excluded.author, "
                "state = excluded.state, submitted_at = excluded.submitted_at, body = excluded.body"));
            for (const ReviewRow& r : reviews) {
                for (const QVariant& v :
                     {QVariant(r.githubId), QVariant(r.repository), QVariant(r.prNumber),
                      textOrNull(r.author), QVariant(r.state), timeOrNull(r.submittedAt), textOrNull(r.body)})
                    q.addBindValue(v);
                if (!q.exec())
                    return sqlError(QStringLiteral("cannot store review %1").arg(r.githubId), q.lastError());
            }
            return Status::success();
        });
    if (!done)
        return done.error();
    return int(pullRequests.size() + reviews.size());
}

} // namespace ferry::store

// Scheduled jobs (job_runs).
namespace ferry::store {
namespace {

const QString kJobColumns = QStringLiteral(
    "job_name, last_due, last_started, last_finished, last_status, lease_holder, lease_expires");

JobState jobFrom(const QSqlQuery& q)
{
    JobState j;
    j.jobName = q.value(0).toString();
    j.lastDue = fromSqlTimestamp(q.value(1).toString());
    j.lastStarted = fromSqlTimestamp(q.value(2).toString());
    j.lastFinished = fromSqlTimestamp(q.value(3).toString());
    j.lastStatus = q.value(4).toString();
    j.leaseHolder = q.value(5).toString();
    j.leaseExpires = fromSqlTimestamp(q.value(6).toString());
    return j;
}

} // namespace

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
        q.prepare(QStringLiteral("SELECT %1 FROM job_runs WHERE job_name = ?").arg(kJobColumns));
        q.addBindValue(job);
        if (!q.exec() || !q.next())
            return sqlError(what, q.lastError());
        if (!jobFrom(q).leasableBy(holder, due, now))
            return Status::success();
        q.prepare(QStringLiteral(
            "UPDATE job_runs SET lease_holder = ?, lease_expires = ?, last_started = ? WHERE job_name = ?"));
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
    q.prepare(
        QStringLiteral("UPDATE job_runs SET lease_expires = ? WHERE job_name = ? AND lease_holder = ?"));
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
    q.prepare(QStringLiteral(
        "UPDATE job_runs SET last_due = CASE WHEN last_due IS NULL OR last_due < ? THEN ? ELSE last_due END, "
        "last_status = CASE WHEN last_due IS NULL OR last_due <= ? THEN ? ELSE last_status END, "
        "last_finished = CASE WHEN last_due IS NULL OR last_due <= ? THEN ? ELSE last_finished END, "
        "lease_expires = CASE WHEN lease_holder = ? THEN NULL ELSE lease_expires END, "
        "lease_holder = CASE WHEN lease_holder = ? THEN NULL ELSE lease_holder END WHERE job_name = ?"));
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
    if (!q.exec(QStringLiteral("SELECT %1 FROM job_runs ORDER BY job_name").arg(kJobColumns)))
        return sqlError(QStringLiteral("cannot read job_runs"), q.lastError());
    QList<JobState> jobs;
    while (q.next())
        jobs.append(jobFrom(q));
    return jobs;
}

} // namespace ferry::store
