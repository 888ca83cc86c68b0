#pragma once

#include <QDate>
#include <QString>

namespace ferry::store {

// One day of one ticker (stock_prices); a missing number is NaN (stored as NULL).
struct PriceRow
{
    QString ticker;
    QDate date;
    double open = 0, high = 0, low = 0, close = 0;
    qint64 volume = 0;
};

} // namespace ferry::store
