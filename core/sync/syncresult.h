#pragma once

#include "core/sync/health.h"
#include "core/sync/profilesnapshot.h"
#include "core/util/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMetaType>
#include <QStringList>

namespace ferry::sync {

// What one cycle of one profile did; travels to the log, the CLI and (later) the GUI.
struct SyncResult
{
    QString profile;
    bool ok = false;
    bool paused = false;      // a guard stopped the cycle (missing or emptied folder, remote reset)
    bool remoteReset = false; // the remote branch no longer descends from the last synced head
    bool stopped = false;     // ended by a stop request (quit, SIGTERM): not a failure of the profile
    ErrorKind errorKind = ErrorKind::Internal;
    QString error;
    QString head;   // the remote head after the cycle
    QString commit; // the commit this cycle pushed, if any
    int uploaded = 0;
    int deletedRemote = 0;
    int downloaded = 0;
    int deletedLocal = 0;
    int conflicts = 0;    // both sides changed a file differently (detected this cycle)
    int settled = 0;      // of those, settled by their policy with nothing left to decide
    int keptBoth = 0;     // of those, kept as two files (keep-both, or a policy that did not apply)
    int merged = 0;       // files whose merged content (union, merge) went up and replaced the local one
    int pending = 0;      // new pending conflicts: kept both, markers, records changed on both sides
    int pendingTotal = 0; // pending conflicts of the profile after the cycle
    int held = 0;
    int refused = 0;
    int tooLarge = 0;       // local files over max_file_mb, not uploaded
    QStringList unreadable; // "path: why" for folders and files that could not be read: nothing inferred
    int waiting = 0;        // files still being written, or edited while the cycle ran: next cycle
    int archived = 0;       // local versions saved in the versions archive before being replaced
    qint64 bytesUploaded = 0;
    qint64 bytesDownloaded = 0;
    qint64 bytesPushed = 0; // pack data sent to the remote (compressed, every push attempt)
    int pushAttempts = 0;
    int scanned = 0;
    int hashed = 0;
    QString scanKind = QStringLiteral("full"); // "full", or "changes": only what the watcher reported
    QString trigger;                           // watch mode: "start", "changes", "remote", "scan", "retry"
    QString watcher;                           // watch mode: "" when it sees everything, else why not
    double durationSeconds = 0;
    QJsonObject timings; // seconds per phase: scan, fetch, tree, plan, store, push, apply, save
    QStringList notes;   // refusals, held deletions, skipped files: "path: why"
    // What kept a successful cycle from syncing everything (unreadable folders): the profile is degraded.
    QStringList problems;
    SyncHealth health;        // the profile's health after this cycle (SyncHealth::after)
    ProfileSnapshot snapshot; // the profile's state after this cycle, for the status window
    // The files the cycle moved, {"action", "path"} with the repository path, the first kChangesKept:
    // uploaded, deleted_remote, downloaded, deleted_local, merged, held (the Recent changes list).
    static constexpr int kChangesKept = 200;
    QJsonArray changes;
    int changesTotal = 0;
    void addChanges(const QString& action, const QStringList& paths);

    int filesChanged() const
    {
        return uploaded + deletedRemote + downloaded + deletedLocal + merged + keptBoth;
    }
    QJsonObject toMetadata() const;
    // The sync_logs task name of a profile's cycles: "sync:NAME". The one place the prefix is spelled.
    static QString taskName(const QString& profile) { return QStringLiteral("sync:") + profile; }
    // The profile of a sync task name ("sync:NAME" -> NAME); empty for other tasks ("github").
    static QString profileOfTask(const QString& task);
    QString summary() const; // one line for `ferry sync`
    // The sync_logs status of the cycle: failed, partial (new pending conflicts, held deletions or
    // refused paths left), else success.
    QString runStatus() const;
};

} // namespace ferry::sync

Q_DECLARE_METATYPE(ferry::sync::SyncResult)
