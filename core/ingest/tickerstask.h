#pragma once

#include "core/config/config.h"
#include "core/ingest/taskoutcome.h"
#include "core/store/ingeststore.h"
#include "core/util/clock.h"

#include <QDateTime>

namespace ferry::ingest {

// The `tickers` task, first of the `daily` pipeline: the ticker file becomes the active tickers in the
// store (new ones added, missing ones marked inactive, never deleted). Lines that are not plausible
// symbols are skipped and listed in the metadata (status partial); an unreadable file or a store error
// fails the task and changes nothing.
class TickersTask
{
public:
    static TaskOutcome run(store::IngestStore& store, const config::MarketSource& market,
                           const QDateTime& now = util::Clock::system().nowUtc());
};

} // namespace ferry::ingest
