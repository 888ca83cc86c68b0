#include "core/store/postgrescatalog.h"

namespace ferry::store {

std::optional<TableShape> PostgresCatalog::table(pqxx::transaction_base& t, const QString& name)
{
    const std::string n = name.toStdString();
    if (t.exec_params1("SELECT to_regclass($1::text) IS NOT NULL", n)[0].as<bool>() == false)
        return std::nullopt;
    TableShape shape;
    shape.name = name;
    // format_type() spells types as SchemaAdoption compares them: "character varying(100)", …
    for (const pqxx::row& row :
         t.exec_params("SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atthasdef "
                       "FROM pg_attribute a WHERE a.attrelid = to_regclass($1::text) AND a.attnum > 0 "
                       "AND NOT a.attisdropped ORDER BY a.attnum",
                       n)) {
        shape.columns << ColumnShape{QString::fromStdString(row[0].as<std::string>()),
                                     QString::fromStdString(row[1].as<std::string>()), row[2].as<bool>(),
                                     row[3].as<bool>()};
    }
    // Plain unique keys (no expression, no WHERE): what ON CONFLICT (columns) can use.
    for (const pqxx::row& row : t.exec_params(
             "SELECT i.indisprimary, array_to_string(ARRAY(SELECT a.attname FROM unnest(i.indkey::int2[]) AS "
             "k "
             "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k ORDER BY a.attname), ',') "
             "FROM pg_index i WHERE i.indrelid = to_regclass($1::text) AND i.indisunique "
             "AND i.indpred IS NULL AND i.indexprs IS NULL",
             n)) {
        const QStringList columns = QString::fromStdString(row[1].as<std::string>()).split(u',');
        shape.uniqueKeys << columns;
        if (row[0].as<bool>())
            shape.primaryKey = columns;
    }
    return shape;
}

} // namespace ferry::store
