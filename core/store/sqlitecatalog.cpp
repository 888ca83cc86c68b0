#include "core/store/sqlitecatalog.h"

#include <algorithm>
#include <QSqlError>
#include <QSqlQuery>

namespace ferry::store {
namespace {

Error catalogError(const QString& table, const QSqlQuery& q)
{
    return makeError(
        ErrorKind::Io,
        QStringLiteral("SQLite: cannot read the columns of %1: %2").arg(table, q.lastError().text()));
}

} // namespace

Result<std::optional<TableShape>> SqliteCatalog::table(const QSqlDatabase& db, const QString& name)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
    q.addBindValue(name);
    if (!q.exec())
        return catalogError(name, q);
    if (!q.next())
        return std::optional<TableShape>();
    TableShape shape;
    shape.name = name;
    // The table name comes from Ferry's own DDL, never from input: it is safe to splice.
    if (!q.exec(QStringLiteral("PRAGMA table_info(%1)").arg(name)))
        return catalogError(name, q);
    QList<std::pair<int, QString>> keyColumns;
    while (q.next()) {
        const QString column = q.value(1).toString().toLower();
        const QString type = q.value(2).toString();
        const int pk = q.value(5).toInt();
        // An INTEGER PRIMARY KEY is the rowid: numbered by SQLite, never NULL.
        const bool rowid = pk > 0 && type.compare(QStringLiteral("INTEGER"), Qt::CaseInsensitive) == 0;
        shape.columns << ColumnShape{column, type, q.value(3).toBool() || rowid,
                                     !q.value(4).isNull() || rowid};
        if (pk > 0)
            keyColumns << std::pair{pk, column};
    }
    std::sort(keyColumns.begin(), keyColumns.end());
    for (const auto& [position, column] : keyColumns)
        shape.primaryKey << column;
    if (!q.exec(QStringLiteral("PRAGMA index_list(%1)").arg(name)))
        return catalogError(name, q);
    QStringList uniqueIndexes;
    while (q.next()) {
        if (q.value(2).toBool() && !q.value(4).toBool())
            uniqueIndexes << q.value(1).toString();
    }
    for (const QString& index : uniqueIndexes) {
        if (!q.exec(QStringLiteral("PRAGMA index_info(\"%1\")").arg(index)))
            return catalogError(name, q);
        QStringList columns;
        bool plain = true;
        while (q.next()) {
            plain = plain && !q.value(2).isNull(); // NULL: an expression
            columns << q.value(2).toString().toLower();
        }
        std::sort(columns.begin(), columns.end());
        if (plain)
            shape.uniqueKeys << columns;
    }
    return std::optional<TableShape>(shape);
}

} // namespace ferry::store
