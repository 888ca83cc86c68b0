#pragma once

#include "core/store/storedrow.h"

#include <pqxx/pqxx>
#include <string>

namespace ferry::store {

// A row of a libpqxx result, read with libpqxx's conversions.
class PostgresRow final : public StoredRow
{
public:
    explicit PostgresRow(const pqxx::row& row) : m_row(row) {}

    bool isNull(int column) const override { return m_row[column].is_null(); }
    QString text(int column) const override
    {
        return m_row[column].is_null() ? QString() : QString::fromStdString(m_row[column].as<std::string>());
    }
    qint64 integer(int column) const override { return m_row[column].as<qint64>(); }
    double real(int column) const override { return m_row[column].as<double>(); }
    bool boolean(int column) const override { return m_row[column].as<bool>(); }

private:
    const pqxx::row& m_row;
};

} // namespace ferry::store
