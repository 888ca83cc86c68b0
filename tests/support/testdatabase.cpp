#include "tests/support/testdatabase.h"

#include "core/config/paths.h"
#include "core/store/postgresstore.h"
#include "core/store/sqlitestore.h"

#include <QUuid>

namespace ferry::test {

QString TestDatabase::backend()
{
    return postgresRequested() ? QStringLiteral("postgresql") : QStringLiteral("sqlite");
}

bool TestDatabase::postgresRequested()
{
    return qEnvironmentVariable("FERRY_TEST_BACKEND") == u"postgresql";
}

QString TestDatabase::postgresUnavailableReason()
{
    if (qEnvironmentVariableIsEmpty("PGHOST") && qEnvironmentVariableIsEmpty("PGDATABASE"))
        return QStringLiteral("no PostgreSQL: run the tests under pg_virtualenv (PGHOST is not set)");
    store::PostgresStore probe(QString(), 3);
    if (Status s = probe.execute(QStringLiteral("SELECT 1")); !s)
        return s.message();
    return {};
}

TestDatabase::TestDatabase() : m_dataDirPath(m_dataDir.path())
{
    if (!postgresRequested())
        return;
    m_error = postgresUnavailableReason();
    if (!m_error.isEmpty())
        return;
    m_pgDatabase = QStringLiteral("ferry_test_") + QUuid::createUuid().toString(QUuid::Id128).left(16);
    store::PostgresStore admin(QString(), 3);
    if (Status s = admin.execute(QStringLiteral("CREATE DATABASE %1").arg(m_pgDatabase)); !s)
        m_error = s.message();
}

TestDatabase::~TestDatabase()
{
    if (m_pgDatabase.isEmpty())
        return;
    store::PostgresStore admin(QString(), 3);
    (void)admin.execute(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_pgDatabase));
}

std::unique_ptr<store::Store> TestDatabase::newStore() const
{
    if (!m_pgDatabase.isEmpty())
        return std::make_unique<store::PostgresStore>(databaseUrl(), 3);
    return std::make_unique<store::SqliteStore>(config::Paths::sqliteDatabase(m_dataDirPath));
}

QString TestDatabase::databaseUrl() const
{
    return m_pgDatabase.isEmpty() ? QString() : QStringLiteral("dbname=%1").arg(m_pgDatabase);
}

QString TestDatabase::scalar(const QString& sql) const
{
    Result<QString> value = m_pgDatabase.isEmpty()
                                ? store::SqliteStore(config::Paths::sqliteDatabase(m_dataDirPath)).scalar(sql)
                                : store::PostgresStore(databaseUrl(), 3).scalar(sql);
    return value ? *value : QStringLiteral("error: ") + value.message();
}

qint64 TestDatabase::count(const QString& sql) const
{
    bool ok = false;
    const qint64 n = scalar(sql).toLongLong(&ok);
    return ok ? n : -1;
}

} // namespace ferry::test
