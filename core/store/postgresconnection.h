#pragma once

#include "core/store/postgresstore.h"

#include <pqxx/pqxx>
#include <string>

namespace ferry::store {

// PostgresStore's one connection, shared by the files its methods are spread over.
struct PostgresStore::Connection
{
    explicit Connection(const std::string& conninfo) : conn(conninfo) {}
    pqxx::connection conn;
};

} // namespace ferry::store
