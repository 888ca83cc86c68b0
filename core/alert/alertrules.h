#pragma once

#include "core/alert/alert.h"

#include <optional>
#include <QHash>
#include <QList>

namespace ferry::ingest {
struct TaskOutcome;
}
namespace ferry::sync {
struct SyncResult;
}
namespace ferry::util {
class Clock;
}

namespace ferry::alert {

// When an event is worth an alert, once per occurrence rather than once per cycle:
// - an ingestion task that failed, or ended partial with units left undone (what makes `ferry ingest`
//   exit 1); not one that only skipped bad input, and not one cut short by a stop;
// - a profile whose failure streak reaches `failingCycles` (once per streak; a remote reset has its own
//   alert and does not count twice);
// - a profile whose remote was reset, and one whose deletions the guard held: when it starts, not on
//   each cycle while it lasts.
class AlertRules
{
public:
    AlertRules(int failingCycles, QString host, const util::Clock& clock);

    std::optional<Alert> taskFinished(const QString& task, const ingest::TaskOutcome& outcome) const;
    QList<Alert> cycleFinished(const sync::SyncResult& result);
    // `ferry daemon` (the subject) could not start; every time: the rate limit keeps a restart loop quiet.
    Alert startFailed(const QString& why) const;

private:
    struct ProfileFlags
    {
        bool remoteReset = false;
        bool held = false;
    };

    Alert make(Alert::Kind kind, const QString& subject, const QString& message) const;

    int m_failingCycles;
    QString m_host;
    const util::Clock& m_clock;
    QHash<QString, ProfileFlags> m_profiles;
};

} // namespace ferry::alert
