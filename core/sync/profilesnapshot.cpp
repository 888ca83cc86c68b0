#include "core/sync/profilesnapshot.h"

namespace ferry::sync {

ProfileSnapshot ProfileSnapshot::of(const SyncState& state)
{
    ProfileSnapshot s;
    s.valid = true;
    s.files = int(state.files.size());
    // By the metadata as held: building every record (digests and source) cost 4 ms at 100,000 files,
    // in every cycle.
    for (auto it = state.files.cbegin(); it != state.files.cend(); ++it)
        s.bytes += it.metadata().size;
    s.pendingConflicts = int(state.pendingConflicts.size());
    s.heldDeletions = int(state.heldDeletions.size());
    s.heldDeletionPaths = state.heldDeletions.mid(0, kListLimit);
    s.heldFiles = int(state.heldFiles.size());
    s.heldFileNotes = state.heldFiles.mid(0, kListLimit);
    // SyncCycle::holdFiles words a file over the size limit so; the other held files are unreadable.
    for (const QString& note : state.heldFiles)
        s.largeFiles += note.contains(u"over max_file_mb") ? 1 : 0;
    s.metrics = state.metrics;
    s.lastSync = state.lastSync;
    return s;
}

double ProfileSnapshot::successRate() const
{
    return metrics.totalSyncs > 0 ? double(metrics.successfulSyncs) / metrics.totalSyncs : 0;
}

double ProfileSnapshot::averageSeconds() const
{
    return metrics.totalSyncs > 0 ? metrics.totalDurationSeconds / metrics.totalSyncs : 0;
}

} // namespace ferry::sync
