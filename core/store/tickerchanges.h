#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace ferry::store {

// What IngestStore::replaceTickers() changed in the tickers table.
struct TickerChanges
{
    QStringList added, reactivated, deactivated;
    int changed() const { return int(added.size() + reactivated.size() + deactivated.size()); }

    // What turns the current tickers (symbol -> active) into `wanted`.
    static TickerChanges plan(const QHash<QString, bool>& current, const QStringList& wanted);
};

} // namespace ferry::store
