#pragma once

#include "core/store/schemaadoption.h"

#include <optional>
#include <pqxx/pqxx>

namespace ferry::store {

// Reads a table's shape from PostgreSQL's catalog, for SchemaAdoption. Throws like libpqxx.
class PostgresCatalog
{
public:
    // The table on the search path, or nullopt when there is none.
    static std::optional<TableShape> table(pqxx::transaction_base& t, const QString& name);
};

} // namespace ferry::store
