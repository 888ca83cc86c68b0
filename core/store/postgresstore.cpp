#include "store/postgresstore.h"

#include "store/migrations.h"
#include "store/postgrescatalog.h"
#include "store/pricebatch.h"
#include "store/runsql.h"
#include "util/logging.h"

#include <cmath>
#include <pqxx/pqxx>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

namespace ferry::store {

struct PostgresStore::Connection
{
    explicit Connection(const std::string& conninfo) : conn(conninfo) {}
    pqxx::connection conn;
};

namespace {

// A migration refused because an existing table does not fit (SchemaAdoption); rolls the lot back.
struct SchemaRefused : std::runtime_error
{
    explicit SchemaRefused(const QString& message) : std::runtime_error(message.toStdString()) {}
};

// Serialises schema changes between processes that open the same database at once.
constexpr long long kMigrationLockKey = 0x46657272794d6967; // "FerryMig"

QString withConnectOptions(const QString& conninfo, int timeoutSeconds)
{
    const QString timeout = QString::number(timeoutSeconds);
    if (conninfo.startsWith(QStringLiteral("postgres://")) ||
        conninfo.startsWith(QStringLiteral("postgresql://"))) {
        const QChar sep = conninfo.contains(u'?') ? u'&' : u'?';
        return conninfo + sep + QStringLiteral("connect_timeout=%1&application_name=ferry").arg(timeout);
    }
    return conninfo + QStringLiteral(" connect_timeout=%1 application_name=ferry").arg(timeout);
}

std::optional<std::string> optionalText(const QString& s)
{
    return s.isNull() ? std::nullopt : std::optional<std::string>(s.toStdString());
}

RunRecord recordFrom(const pqxx::row& row)
{
    const auto text = [&](int i) {
        return row[i].is_null() ? QString() : QString::fromStdString(row[i].as<std::string>());
    };
    RunRecord r;
    r.id = row[0].as<qint64>();
    r.taskName = text(1);
    r.status = text(2);
    r.rowsUpdated = row[3].is_null() ? 0 : row[3].as<int>();
    r.errorMessage = text(4);
    r.startedAt = fromSqlTimestamp(text(5));
    r.completedAt = fromSqlTimestamp(text(6));
    if (!row[7].is_null())
        r.durationSeconds = row[7].as<double>();
    r.metadata = QJsonDocument::fromJson(text(8).toUtf8()).object();
    r.runId = r.metadata.value(QStringLiteral("run_id")).toString();
    return r;
}

} // namespace

PostgresStore::PostgresStore(QString conninfo, int connectTimeoutSeconds)
    : m_conninfo(withConnectOptions(conninfo, connectTimeoutSeconds))
{
}

PostgresStore::~PostgresStore() = default;

QString PostgresStore::location() const
{
    QString shown = m_conninfo;
    shown.remove(QRegularExpression(QStringLiteral(R"(\s*password=\S*)")));
    shown.remove(
        QRegularExpression(QStringLiteral(R"([?&]?connect_timeout=\d+|[ &]?application_name=ferry)")));
    if (shown.trimmed().isEmpty())
        shown = QStringLiteral("%1:%2/%3")
                    .arg(qEnvironmentVariable("PGHOST", QStringLiteral("localhost")),
                         qEnvironmentVariable("PGPORT", QStringLiteral("5432")),
                         qEnvironmentVariable("PGDATABASE"));
    return shown.trimmed();
}

Status PostgresStore::withConnection(const QString& what, const std::function<void(Connection&)>& body)
{
    try {
        if (!m_connection || !m_connection->conn.is_open()) {
            m_connection.reset();
            m_connection = std::make_unique<Connection>(m_conninfo.toStdString());
        }
        if (!m_migrated)
            migrate(*m_connection);
        body(*m_connection);
        return Status::success();
    } catch (const pqxx::broken_connection& e) {
        m_connection.reset();
        return makeError(ErrorKind::Unavailable,
                         QStringLiteral("PostgreSQL at %1 is unreachable (%2): %3")
                             .arg(location(), what, QString::fromUtf8(e.what()).trimmed()));
    } catch (const SchemaRefused& e) {
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("PostgreSQL at %1: %2").arg(location(), QString::fromUtf8(e.what())));
    } catch (const pqxx::in_doubt_error& e) {
        m_connection.reset();
        return makeError(ErrorKind::Unavailable, QStringLiteral("PostgreSQL connection lost during %1: %2")
                                                     .arg(what, QString::fromUtf8(e.what()).trimmed()));
    } catch (const std::exception& e) {
        if (m_connection && !m_connection->conn.is_open())
            m_connection.reset();
        return makeError(
            ErrorKind::Internal,
            QStringLiteral("PostgreSQL: %1 failed: %2").arg(what, QString::fromUtf8(e.what()).trimmed()));
    }
}

