#pragma once

#include "core/store/ingeststore.h"
#include "core/store/jobstore.h"
#include "core/store/runstore.h"
#include "core/util/result.h"

#include <QString>

namespace ferry::store {

// The database behind sync_logs, the ingestion tables and job_runs; SqliteStore and PostgresStore pass
// the same tests. One interface per area, so that a user asks only for what it needs (RunLog a RunStore,
// the Scheduler a JobStore, the ingestion tasks an IngestStore); a Store is all three with a lifecycle.
// A Store belongs to the thread that created it: workers each open their own.
class Store : public RunStore, public IngestStore, public JobStore
{
public:
    ~Store() override = default;

    virtual QString backendName() const = 0; // "sqlite" or "postgresql"
    virtual QString location() const = 0;    // a file or host/database, never a password

    // Connects if needed and brings the schema to the newest migration. Safe to call again after a
    // failure; an unreachable server is ErrorKind::Unavailable.
    virtual Status open() = 0;
    virtual Result<int> schemaVersion() = 0;

protected:
    Store() = default;
};

} // namespace ferry::store
