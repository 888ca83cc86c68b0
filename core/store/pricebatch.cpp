#include "core/store/pricebatch.h"

#include "core/store/runrecord.h"

#include <charconv>
#include <cmath>
#include <QHash>

namespace ferry::store {
namespace {

template <typename T>
const char* write(char (&buffer)[32], T value)
{
    *std::to_chars(buffer, buffer + sizeof buffer - 1, value).ptr = '\0';
    return buffer;
}

void writeDate(char* out, const QDate& date)
{
    int y = 0, m = 0, d = 0;
    date.getDate(&y, &m, &d);
    const auto digits = [](char* at, int value, int count) {
        for (int i = count - 1; i >= 0; --i, value /= 10)
            at[i] = char('0' + value % 10);
    };
    digits(out, y, 4);
    out[4] = '-';
    digits(out + 5, m, 2);
    out[7] = '-';
    digits(out + 8, d, 2);
    out[10] = '\0';
}

// One element of an array literal, after the others.
void appendQuoted(std::string& out, const QByteArray& value)
{
    if (out.size() > 1)
        out += ',';
    out += '"';
    for (const char c : value) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    out += '"';
}

} // namespace

PriceBatch::PriceBatch(const QList<PriceRow>& rows, const QDateTime& fetchedAt)
    : m_rows(rows), m_fetchedAt(toSqlTimestamp(fetchedAt).toStdString())
{
    // Keys as (ticker number << 32 | Julian day): hashing a million QPair<QString, QDate> took a second.
    QHash<QString, quint64> tickerIds;
    QHash<quint64, qsizetype> slot; // key -> its place in m_order
    slot.reserve(rows.size());
    m_order.reserve(size_t(rows.size()));
    const QString* last = nullptr;
    quint64 id = 0;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const PriceRow& r = rows[i];
        if (!last || r.ticker != *last) {
            auto it = tickerIds.constFind(r.ticker);
            if (it == tickerIds.constEnd()) {
                it = tickerIds.insert(r.ticker, quint64(tickerIds.size()));
                m_tickers.append(r.ticker);
            }
            id = *it;
            last = &r.ticker;
        }
        const quint64 key = id << 32 | quint32(r.date.toJulianDay());
        if (const auto it = slot.constFind(key); it != slot.constEnd()) {
            m_order[size_t(*it)] = i;
        } else {
            slot.insert(key, qsizetype(m_order.size()));
            m_order.push_back(i);
        }
    }
}

std::string PriceBatch::tickerArray() const
{
    std::string out = "{";
    for (const QString& ticker : m_tickers)
        appendQuoted(out, ticker.toUtf8());
    return out + '}';
}

std::pair<std::string, std::string> PriceBatch::keyArrays(const QSet<QString>& tickers) const
{
    std::string symbols = "{", dates = "{";
    char date[16];
    QByteArray ticker;
    const QString* tickerOf = nullptr;
    for (const qsizetype i : m_order) {
        const PriceRow& r = m_rows[i];
        if (!tickers.contains(r.ticker))
            continue;
        if (!tickerOf || r.ticker != *tickerOf) {
            ticker = r.ticker.toUtf8();
            tickerOf = &r.ticker;
        }
        appendQuoted(symbols, ticker);
        writeDate(date, r.date);
        if (dates.size() > 1)
            dates += ',';
        dates += date;
    }
    return {symbols + '}', dates + '}'};
}

const std::array<const char*, 8>& PriceBatch::fields(qsizetype k)
{
    const PriceRow& r = m_rows[m_order[size_t(k)]];
    if (!m_tickerOf || r.ticker != *m_tickerOf) {
        m_ticker = r.ticker.toUtf8();
        m_tickerOf = &r.ticker;
    }
    m_fields[0] = m_ticker.constData();
    writeDate(m_date, r.date);
    m_fields[1] = m_date;
    const double numbers[] = {r.open, r.high, r.low, r.close};
    for (int i = 0; i < 4; ++i)
        m_fields[2 + i] = std::isnan(numbers[i]) ? nullptr : write(m_numbers[i], numbers[i]);
    m_fields[6] = write(m_numbers[4], r.volume);
    m_fields[7] = m_fetchedAt.c_str();
    return m_fields;
}

} // namespace ferry::store
