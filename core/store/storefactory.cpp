#include "core/store/storefactory.h"

#include "core/config/config.h"
#include "core/config/paths.h"
#include "core/store/postgresstore.h"
#include "core/store/sqlitestore.h"

namespace ferry::store {

std::unique_ptr<Store> StoreFactory::create(const config::Config& config, const QString& dataDir)
{
    QString url = config.database.url;
    if (url.isEmpty())
        url = qEnvironmentVariable("DATABASE_URL");
    if (!url.isEmpty())
        return std::make_unique<PostgresStore>(url);
    return std::make_unique<SqliteStore>(config::Paths::sqliteDatabase(dataDir));
}

} // namespace ferry::store
