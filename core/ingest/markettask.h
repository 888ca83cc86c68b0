#pragma once

#include "core/config/config.h"
#include "core/ingest/httpclient.h"
#include "core/ingest/taskoutcome.h"
#include "core/store/ingeststore.h"
#include "core/util/clock.h"

#include <QDateTime>

namespace ferry::ingest {

// The `market` task: daily prices of the last `days` days for every active ticker, from
// `{api_url}/api/v3/historical-price-full/{SYMBOL}?from=…&to=…&apikey=…` with `concurrency` requests
// in flight, upserted into stock_prices by (ticker, date). Faults are HttpClient's: a 5xx, a lost
// connection or a body cut short is tried again after a backoff; a rate limit pauses the source. A
// ticker the API refuses (4xx) or knows nothing of is skipped (bad input); one that keeps failing, or
// that a rate limit longer than `retry.max_wait_seconds` left unfetched, is failed (the run needs
// attention); both are listed in the metadata (status partial) and the others land. A missing key fails
// before any request; refused credentials (401/403) stop the task (failed).
class MarketTask
{
public:
    static TaskOutcome run(store::IngestStore& store, const config::MarketSource& market,
                           const QString& apiKey, HttpClient::Options http = HttpClient::Options(),
                           const QDateTime& now = util::Clock::system().nowUtc());

    // The rows of one response body, or why it is not usable.
    static Result<QList<store::PriceRow>> parse(const QString& symbol, const QByteArray& body);
};

} // namespace ferry::ingest
