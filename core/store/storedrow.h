#pragma once

#include <QString>

namespace ferry::store {

// One row of a result, whichever backend read it: Values turns it into a RunRecord, a JobState or a
// TrackedRepository, so that the mapping from columns to fields is written once (SqliteRow, PostgresRow).
class StoredRow
{
public:
    virtual ~StoredRow() = default;
    virtual bool isNull(int column) const = 0;
    virtual QString text(int column) const = 0; // NULL: a null QString
    virtual qint64 integer(int column) const = 0;
    virtual double real(int column) const = 0;
    virtual bool boolean(int column) const = 0;

protected:
    StoredRow() = default;
    StoredRow(const StoredRow&) = default;
    StoredRow& operator=(const StoredRow&) = default;
};

} // namespace ferry::store
