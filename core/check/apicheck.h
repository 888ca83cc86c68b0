#pragma once

#include "core/check/finding.h"
#include "core/config/config.h"
#include "core/util/stoptoken.h"

namespace ferry::check {

// The ingestion sources' secrets: present, and accepted by one cheap request each. GitHub: GET
// /rate_limit with the token ("github_token"), which does not count against the rate limit; the market
// source: one day of one symbol from the price endpoint the market task uses ("market_key"). One try,
// a short timeout, no waiting on a rate limit. Blocking (a local event loop): run it in a worker.
class ApiCheck
{
public:
    static Finding github(const config::GithubSource& source, const QString& token,
                          util::StopToken stop = {});
    static Finding market(const config::MarketSource& source, const QString& apiKey,
                          util::StopToken stop = {});
};

} // namespace ferry::check
