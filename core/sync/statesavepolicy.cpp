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

} // namespace

bool StateSavePolicy::needsSave(const SyncState& loaded, const SyncState& next, const SyncResult& result,
                                bool healthChanged, bool watchChanged)
{
    // A cycle that had to read files (new, touched, or racily recorded ones) saves, so that the next one
    // can trust what it read; so does one that leaves files waiting.
    const bool idle = result.ok && !healthChanged && !watchChanged && result.filesChanged() == 0 &&
                      result.waiting == 0 && result.hashed == 0 && next.lastSync.isValid() &&
                      loaded.lastSync.isValid() && sameContent(loaded, next);
    return !idle;
}

bool StateSavePolicy::sameContent(const SyncState& loaded, const SyncState& next)
{
    return next.head == loaded.head && next.files.size() == loaded.files.size() &&
           next.baseIsHead == loaded.baseIsHead && next.ignoreRules == loaded.ignoreRules &&
           next.heldDeletions == loaded.heldDeletions && next.heldFiles == loaded.heldFiles &&
           conflictIds(next) == conflictIds(loaded) && sameRemoteReset(loaded, next) &&
           next.health.status == loaded.health.status &&
           next.health.consecutiveFailures == loaded.health.consecutiveFailures &&
           next.health.lastError == loaded.health.lastError;
}

} // namespace ferry::sync