void PostgresStore::migrate(Connection& c)
{
    pqxx::work w(c.conn);
    w.exec_params("SELECT pg_advisory_xact_lock($1)", kMigrationLockKey);
    w.exec("CREATE TABLE IF NOT EXISTS ferry_schema_migrations (version INTEGER PRIMARY KEY, "
           "description TEXT, applied_at TIMESTAMP DEFAULT (now() AT TIME ZONE 'UTC'))");
    // Every pending step is planned against the tables as they are before any is run: a table that
    // Ferry cannot use refuses the lot, and the rollback leaves the database as it was.
    const auto catalog = [&w](const QString& table) {
        return PostgresCatalog::table(w, table);
    };
    QList<std::pair<const Migration*, SchemaAdoption::Plan>> steps;
    QStringList problems;
    for (const Migration& m : Migrations::all()) {
        if (!w.exec_params("SELECT 1 FROM ferry_schema_migrations WHERE version = $1", m.version).empty())
            continue;
        steps.append({&m, SchemaAdoption::plan(m.postgres, SchemaAdoption::Dialect::Postgres, catalog)});
        problems << steps.constLast().second.problems;
    }
    if (!problems.isEmpty())
        throw SchemaRefused(SchemaAdoption::refusal(problems));
    for (const auto& [m, plan] : steps) {
        for (const QString& sql : plan.statements)
            w.exec(sql.toStdString());
        w.exec_params("INSERT INTO ferry_schema_migrations (version, description) VALUES ($1, $2)",
                      m->version, m->description.toStdString());
        for (const QString& table : plan.adopted)
            qCInfo(lcStore) << "PostgreSQL" << location() << "adopted the existing table" << table;
        qCInfo(lcStore) << "PostgreSQL" << location() << "migrated to version" << m->version;
    }
    w.commit();
    m_migrated = true;
}

Status PostgresStore::open()
{
    return withConnection(QStringLiteral("open"), [](Connection&) {});
}

Result<int> PostgresStore::schemaVersion()
{
    int version = 0;
    const Status s = withConnection(QStringLiteral("read the schema version"), [&](Connection& c) {
        pqxx::read_transaction t(c.conn);
        version = t.exec1("SELECT COALESCE(MAX(version), 0) FROM ferry_schema_migrations")[0].as<int>();
    });
    if (!s)
        return s.error();
    return version;
}

