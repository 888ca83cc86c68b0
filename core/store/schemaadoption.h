#pragma once

#include <functional>
#include <optional>
#include <QList>
#include <QStringList>

namespace ferry::store {

// One column of a table, as Ferry's DDL declares it or as the database's catalog reports it.
struct ColumnShape
{
    QString name; // lower case
    QString type; // as declared (DDL) or as the catalog prints it (format_type, PRAGMA table_info)
    bool notNull = false;
    bool hasDefault = false; // a DEFAULT, SERIAL, or SQLite's INTEGER PRIMARY KEY
};

struct TableShape
{
    QString name;
    QList<ColumnShape> columns;
    QStringList primaryKey;          // lower case, in order
    QList<QStringList> uniqueKeys{}; // existing tables: every plain unique key (sorted columns)
};

// Lets Ferry take over a database that already has some of its tables — the Python pipeline it
// replaces created `sync_logs` with the same DDL — instead of failing on "already exists".
// A table that exists is kept with its rows when Ferry can write and read it; otherwise the
// migration is refused, naming every column that differs, before anything is changed.
class SchemaAdoption
{
public:
    enum class Dialect { Postgres, Sqlite };
    // The shape of an existing table, or nullopt when there is no such table.
    using Catalog = std::function<std::optional<TableShape>(const QString& table)>;

    struct Plan
    {
        QStringList statements; // what to run: CREATE TABLE of adopted tables dropped, IF NOT EXISTS indexes
        QStringList adopted;    // tables kept as they are
        QStringList problems;   // one line per difference; non-empty: run nothing
    };

    // The shape a CREATE TABLE statement of Ferry's migrations declares; nullopt for other statements.
    static std::optional<TableShape> parseCreateTable(const QString& sql);
    // Why Ferry cannot use `existing` in place of `wanted`: one line per column; empty when it can.
    static QStringList differences(const TableShape& wanted, const TableShape& existing, Dialect dialect);
    static Plan plan(const QStringList& statements, Dialect dialect, const Catalog& catalog);
    // The message of a refused migration.
    static QString refusal(const QStringList& problems);
};

} // namespace ferry::store
