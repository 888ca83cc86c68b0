#include "core/store/sqlitestore.h"

#include "core/store/migrations.h"
#include "core/store/sqlitecatalog.h"
#include "core/util/logging.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

// The connection, the migrations and the helpers of every area; the areas are in sqlitestoreruns.cpp,
// sqlitestoreingest.cpp and sqlitestorejobs.cpp.
namespace ferry::store {

Error SqliteStore::sqlError(const QString& what, const QSqlError& e)
{
    return makeError(ErrorKind::Io, QStringLiteral("SQLite: %1: %2").arg(what, e.text()));
}

QVariant SqliteStore::nullable(const QString& s)
{
    return s.isNull() ? QVariant() : QVariant(s);
}

QVariant SqliteStore::nullable(std::optional<double> v)
{
    return v ? QVariant(*v) : QVariant();
}

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
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS ferry_schema_migrations (version INTEGER "
                               "PRIMARY KEY, description TEXT, applied_at TEXT DEFAULT CURRENT_TIMESTAMP)")))
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

Result<QString> SqliteStore::scalar(const QString& sql)
{
    if (Status s = ensureOpen(); !s)
        return s.error();
    QSqlQuery q(m_db);
    if (!q.exec(sql) || !q.next())
        return sqlError(QStringLiteral("query failed"), q.lastError());
    return q.value(0).toString();
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

} // namespace ferry::store