Status PostgresStore::upsertRun(RunRecord& run)
{
    QJsonObject metadata = run.metadata;
    metadata.insert(QStringLiteral("run_id"), run.runId);
    const std::string metadataText = QJsonDocument(metadata).toJson(QJsonDocument::Compact).toStdString();
    const std::string runId = run.runId.toStdString();
    if (run.status == RunStatus::Running) {
        // Apart from sync_logs until it finishes; never over a run that already finished.
        return withConnection(QStringLiteral("record run of %1").arg(run.taskName), [&](Connection& c) {
            pqxx::work w(c.conn);
            w.exec_params("INSERT INTO ferry_running_runs (run_id, task_name, started_at, metadata) "
                          "SELECT $1::text, $2::text, $3::timestamp, $4::jsonb WHERE NOT EXISTS "
                          "(SELECT 1 FROM sync_logs WHERE metadata->>'run_id' = $1::text) "
                          "ON CONFLICT (run_id) DO UPDATE SET task_name = EXCLUDED.task_name, "
                          "started_at = EXCLUDED.started_at, metadata = EXCLUDED.metadata",
                          runId, run.taskName.toStdString(), toSqlTimestamp(run.startedAt).toStdString(),
                          metadataText);
            w.commit();
            run.id = 0;
        });
    }
    return withConnection(QStringLiteral("record run of %1").arg(run.taskName), [&](Connection& c) {
        pqxx::work w(c.conn);
        w.exec_params(
            "INSERT INTO sync_logs (task_name, status, rows_updated, error_message, started_at, "
            "completed_at, "
            "duration_seconds, metadata) VALUES ($1, $2, $3, $4, $5::timestamp, $6::timestamp, $7, "
            "$8::jsonb) "
            "ON CONFLICT ((metadata->>'run_id')) DO UPDATE SET status = EXCLUDED.status, "
            "rows_updated = EXCLUDED.rows_updated, error_message = EXCLUDED.error_message, "
            "completed_at = EXCLUDED.completed_at, duration_seconds = EXCLUDED.duration_seconds, "
            "metadata = EXCLUDED.metadata WHERE sync_logs.status = 'running' OR EXCLUDED.status <> 'running'",
            run.taskName.toStdString(), run.status.toStdString(), run.rowsUpdated,
            optionalText(run.errorMessage), toSqlTimestamp(run.startedAt).toStdString(),
            run.completedAt.isValid()
                ? std::optional<std::string>(toSqlTimestamp(run.completedAt).toStdString())
                : std::nullopt,
            run.durationSeconds, metadataText);
        w.exec_params("DELETE FROM ferry_running_runs WHERE run_id = $1", runId);
        run.id =
            w.exec_params1("SELECT id FROM sync_logs WHERE metadata->>'run_id' = $1", runId)[0].as<qint64>();
        w.commit();
    });
}

Result<QList<RunRecord>> PostgresStore::runs(const RunFilter& filter)
{
    const RunSql::Query query = RunSql::runs(filter, RunSql::Placeholders::Dollar);
    QList<RunRecord> out;
    const Status s = withConnection(QStringLiteral("read sync_logs"), [&](Connection& c) {
        pqxx::read_transaction t(c.conn);
        std::vector<std::string> values;
        for (const QString& v : query.values)
            values.push_back(v.toStdString());
        const pqxx::result rows =
            t.exec_params(query.sql.toStdString(), pqxx::prepare::make_dynamic_params(values));
        for (const pqxx::row& row : rows)
            out.append(recordFrom(row));
    });
    if (!s)
        return s.error();
    return out;
}

Result<QList<RunRecord>> PostgresStore::latestPerTask()
{
    QList<RunRecord> out;
    const Status s = withConnection(QStringLiteral("read sync_logs"), [&](Connection& c) {
        pqxx::read_transaction t(c.conn);
        for (const pqxx::row& row : t.exec(RunSql::latestPerTask(RunSql::Placeholders::Dollar).toStdString()))
            out.append(recordFrom(row));
    });
    if (!s)
        return s.error();
    return out;
}

Status PostgresStore::execute(const QString& sql)
{
    return withConnection(QStringLiteral("execute"), [&](Connection& c) {
        pqxx::nontransaction t(c.conn);
        t.exec(sql.toStdString());
    });
}

} // namespace ferry::store

