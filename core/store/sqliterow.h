#pragma once

#include "core/store/storedrow.h"

#include <QSqlQuery>
#include <QVariant>

namespace ferry::store {

// The current row of a QSqlQuery, read as the SQLite backend always has: Qt SQL's conversions.
class SqliteRow final : public StoredRow
{
public:
    explicit SqliteRow(const QSqlQuery& query) : m_query(query) {}

    bool isNull(int column) const override { return m_query.value(column).isNull(); }
    QString text(int column) const override { return m_query.value(column).toString(); }
    qint64 integer(int column) const override { return m_query.value(column).toLongLong(); }
    double real(int column) const override { return m_query.value(column).toDouble(); }
    bool boolean(int column) const override { return m_query.value(column).toInt() != 0; }

private:
    const QSqlQuery& m_query;
};

} // namespace ferry::store
