#pragma once

namespace ferry::sync {

struct SyncResult;
struct SyncState;

// Whether a cycle's outcome has to be written to state.json (docs/sync.md, "When state.json is written").
// state.json is large (30 MB at 100,000 files) and rewriting it is most of an idle cycle, so a cycle
// that moved nothing leaves it alone, however long ago it was written: the file already describes the
// same head, files, conflicts, holds and health, and a crash leaves exactly that. What such a cycle
// alone changes — the time of the last sync, the scan's start, the counters — is kept in memory and
// written with the next change; sync_logs has every run.
class StateSavePolicy
{
public:
    // `loaded`: the state as read before the cycle; `next`: what the cycle leaves. `watchChanged`: the
    // watcher fields differ from the file's.
    static bool needsSave(const SyncState& loaded, const SyncState& next, const SyncResult& result,
                          bool healthChanged, bool watchChanged);

private:
    // The same files with the same records (hash, id, size, time, inode, mode, source).
    static bool sameRecords(const SyncState& loaded, const SyncState& next);
    // True when the cycle left the records, the head and everything a person acts on as they were.
    static bool sameContent(const SyncState& loaded, const SyncState& next);
};

} // namespace ferry::sync
