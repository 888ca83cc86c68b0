#include "core/ingest/tickerstask.h"

#include "core/ingest/tickerlist.h"
#include "core/store/runrecord.h"

#include <QJsonArray>

namespace ferry::ingest {

TaskOutcome TickersTask::run(store::IngestStore& store, const config::MarketSource& market,
                             const QDateTime& now)
{
    TaskOutcome outcome;
    outcome.metadata.insert(QStringLiteral("file"), market.tickersFile);
    const Result<TickerList> list = TickerList::read(market.tickersFile);
    if (!list) {
        outcome.status = store::RunStatus::Failed;
        outcome.error = list.message();
        return outcome;
    }
    if (list->symbols.isEmpty()) {
        // An empty or wrongly exported file would otherwise deactivate every ticker.
        outcome.status = store::RunStatus::Failed;
        outcome.error =
            QStringLiteral("the ticker file %1 holds no symbol; the tickers were left as they were")
                .arg(market.tickersFile);
        return outcome;
    }
    const Result<store::TickerChanges> changes = store.replaceTickers(list->symbols, now);
    if (!changes) {
        outcome.status = store::RunStatus::Failed;
        outcome.error = changes.message();
        return outcome;
    }
    const auto some = [](const QStringList& items) {
        return QJsonArray::fromStringList(items.mid(0, 100));
    };
    outcome.metadata.insert(QStringLiteral("symbols"), int(list->symbols.size()));
    outcome.metadata.insert(QStringLiteral("added"), int(changes->added.size()));
    outcome.metadata.insert(QStringLiteral("reactivated"), int(changes->reactivated.size()));
    outcome.metadata.insert(QStringLiteral("deactivated"), some(changes->deactivated));
    outcome.metadata.insert(QStringLiteral("rejected"), some(list->rejected));
    outcome.rowsUpdated = changes->changed();
    outcome.status = list->rejected.isEmpty() ? store::RunStatus::Success : store::RunStatus::Partial;
    return outcome;
}

} // namespace ferry::ingest
