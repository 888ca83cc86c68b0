#include "core/store/postgresstore.h"

#include "core/store/migrations.h"
#include "core/store/postgrescatalog.h"
#include "core/store/postgresconnection.h"
#include "core/util/logging.h"

#include <QRegularExpression>

// The connection, the migrations and the helpers of every area; the areas are in postgresstoreruns.cpp,
// postgresstoreingest.cpp and postgresstorejobs.cpp.
namespace ferry::store {
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

} // namespace

std::optional<std::string> PostgresStore::nullable(const QString& s)
{
    return s.isNull() ? std::nullopt : std::optional<std::string>(s.toStdString());
}

PostgresStore::PostgresStore(const QString& conninfo, int connectTimeoutSeconds)
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

Status PostgresStore::execute(const QString& sql)
{
    return withConnection(QStringLiteral("execute"), [&](Connection& c) {
        pqxx::nontransaction t(c.conn);
        t.exec(sql.toStdString());
    });
}

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

} // namespace ferry::store
