#pragma once

#include "config/config.h"
#include "sync/syncresult.h"
#include "util/backoff.h"

namespace ferry::sync {

struct SyncState;

struct SyncOptions
{
    bool allowMassDelete = false; // apply deletions the guard would hold, and sync emptied folders
};

// One profile's sync cycle: scan, fetch, decide, commit, push, apply, save state (DESIGN.md, "Folder ↔
// Git reconciliation"). The bare clone lives in DATA_DIR/profiles/NAME/repo.git and the state in
// DATA_DIR/profiles/NAME/state.json, which is written last: a crash anywhere leaves the previous state,
// from which the next cycle finishes the job (every step before it can be redone without loss).
// Blocking: run it on a worker thread.
class SyncEngine
{
public:
    SyncEngine(config::Profile profile, QString dataDir,
               util::Backoff backoff = util::Backoff::fromEnvironment());

    SyncResult runCycle(const SyncOptions& options = {});

    static constexpr int kMaxPushAttempts = 5;

private:
    void cycle(SyncState& state, const SyncOptions& options, SyncResult& result);
    void recordOutcome(SyncState& state, const SyncResult& result) const;

    config::Profile m_profile;
    QString m_dataDir;
    util::Backoff m_backoff;
};

} // namespace ferry::sync
