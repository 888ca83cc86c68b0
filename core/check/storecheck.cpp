#include "core/check/storecheck.h"

#include "core/store/migrations.h"
#include "core/store/storefactory.h"

namespace ferry::check {

Finding StoreCheck::run(const config::Config& config, const QString& dataDir)
{
    const QString check = QStringLiteral("database");
    const std::unique_ptr<store::Store> store = store::StoreFactory::create(config, dataDir);
    const QString where = QStringLiteral("%1 %2").arg(store->backendName(), store->location());
    if (const Status opened = store->open(); !opened)
        return Finding::problem(check, QStringLiteral("database %1: %2").arg(where, opened.message()),
                                store->backendName() == u"postgresql"
                                    ? QStringLiteral("check database.url (or DATABASE_URL), that the server "
                                                     "runs, and the password in PGPASSWORD or ~/.pgpass")
                                    : QStringLiteral("check that the data folder is writable and the disk "
                                                     "not full"));
    const int expected = store::Migrations::latestVersion();
    const Result<int> version = store->schemaVersion();
    if (!version)
        return Finding::problem(check, QStringLiteral("database %1: %2").arg(where, version.message()),
                                QStringLiteral("check that this user may read ferry_schema_migrations"));
    if (*version != expected)
        return Finding::problem(
            check,
            QStringLiteral("database %1: schema version %2, expected %3")
                .arg(where)
                .arg(*version)
                .arg(expected),
            *version > expected
                ? QStringLiteral("a newer Ferry upgraded this database: upgrade Ferry here too")
                : QStringLiteral("let Ferry migrate it: the database user needs the right to "
                                 "create and alter tables"));
    return Finding::ok(check, QStringLiteral("database %1: schema version %2").arg(where).arg(*version));
}

} // namespace ferry::check
