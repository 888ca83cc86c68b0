#pragma once

#include "core/config/config.h"
#include "core/ingest/httpclient.h"
#include "core/ingest/taskoutcome.h"
#include "core/store/ingeststore.h"
#include "core/util/clock.h"

#include <QDateTime>

namespace ferry::ingest {

// The `dcf` task: the discounted-cash-flow valuation of every active ticker, from
// `{api_url}/api/v3/discounted-cash-flow/{SYMBOL}?apikey=…` (`[{"symbol", "date", "dcf", "Stock Price"}]`)
// with `dcf_concurrency` requests in flight, one row per ticker in dcf_valuations. Faults as in
// MarketTask: skipped and failed tickers listed, a missing key or refused credentials fail the task.
class DcfTask
{
public:
    static TaskOutcome run(store::IngestStore& store, const config::MarketSource& market,
                           const QString& apiKey, HttpClient::Options http = HttpClient::Options(),
                           const QDateTime& now = util::Clock::system().nowUtc());

    static Result<store::ValuationRow> parse(const QString& symbol, const QByteArray& body);
};

} // namespace ferry::ingest
