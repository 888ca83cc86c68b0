#pragma once

#include <QDate>
#include <QString>

namespace ferry::store {

// A ticker's discounted-cash-flow valuation (dcf_valuations); a missing number is NaN (NULL).
struct ValuationRow
{
    QString ticker;
    QDate date;
    double dcf = 0;
    double stockPrice = 0;
};

} // namespace ferry::store
