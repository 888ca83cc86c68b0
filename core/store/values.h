#pragma once

#include "core/store/jobstate.h"
#include "core/store/runrecord.h"
#include "core/store/storedrow.h"
#include "core/store/trackedrepository.h"

#include <optional>
#include <QByteArray>
#include <QDateTime>

namespace ferry::store {

// The values both backends write and read, decided once: what becomes NULL, how a run's metadata is
// spelled, and how a row of Columns becomes a struct. Each backend only turns a null into its own NULL.
class Values
{
public:
    // A timestamp as toSqlTimestamp() spells it; an invalid time is a null QString (NULL).
    static QString timestamp(const QDateTime& utc);
    // A number; NaN (missing) is NULL.
    static std::optional<double> number(double value);
    // sync_logs.metadata and ferry_running_runs.metadata: the run's metadata with its run_id, compact.
    static QByteArray runMetadata(const RunRecord& run);

    // A row of Columns::Runs, Columns::Jobs, Columns::Repositories.
    static RunRecord run(const StoredRow& row);
    static JobState job(const StoredRow& row);
    static TrackedRepository repository(const StoredRow& row);
};

} // namespace ferry::store