namespace ferry::store {

Result<QString> PostgresStore::scalar(const QString& sql)
{
    QString value;
    const Status s = withConnection(QStringLiteral("query"), [&](Connection& c) {
        pqxx::nontransaction t(c.conn);
        const pqxx::field f = t.exec1(sql.toStdString())[0];
        value = f.is_null() ? QString() : QString::fromStdString(f.as<std::string>());
    });
    if (!s)
        return s.error();
    return value;
}

// A text[] literal for an array parameter; symbols are checked by the ticker list, quoting keeps it safe.
static std::string textArray(const QStringList& values)
{
    QString out = QStringLiteral("{");
    for (qsizetype i = 0; i < values.size(); ++i) {
        QString v = values[i];
        v.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
        out += (i ? QStringLiteral(",\"") : QStringLiteral("\"")) + v + u'"';
    }
    return (out + u'}').toStdString();
}

Result<TickerChanges> PostgresStore::replaceTickers(const QStringList& symbols, const QDateTime& now)
{
    TickerChanges changes;
    const std::string at = toSqlTimestamp(now).toStdString();
    const Status s = withConnection(QStringLiteral("update tickers"), [&](Connection& c) {
        pqxx::work w(c.conn);
        QHash<QString, bool> current;
        for (const auto& row : w.exec("SELECT symbol, active FROM tickers FOR UPDATE"))
            current.insert(QString::fromStdString(row[0].as<std::string>()), row[1].as<bool>());
        changes = TickerChanges::plan(current, symbols);
        w.exec_params("INSERT INTO tickers (symbol, active, first_seen_at, updated_at) "
                      "SELECT unnest($1::text[]), TRUE, $2::timestamp, $2::timestamp",
                      textArray(changes.added), at);
        w.exec_params(
            "UPDATE tickers SET active = TRUE, updated_at = $2::timestamp WHERE symbol = ANY($1::text[])",
            textArray(changes.reactivated), at);
        w.exec_params(
            "UPDATE tickers SET active = FALSE, updated_at = $2::timestamp WHERE symbol = ANY($1::text[])",
            textArray(changes.deactivated), at);
        w.commit();
    });
    if (!s)
        return s.error();
    return changes;
}

Result<QStringList> PostgresStore::activeTickers()
{
    QStringList symbols;
    const Status s = withConnection(QStringLiteral("read tickers"), [&](Connection& c) {
        pqxx::read_transaction r(c.conn);
        for (const auto& row :
             r.exec("SELECT symbol FROM tickers WHERE active ORDER BY symbol COLLATE \"C\""))
            symbols.append(QString::fromStdString(row[0].as<std::string>()));
    });
    if (!s)
        return s.error();
    return symbols;
}

// A float8[] literal; NaN becomes NULL.
static std::string numberArray(const QList<double>& values)
{
    QString out = QStringLiteral("{");
    for (qsizetype i = 0; i < values.size(); ++i)
        out += (i ? QStringLiteral(",") : QString()) +
               (std::isnan(values[i]) ? QStringLiteral("NULL") : QString::number(values[i], 'g', 17));
    return (out + u'}').toStdString();
}

Result<int> PostgresStore::upsertPrices(const QList<PriceRow>& rows, const QDateTime& fetchedAt)
{
    PriceBatch batch(rows, fetchedAt);
    const Status s = withConnection(QStringLiteral("store prices"), [&](Connection& c) {
        pqxx::work w(c.conn);
        // The rows whose keys are present are deleted, then every row goes in by COPY, the fastest way
        // in. INSERT … ON CONFLICT DO UPDATE pays a speculative insertion per row (a million new rows took
        // four times as long as a COPY), and an UPDATE of a full page writes a new version elsewhere with
        // new index entries anyway. The lock (readers pass) keeps another writer from adding a key
        // between the DELETE and the COPY. Keys are sent only for the tickers that have rows already:
        // sending a million keys to delete nothing took half as long as the COPY itself.
        w.exec("LOCK TABLE stock_prices IN SHARE ROW EXCLUSIVE MODE");
        QSet<QString> present;
        for (const pqxx::row& row :
             w.exec_params("SELECT t FROM unnest($1::text[]) AS t WHERE EXISTS (SELECT 1 FROM stock_prices p "
                           "WHERE p.ticker = t)",
                           batch.tickerArray()))
            present.insert(QString::fromStdString(row[0].as<std::string>()));
        if (!present.isEmpty()) {
            const auto [tickers, dates] = batch.keyArrays(present);
            w.exec_params(
                "DELETE FROM stock_prices p USING unnest($1::text[], $2::date[]) AS k(ticker, date) "
                "WHERE p.ticker = k.ticker AND p.date = k.date",
                tickers, dates);
        }
        pqxx::stream_to copy(w, "stock_prices",
                             std::vector<std::string>{"ticker", "date", "open", "high", "low", "close",
                                                      "volume", "fetched_at"});
        for (qsizetype i = 0; i < batch.size(); ++i)
            copy << batch.fields(i);
        copy.complete();
        w.commit();
    });
    if (!s)
        return s.error();
    return int(batch.size());
}

Result<int> PostgresStore::upsertValuations(const QList<ValuationRow>& rows, const QDateTime& fetchedAt)
{
    QHash<QString, ValuationRow> last; // one row per ticker per statement (ON CONFLICT), the last wins
    QStringList order;
    for (const ValuationRow& r : rows) {
        if (!last.contains(r.ticker))
            order.append(r.ticker);
        last.insert(r.ticker, r);
    }
    QStringList tickers, dates;
    QList<double> dcf, price;
    for (const QString& t : std::as_const(order)) {
        const ValuationRow& r = last[t];
        tickers.append(t);
        dates.append(r.date.isValid() ? r.date.toString(Qt::ISODate) : QString());
        dcf.append(r.dcf);
        price.append(r.stockPrice);
    }
    const Status s = withConnection(QStringLiteral("store valuations"), [&](Connection& c) {
        pqxx::work w(c.conn);
        w.exec_params(
            "INSERT INTO dcf_valuations (ticker, date, dcf, stock_price, fetched_at) "
            "SELECT t, NULLIF(d, '')::date, v, p, $5::timestamp FROM unnest($1::text[], $2::text[], "
            "$3::float8[], $4::float8[]) AS x(t, d, v, p) ON CONFLICT (ticker) DO UPDATE SET "
            "date = EXCLUDED.date, dcf = EXCLUDED.dcf, stock_price = EXCLUDED.stock_price, "
            "fetched_at = EXCLUDED.fetched_at",
            textArray(tickers), textArray(dates), numberArray(dcf), numberArray(price),
            toSqlTimestamp(fetchedAt).toStdString());
        w.commit();
    });
    if (!s)
        return s.error();
    return int(order.size());
}

namespace {

// PostgreSQL text cannot hold NUL characters (JSON may carry them as \u0000): they are dropped.
QString pgText(QString s)
{
    return s.remove(QChar(0));
}

std::string pgJson(const QByteArray& json)
{
    QByteArray j = json;
    return j.replace("\\u0000", "").toStdString();
}

QString timeText(const QDateTime& t)
{
    return t.isValid() ? toSqlTimestamp(t) : QString();
}

TrackedRepository repositoryFrom(const pqxx::row& row)
{
    const auto text = [&](int i) {
        return row[i].is_null() ? QString() : QString::fromStdString(row[i].as<std::string>());
    };
    return {text(0), row[1].as<bool>(), text(2), fromSqlTimestamp(text(3)), text(4), text(5), text(6)};
}

} // namespace

Result<QList<TrackedRepository>> PostgresStore::trackRepositories(const QStringList& fullNames)
{
    const Status s = withConnection(QStringLiteral("update tracked repositories"), [&](Connection& c) {
        pqxx::work w(c.conn);
        w.exec_params("INSERT INTO tracked_repositories (full_name, active) SELECT unnest($1::text[]), TRUE "
                      "ON CONFLICT (full_name) DO UPDATE SET active = TRUE",
                      textArray(fullNames));
        w.exec_params(
            "UPDATE tracked_repositories SET active = FALSE WHERE NOT (full_name = ANY($1::text[]))",
            textArray(fullNames));
        w.commit();
    });
    if (!s)
        return s.error();
    return trackedRepositories();
}

Result<QList<TrackedRepository>> PostgresStore::trackedRepositories()
{
    QList<TrackedRepository> out;
    const Status s = withConnection(QStringLiteral("read tracked repositories"), [&](Connection& c) {
        pqxx::read_transaction r(c.conn);
        for (const auto& row : r.exec("SELECT full_name, active, sync_status, last_sync_at, cursor, etag, "
                                      "last_sync_error FROM tracked_repositories ORDER BY full_name COLLATE "
                                      "\"C\""))
            out.append(repositoryFrom(row));
    });
    if (!s)
        return s.error();
    return out;
}

Status PostgresStore::saveRepository(const TrackedRepository& r)
{
    return withConnection(QStringLiteral("save the state of %1").arg(r.fullName), [&](Connection& c) {
        pqxx::work w(c.conn);
        w.exec_params("UPDATE tracked_repositories SET sync_status = $1, last_sync_at = $2::timestamp, "
                      "cursor = $3, etag = $4, last_sync_error = $5 WHERE full_name = $6",
                      r.status.toStdString(),
                      optionalText(r.lastSyncAt.isValid() ? toSqlTimestamp(r.lastSyncAt) : QString()),
                      optionalText(r.cursor), optionalText(r.etag), optionalText(pgText(r.lastError)),
                      r.fullName.toStdString());
        w.commit();
    });
}

Result<int> PostgresStore::upsertPullRequests(const QList<PullRequestRow>& pullRequests,
                                              const QList<ReviewRow>& reviews)
{
    // Arrays, one statement per table: a full sync of a large repository is one round trip, not thousands.
    // One statement cannot update a row twice (ON CONFLICT): the last of duplicates wins.
    QHash<QPair<QString, int>, qsizetype> lastPr;
    for (qsizetype i = 0; i < pullRequests.size(); ++i)
        lastPr.insert({pullRequests[i].repository, pullRequests[i].number}, i);
    QHash<qint64, qsizetype> lastReview;
    for (qsizetype i = 0; i < reviews.size(); ++i)
        lastReview.insert(reviews[i].githubId, i);
    QStringList repo, number, id, title, state, draft, author, created, updated, closed, merged, data;
    for (qsizetype i = 0; i < pullRequests.size(); ++i) {
        const PullRequestRow& r = pullRequests[i];
        if (lastPr.value({r.repository, r.number}) != i)
            continue;
        repo.append(r.repository);
        number.append(QString::number(r.number));
        id.append(QString::number(r.githubId));
        title.append(pgText(r.title));
        state.append(r.state);
        draft.append(r.draft ? QStringLiteral("t") : QStringLiteral("f"));
        author.append(pgText(r.author));
        created.append(timeText(r.createdAt));
        updated.append(timeText(r.updatedAt));
        closed.append(timeText(r.closedAt));
        merged.append(timeText(r.mergedAt));
        data.append(QString::fromStdString(pgJson(r.data)));
    }
    QStringList rid, rrepo, rnumber, rauthor, rstate, rsubmitted, rbody;
    for (qsizetype i = 0; i < reviews.size(); ++i) {
        const ReviewRow& r = reviews[i];
        if (lastReview.value(r.githubId) != i)
            continue;
        rid.append(QString::number(r.githubId));
        rrepo.append(r.repository);
        rnumber.append(QString::number(r.prNumber));
        rauthor.append(pgText(r.author));
        rstate.append(r.state);
        rsubmitted.append(timeText(r.submittedAt));
        rbody.append(pgText(r.body));
    }
    const Status s = withConnection(QStringLiteral("store pull requests"), [&](Connection& c) {
        pqxx::work w(c.conn);
        w.exec_params(
            "INSERT INTO pull_requests (repository, number, github_id, title, state, draft, author, "
            "created_at, updated_at, closed_at, merged_at, data) "
            "SELECT r, n::int, i::bigint, t, s, d::boolean, NULLIF(a, ''), NULLIF(c, '')::timestamp, "
            "NULLIF(u, '')::timestamp, NULLIF(cl, '')::timestamp, NULLIF(m, '')::timestamp, j::jsonb "
            "FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], "
            "$8::text[], $9::text[], $10::text[], $11::text[], $12::text[]) AS x(r, n, i, t, s, d, a, c, u, "
            "cl, m, j) ON CONFLICT (repository, number) DO UPDATE SET github_id = EXCLUDED.github_id, "
            "title = EXCLUDED.title, state = EXCLUDED.state, draft = EXCLUDED.draft, author = "
            "EXCLUDED.author, "
            "created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at, "
            "closed_at = EXCLUDED.closed_at, merged_at = EXCLUDED.merged_at, data = EXCLUDED.data",
            textArray(repo), textArray(number), textArray(id), textArray(title), textArray(state),
            textArray(draft), textArray(author), textArray(created), textArray(updated), textArray(closed),
            textArray(merged), textArray(data));
        w.exec_params(
            "INSERT INTO pr_reviews (github_id, repository, pr_number, author, state, submitted_at, body) "
            "SELECT i::bigint, r, n::int, NULLIF(a, ''), s, NULLIF(t, '')::timestamp, b "
            "FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) "
            "AS x(i, r, n, a, s, t, b) ON CONFLICT (github_id) DO UPDATE SET repository = "
            "EXCLUDED.repository, "
            "pr_number = EXCLUDED.pr_number, author = EXCLUDED.author, state = EXCLUDED.state, "
            "submitted_at = EXCLUDED.submitted_at, body = EXCLUDED.body",
            textArray(rid), textArray(rrepo), textArray(rnumber), textArray(rauthor), textArray(rstate),
            textArray(rsubmitted), textArray(rbody));
        w.commit();
    });
    if (!s)
        return s.error();
    return int(pullRequests.size() + reviews.size());
}

} // namespace ferry::store

