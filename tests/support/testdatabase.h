#pragma once

#include "core/store/store.h"

#include <memory>
#include <QString>
#include <QTemporaryDir>

namespace ferry::test {

// A fresh, empty database for one test, on the backend named by FERRY_TEST_BACKEND (sqlite or
// postgresql). PostgreSQL comes from libpq's PG* environment (pg_virtualenv sets it); each TestDatabase
// creates its own database there and drops it afterwards.
class TestDatabase
{
public:
    TestDatabase();
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    static QString backend();        // "sqlite" or "postgresql"
    static bool postgresRequested(); // FERRY_TEST_BACKEND=postgresql
    // Why PostgreSQL cannot be used here, or empty. Tests QSKIP on it unless FERRY_REQUIRE_POSTGRES=1.
    static QString postgresUnavailableReason();

    bool isValid() const { return m_error.isEmpty(); }
    const QString& error() const { return m_error; }

    // A new Store on this database, not yet opened.
    std::unique_ptr<store::Store> newStore() const;
    // What DATABASE_URL should say for a `ferry` child process to use this database; empty for SQLite.
    QString databaseUrl() const;
    const QString& dataDir() const { return m_dataDirPath; }
    // Runs SQL directly (PostgreSQL) or through Qt SQL (SQLite), for assertions a Store does not offer.
    qint64 count(const QString& sqlReturningOneNumber) const;
    QString scalar(const QString& sqlReturningOneValue) const;

private:
    QTemporaryDir m_dataDir;
    QString m_dataDirPath;
    QString m_pgDatabase;
    QString m_error;
};

// Skips (or, with FERRY_REQUIRE_POSTGRES=1, fails) a test that asked for PostgreSQL when none is there.
#define FERRY_REQUIRE_BACKEND(db)                                                                            \
    do {                                                                                                     \
        if (!(db).isValid()) {                                                                               \
            if (qEnvironmentVariableIntValue("FERRY_REQUIRE_POSTGRES"))                                      \
                QFAIL(qPrintable((db).error()));                                                             \
            QSKIP(qPrintable((db).error()));                                                                 \
        }                                                                                                    \
    } while (false)

} // namespace ferry::test
