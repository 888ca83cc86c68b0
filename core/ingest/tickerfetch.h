#pragma once

#include "core/config/config.h"
#include "core/ingest/httpclient.h"
#include "core/ingest/taskoutcome.h"
#include "core/store/ingeststore.h"

#include <functional>
#include <QJsonObject>
#include <QStringList>

namespace ferry::ingest {

// One request per ticker through an HttpClient, for the market data tasks: the bodies of the answers
// that came back, and what did not (skipped, failed, aborted, stopped), with the retries and waits it
// took.
struct TickerFetch
{
    QList<QPair<QString, QByteArray>> bodies; // symbol, body of each answered request, in order
    QStringList skipped;                      // "SYMBOL: why": bad input (4xx, an unknown symbol)
    QStringList failed;     // "SYMBOL: why": a fault on every try, or rate limited past the policy's wait
    QString aborted;        // credentials refused: why (the task fails)
    bool stopped = false;   // Ferry is shutting down: the tickers not fetched are left for the next run
    int notFetched = 0;     // tickers neither answered, skipped nor failed (stopped, aborted)
    QDateTime limitedUntil; // the API asked for a wait longer than the policy makes
    QStringList events;     // the waits and retries
    int retries = 0;
    double waitedSeconds = 0;

    // The active tickers to fetch, or why the task cannot start: no API key (before any request), no
    // active tickers, the store.
    static Result<QStringList> prepare(store::IngestStore& store, const config::MarketSource& market,
                                       const QString& apiKey);

    static TickerFetch run(const QStringList& symbols, const std::function<QUrl(const QString&)>& urlOf,
                           HttpClient::Options http);

    QJsonObject metadata() const;
    // The outcome of a task that stored `stored` rows for `tickers` tickers: success; partial when some
    // were skipped or failed, or a stop came before the end; failed when none could be fetched or the
    // credentials were refused. Failed tickers are failed units (the run needs attention), skipped ones
    // are not.
    TaskOutcome outcome(int tickers, int stored) const;
};

} // namespace ferry::ingest
