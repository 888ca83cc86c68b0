#pragma once

#include "core/store/pricerow.h"

#include <array>
#include <QDateTime>
#include <QList>
#include <QSet>
#include <QStringList>
#include <string>
#include <utility>
#include <vector>

namespace ferry::store {

// The rows of one PostgreSQL price upsert in the shapes it sends them in: the keys as array literals
// (text[], date[]) and each row as the fields of a COPY line. A (ticker, date) given twice is sent once,
// from its last row, as SQLite's ON CONFLICT keeps the last one. It refers to `rows`, which must outlive it.
class PriceBatch
{
public:
    PriceBatch(const QList<PriceRow>& rows, const QDateTime& fetchedAt);

    qsizetype size() const { return qsizetype(m_order.size()); }
    // The distinct tickers, as a text[] literal.
    std::string tickerArray() const;
    // The keys of the rows of `tickers`, as a text[] and a date[] literal of the same length.
    std::pair<std::string, std::string> keyArrays(const QSet<QString>& tickers) const;
    // ticker, date, open, high, low, close, volume, fetched_at; nullptr (NULL) for a missing number.
    // Points into buffers that the next call overwrites.
    const std::array<const char*, 8>& fields(qsizetype i);

private:
    const QList<PriceRow>& m_rows;
    std::vector<qsizetype> m_order; // indexes into m_rows, one per key
    QStringList m_tickers;          // distinct
    std::string m_fetchedAt;
    QByteArray m_ticker;
    const QString* m_tickerOf = nullptr; // the row m_ticker was encoded from: rows of a ticker come together
    char m_date[16] = {};
    char m_numbers[5][32] = {};
    std::array<const char*, 8> m_fields{};
};

} // namespace ferry::store