// Scheduled jobs (job_runs).
namespace ferry::store {

static JobState jobFrom(const pqxx::row& row)
{
    const auto text = [&](int i) {
        return row[i].is_null() ? QString() : QString::fromStdString(row[i].as<std::string>());
    };
    JobState j;
    j.jobName = text(0);
    j.lastDue = fromSqlTimestamp(text(1));
    j.lastStarted = fromSqlTimestamp(text(2));
    j.lastFinished = fromSqlTimestamp(text(3));
    j.lastStatus = text(4);
    j.leaseHolder = text(5);
    j.leaseExpires = fromSqlTimestamp(text(6));
    return j;
}

static const char* const kJobColumns =
    "job_name, last_due, last_started, last_finished, last_status, lease_holder, lease_expires";

Result<bool> PostgresStore::takeJobLease(const QString& job, const QDateTime& due, const QString& holder,
                                         const QDateTime& now, int ttlSeconds)
{
    bool taken = false;
    const Status s = withConnection(QStringLiteral("take the lease of %1").arg(job), [&](Connection& c) {
        pqxx::work w(c.conn);
        w.exec_params("INSERT INTO job_runs (job_name) VALUES ($1) ON CONFLICT DO NOTHING",
                      job.toStdString());
        // SKIP LOCKED: while another machine is deciding about this job, it is that machine's to run.
        const pqxx::result rows =
            w.exec_params(std::string("SELECT ") + kJobColumns +
                              " FROM job_runs WHERE job_name = $1 FOR UPDATE SKIP LOCKED",
                          job.toStdString());
        if (rows.empty() || !jobFrom(rows[0]).leasableBy(holder, due, now))
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
                      "ELSE last_status END, "
                      "last_finished = CASE WHEN last_due IS NULL OR last_due <= $3::timestamp "
                      "THEN $5::timestamp ELSE last_finished END, "
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
             t.exec(std::string("SELECT ") + kJobColumns + " FROM job_runs ORDER BY job_name COLLATE \"C\""))
            jobs.append(jobFrom(row));
    });
    if (!s)
        return s.error();
    return jobs;
}

} // namespace ferry::store
