#pragma once

#include "core/store/store.h"

#include <memory>

namespace ferry::config {
struct Config;
}

namespace ferry::store {

// Picks the backend: database.url from the config, else the DATABASE_URL environment variable, else
// the embedded SQLite file in the data directory.
class StoreFactory
{
public:
    static std::unique_ptr<Store> create(const config::Config& config, const QString& dataDir);
};

} // namespace ferry::store
