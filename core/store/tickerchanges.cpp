#include "core/store/tickerchanges.h"

#include <QSet>

namespace ferry::store {

TickerChanges TickerChanges::plan(const QHash<QString, bool>& current, const QStringList& wanted)
{
    TickerChanges c;
    const QSet<QString> keep(wanted.begin(), wanted.end());
    for (const QString& symbol : wanted) {
        const auto it = current.constFind(symbol);
        if (it == current.constEnd())
            c.added.append(symbol);
        else if (!*it)
            c.reactivated.append(symbol);
    }
    for (auto it = current.constBegin(); it != current.constEnd(); ++it) {
        if (*it && !keep.contains(it.key()))
            c.deactivated.append(it.key());
    }
    c.deactivated.sort();
    return c;
}

} // namespace ferry::store
