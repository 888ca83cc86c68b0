#pragma once

#include "core/sync/syncstate.h"

#include <QDateTime>
#include <QStringList>

namespace ferry::sync {

// What a profile's status card shows of its state after a cycle: what is tracked, what waits for a
// person, and the counters since the first cycle. Taken in the watcher's thread from the state the
// engine just saved, so the GUI reads no state file; lists are bounded (counts are not).
struct ProfileSnapshot
{
    static constexpr int kListLimit = 100;

    bool valid = false; // false until the first cycle reports
    int files = 0;
    qint64 bytes = 0;
    int pendingConflicts = 0;
    int heldDeletions = 0;
    QStringList heldDeletionPaths; // the first kListLimit
    int heldFiles = 0;             // too large or unreadable ("path: why")
    int largeFiles = 0;            // of those, over max_file_mb
    QStringList heldFileNotes;     // the first kListLimit
    SyncMetrics metrics;
    QDateTime lastSync; // the last successful cycle, UTC

    static ProfileSnapshot of(const SyncState& state);
    // Of the cycles counted, the share that succeeded (0..1); 0 before any.
    double successRate() const;
    double averageSeconds() const;
};

} // namespace ferry::sync
