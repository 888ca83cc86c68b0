#pragma once

#include "core/check/finding.h"
#include "core/config/config.h"

namespace ferry::check {

// The database ("database"): the configured store (database.url, DATABASE_URL or the embedded SQLite
// file) opens — which applies pending migrations, as every command does — and its schema is the one this
// Ferry expects ("schema version N, expected M" when not). Blocking: run it in a worker.
class StoreCheck
{
public:
    static Finding run(const config::Config& config, const QString& dataDir);
};

} // namespace ferry::check
