#pragma once

#include "config/config.h"
#include "ingest/httpclient.h"
#include "ingest/taskoutcome.h"
#include "store/store.h"

#include <functional>
#include <QJsonObject>
#include <QStringList>

namespace ferry::ingest {

// One request per ticker through an HttpClient, for the market data tasks: the bodies of the answers
// that came back, and what did not (skipped, failed, aborted), with the retries and waits it took.
struct TickerFetch
{
    QList<QPair<QString, QByteArray>> bodies; // symbol, body of each answered request, in order
    QStringList skipped;                      // "SYMBOL: why": 4xx, or a body the task could not use
    QStringList failed;                       // "SYMBOL: why": no answer or 5xx after every try
    QString aborted;                          // credentials refused or Ferry stopping: why (the task fails)
    int retries = 0;
    double waitedSeconds = 0;

    // The active tickers to fetch, or why the task cannot start: no API key (before any request), no
    // active tickers, the store.
    static Result<QStringList> prepare(store::Store& store, const config::MarketSource& market,
                                       const QString& apiKey);

    static TickerFetch run(const QStringList& symbols, const std::function<QUrl(const QString&)>& urlOf,
                           HttpClient::Options http);

    QJsonObject metadata() const;
    // The outcome of a task that stored `stored` rows for `tickers` tickers: success, partial when some
    // were skipped or failed, failed when none could be fetched or the task was aborted.
    TaskOutcome outcome(int tickers, int stored) const;
};

} // namespace ferry::ingest
