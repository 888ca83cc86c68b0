#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace ferry::alert {

// One thing a person should hear about, as the webhook and the desktop tell it.
struct Alert
{
    enum class Kind {
        RunFailed,      // an ingestion task failed (or its pipeline could not start)
        RunIncomplete,  // an ingestion task ended partial with units left undone (`ferry ingest` exits 1)
        ProfileFailing, // a sync profile failed `failing_cycles` cycles in a row
        RemoteReset,    // a profile's remote branch was reset: it is paused until a person chooses
        DeletionsHeld,  // the mass-deletion guard held deletions of a profile
        StartFailed,    // `ferry daemon` could not start (the store did not open): systemd restarts it
    };

    Kind kind = Kind::RunFailed;
    QString subject; // the task ("market") or the profile ("notes")
    QString message; // the run's or cycle's error, as Ferry logged it
    QString host;
    QDateTime at;           // UTC
    QString status;         // the run's sync_logs status (failed, partial)
    int failuresInARow = 0; // ProfileFailing: the streak
    int suppressed = 0;     // alerts of the same kind and subject held back by the rate limit since…
    QDateTime suppressedSince;

    static QString kindName(Kind kind); // "run_failed", "run_incomplete", "profile_failing", …
    QString key() const { return kindName(kind) + u':' + subject; }
    // One line for people: "ferry on host: task market failed: HTTP 401 …".
    QString text() const;
    // The webhook's body: Slack's `text` plus the same facts as fields, for any JSON receiver.
    QJsonObject payload() const;
};

} // namespace ferry::alert

Q_DECLARE_METATYPE(ferry::alert::Alert)
