#pragma once

#include "core/config/config.h"
#include "core/util/result.h"

#include <QStringList>

namespace ferry::store {
class IngestStore;
}

namespace ferry::schedule {

// The tracked GitHub repositories that have never been synced: added to the config since the github
// pipeline last ran (while Ferry was closed, or by a settings change), or whose only sync never ended.
// They are synced at start-up rather than at the pipeline's next due instant, as anacron or systemd's
// Persistent=true run a job that has never run. One that ran and failed waits for its schedule.
class NeverSynced
{
public:
    // Of `github`'s repositories, in its order: those the store does not track as active, or tracks
    // without a finished sync (no last sync, not in error).
    static Result<QStringList> repositories(const config::GithubSource& github, store::IngestStore& store);
};

} // namespace ferry::schedule
