#include "core/ingest/tickerlist.h"

#include "core/util/atomicfile.h"

#include <QRegularExpression>
#include <QSet>

namespace ferry::ingest {
namespace {

// One CSV line into fields: `sep` separated, double quotes around a field, "" inside quotes.
QStringList fields(const QString& line, QChar sep)
{
    QStringList out;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted) {
            if (c == u'"' && i + 1 < line.size() && line[i + 1] == u'"') {
                field += c;
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == sep) {
            out.append(field);
            field.clear();
        } else {
            field += c;
        }
    }
    out.append(field);
    return out;
}

} // namespace

Result<TickerList> TickerList::parse(const QByteArray& text)
{
    static const QRegularExpression plausible(QStringLiteral("^[A-Z0-9][A-Z0-9.\\-^/]{0,19}$"));
    QStringList lines = QString::fromUtf8(text).split(u'\n');
    if (!lines.isEmpty() && lines.first().startsWith(QChar(0xfeff)))
        lines.first().remove(0, 1); // a byte-order mark from a spreadsheet export
    // A header naming a symbol or ticker column makes it a CSV; otherwise one symbol per line.
    int column = -1;
    QChar separator = u',';
    qsizetype first = 0;
    while (first < lines.size() && lines[first].trimmed().isEmpty())
        ++first;
    if (first < lines.size()) {
        const QString header = lines[first].trimmed();
        separator = header.count(u';') > header.count(u',') ? u';' : u',';
        const QStringList names = fields(header, separator);
        for (qsizetype i = 0; i < names.size() && column < 0; ++i) {
            const QString name = names[i].trimmed().toLower();
            if (name == u"symbol" || name == u"ticker")
                column = int(i);
        }
        if (column < 0 && names.size() > 1)
            return makeError(
                ErrorKind::Invalid,
                QStringLiteral("the ticker file looks like a CSV (\"%1\") but has no symbol or ticker column")
                    .arg(header.left(80)));
    }
    TickerList list;
    QSet<QString> seen;
    for (qsizetype n = column >= 0 ? first + 1 : 0; n < lines.size(); ++n) {
        const QString line = lines[n].trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QString symbol =
            (column >= 0 ? fields(line, separator).value(column) : line).trimmed().remove(u'"').toUpper();
        if (symbol.isEmpty())
            continue;
        if (!plausible.match(symbol).hasMatch()) {
            list.rejected.append(QStringLiteral("line %1: \"%2\"").arg(n + 1).arg(symbol.left(40)));
            continue;
        }
        if (!seen.contains(symbol)) {
            seen.insert(symbol);
            list.symbols.append(symbol);
        }
    }
    return list;
}

Result<TickerList> TickerList::read(const QString& path)
{
    if (path.isEmpty())
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("no ticker file: set ingestion.market.tickers_file in the config"));
    const Result<QByteArray> text = util::readWholeFile(path);
    if (!text)
        return makeError(text.error().kind,
                         QStringLiteral("cannot read the ticker file %1: %2").arg(path, text.message()));
    return parse(*text);
}

} // namespace ferry::ingest
