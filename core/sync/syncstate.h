#pragma once

#include "core/config/conflictpolicy.h"
#include "core/sync/filerecords.h"
#include "core/sync/health.h"
#include "core/sync/hexdigest.h"
#include "core/util/result.h"

#include <optional>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace ferry::sync {

struct PendingConflict
{
    QString id;
    QString path; // in the repository
    config::ConflictPolicy policy = config::ConflictPolicy::KeepBoth;
    // "modify/modify" or "add/add" (an edit against a deletion is never a conflict: the edit wins).
    QString kind;
    QString baseOid;  // "" when the file is new on both sides
    QString localOid; // "" when deleted locally
    QString remoteOid;
    QString copyPath; // where the local version was kept, in the repository
    QDateTime detected;
};

struct SyncMetrics
{
    int totalSyncs = 0;
    int successfulSyncs = 0;
    int failedSyncs = 0;
    double totalDurationSeconds = 0;
    qint64 filesUploaded = 0;
    qint64 filesDownloaded = 0;
    qint64 bytesUploaded = 0;
    qint64 bytesDownloaded = 0;
    int conflictsResolved = 0;     // by a person (resolver, `ferry resolve`)
    int conflictsAutoResolved = 0; // settled by their policy in a cycle, nothing left to decide
};

// The remote branch stopped descending from the last synced head (emptied, replaced, rewritten,
// deleted): nothing is inferred from it until a person chooses what happens (SyncOptions::resetChoice).
struct RemoteReset
{
    QString lastHead; // what this replica synced last
    QString newHead;  // what the remote has now ("" when the branch is gone)
    QString reason;   // for people: what happened and what to do
    QDateTime detected;
};

// The per-profile state file, the commit point of a sync cycle: written atomically, and last.
struct SyncState
{
    QString version = QStringLiteral("1.0.0");
    QDateTime lastLocalToRemote;
    QDateTime lastRemoteToLocal;
    QDateTime lastSync;
    // When the scan of the last successful cycle began. A record whose mtime is not clearly older
    // than this may describe a file written again within the same timestamp tick (coarse file system
    // clocks): the next scan reads such files again instead of trusting size, mtime and inode.
    QDateTime lastScanStarted;
    QString head; // the remote head both sides agreed on last
    // True when the last cycle applied every remote change, so that `files` describes the tree at `head`
    // exactly (for the mapped folders): a cycle that finds the same head can then skip reading the tree.
    bool baseIsHead = false;
    // The ignore rules `files` was decided under: remote paths they skip are not in `files`, so after a
    // change of rules the tree is read again (baseIsHead holds only under the same rules).
    QString ignoreRules;
    FileRecords files;
    QList<PendingConflict> pendingConflicts;
    QStringList heldDeletions;              // repository paths whose deletion waits for --allow-mass-delete
    std::optional<RemoteReset> remoteReset; // set while the profile waits for a person's choice
    QStringList heldFiles; // "path: why" for files the last cycle could not sync (too large, unreadable)
    SyncHealth health;
    SyncMetrics metrics;
    // Set by a watching process (`ferry sync --watch`, the daemon, the app): "watching" or "scanning"
    // (the watcher cannot see everything: watchProblem says why); "" after a one-off `ferry sync`.
    QString watchStatus;
    QString watchProblem;

    // A missing file is a fresh state; a corrupt one is an error (never silently replaced: that
    // would make every file look new, and the next cycle would take that as a fact).
    // Loading reads the binary records file beside it (RecordFile) instead when that one matches.
    // A missing or stale records file is rebuilt from state.json, unless the caller only reads
    // (`ferry status`, `ferry conflicts`, the resolver's list): those never write to the data directory.
    enum class Access { RebuildRecords, ReadOnly };
    static Result<SyncState> load(const QString& path, Access access = Access::RebuildRecords);
    // Writes state.json, then the records file tied to it (each atomically).
    Status save(const QString& path) const;

    // The state.json text (`generation` ties the records file to it); without the per-file records,
    // the small rest that the records file carries.
    QByteArray toText(bool withFiles, quint64 generation) const;
    // `path` is for messages only.
    static Result<SyncState> fromText(const QByteArray& text, const QString& path);
};

} // namespace ferry::sync
