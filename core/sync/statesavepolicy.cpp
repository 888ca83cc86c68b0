#include "core/sync/statesavepolicy.h"

#include "core/sync/syncresult.h"
#include "core/sync/syncstate.h"

namespace ferry::sync {
namespace {

QStringList conflictIds(const SyncState& state)
{
    QStringList ids;
    ids.reserve(state.pendingConflicts.size());
    for (const PendingConflict& c : state.pendingConflicts)
        ids.append(c.id);
    return ids;
}

bool sameRemoteReset(const SyncState& a, const SyncState& b)
{
    if (a.remoteReset.has_value() != b.remoteReset.has_value())
        return false;
    return !a.remoteReset || (a.remoteReset->lastHead == b.remoteReset->lastHead &&
                              a.remoteReset->newHead == b.remoteReset->newHead);
}

bool sameRecord(const FileRecord& a, const FileRecord& b)
{
    return a.hash == b.hash && a.oid == b.oid && a.size == b.size && a.mtimeNs == b.mtimeNs &&
           a.inode == b.inode && a.executable == b.executable && a.source == b.source;
}

} // namespace

bool StateSavePolicy::needsSave(const SyncState& loaded, const SyncState& next, const SyncResult& result,
                                bool healthChanged, bool watchChanged)
{
    // What the cycle left is compared with what was loaded, record by record: no counter decides
    // that nothing changed. A cycle that had to read files (new, touched, or racily recorded ones) also
    // saves, so that the next one — in a fresh process too — trusts what it read instead of reading it
    // again; so does one that leaves files waiting.
    const bool idle = result.ok && !healthChanged && !watchChanged && result.filesChanged() == 0 &&
                      result.waiting == 0 && result.hashed == 0 && next.lastSync.isValid() &&
                      loaded.lastSync.isValid() && sameContent(loaded, next);
    return !idle;
}

// Record by record: one cycle can change a record and keep the count. When the cycle did not write
// the records at all they still share one copy, and the answer is at once.
bool StateSavePolicy::sameRecords(const SyncState& loaded, const SyncState& next)
{
    const FileRecords& before = loaded.files;
    const FileRecords& after = next.files;
    if (after.isSharedWith(before))
        return true;
    if (after.size() != before.size())
        return false;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        const auto was = before.constFind(it.key());
        if (was == before.cend() || !sameRecord(*was, *it))
            return false;
    }
    return true;
}

bool StateSavePolicy::sameContent(const SyncState& loaded, const SyncState& next)
{
    return next.head == loaded.head && sameRecords(loaded, next) && next.baseIsHead == loaded.baseIsHead &&
           next.ignoreRules == loaded.ignoreRules && next.heldDeletions == loaded.heldDeletions &&
           next.heldFiles == loaded.heldFiles && conflictIds(next) == conflictIds(loaded) &&
           sameRemoteReset(loaded, next) && next.health.status == loaded.health.status &&
           next.health.consecutiveFailures == loaded.health.consecutiveFailures &&
           next.health.lastError == loaded.health.lastError;
}

} // namespace ferry::sync
