#pragma once

#include "config/config.h"
#include "ingest/httpclient.h"
#include "ingest/taskoutcome.h"
#include "store/store.h"

#include <QDateTime>

namespace ferry::ingest {

// The `market` task: daily prices of the last `days` days for every active ticker, from
// `{api_url}/api/v3/historical-price-full/{SYMBOL}?from=…&to=…&apikey=…` with `concurrency` requests
// in flight, upserted into stock_prices by (ticker, date). A ticker the API refuses (4xx), answers
// with a body that is not the expected JSON, or keeps failing (5xx) is skipped and listed in the
// metadata (status partial); the others land. A missing key fails before any request; refused
// credentials (401/403) stop the task (failed).
class MarketTask
{
public:
    static TaskOutcome run(store::Store& store, const config::MarketSource& market, const QString& apiKey,
                           HttpClient::Options http = HttpClient::Options(),
                           const QDateTime& now = QDateTime::currentDateTimeUtc());

    // The rows of one response body, or why it is not usable.
    static Result<QList<store::PriceRow>> parse(const QString& symbol, const QByteArray& body);
};

} // namespace ferry::ingest
