#pragma once

#include "core/check/finding.h"
#include "core/config/config.h"

#include <QList>

namespace ferry::check {

// The inotify watch limit ("watches"): watching needs one watch per folder under the mapped folders
// (ignored folders are not entered), and the limit (fs.inotify.max_user_watches) is shared by every
// program of the user. A problem from 90 % of the limit: past it, changes go unseen until the periodic
// full scan. FERRY_WATCH_LIMIT overrides the limit, as for the watcher (tests).
class WatchLimitCheck
{
public:
    static Finding run(const QList<config::Profile>& profiles);

    // -1 when the system has no such limit (not Linux).
    static int systemLimit();
    // The folders a watcher would watch for these mappings, counting no further than `stopAt`.
    static int foldersToWatch(const config::Profile& profile, int stopAt);
};

} // namespace ferry::check
