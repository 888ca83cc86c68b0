#pragma once

#include "core/util/result.h"

#include <QByteArray>
#include <QStringList>

namespace ferry::ingest {

// The ticker file of the market pipeline: one symbol per line, or a CSV whose header has a `symbol` or
// `ticker` column (any case, any position, comma or semicolon separated, quoted fields). Symbols are
// trimmed and upper-cased; blank lines, `#` comments and duplicates are dropped (first one kept, order
// kept); anything that is not a plausible symbol (letters, digits, '.', '-', '^', '/', at most 20) is
// listed in `rejected` with its line number instead of being sent to the API.
struct TickerList
{
    QStringList symbols;
    QStringList rejected; // "line 7: \"N/A!\""

    static Result<TickerList> parse(const QByteArray& text);
    static Result<TickerList> read(const QString& path);
};

} // namespace ferry::ingest
