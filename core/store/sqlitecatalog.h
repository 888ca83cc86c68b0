#pragma once

#include "core/store/schemaadoption.h"
#include "core/util/result.h"

#include <optional>
#include <QSqlDatabase>

namespace ferry::store {

// Reads a table's shape from SQLite's catalog (PRAGMA table_info, index_list), for SchemaAdoption.
class SqliteCatalog
{
public:
    // The table, or nullopt when there is none.
    static Result<std::optional<TableShape>> table(const QSqlDatabase& db, const QString& name);
};

} // namespace ferry::store
