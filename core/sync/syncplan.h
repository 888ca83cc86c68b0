#pragma once

#include "core/config/conflictpolicy.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace ferry::sync {

// Both sides changed a file differently. Unless its conflict policy settles it (ConflictSettler), the
// remote version keeps the name, the local one is kept as a conflict copy beside it (keep-both), and
// the case waits for a person.
struct ConflictCase
{
    QString path;
    QString copyPath;
    QString kind;                                                     // "modify/modify" or "add/add"
    config::ConflictPolicy policy = config::ConflictPolicy::KeepBoth; // the rule's (keep-both as a fallback)
};

// A conflict a policy merged (union, merge): the merged content goes to the remote and replaces the
// local file. `pendingKind` is set when a person still has to look: "markers" (overlapping text
// edits, marked in the file) or "records" (records changed on both sides).
struct MergedFile
{
    QString path;
    QByteArray content;
    bool executable = false;
    config::ConflictPolicy policy = config::ConflictPolicy::Merge;
    QString pendingKind;
    QString detail; // for the person: what is left to decide
    QString baseOid, localOid, remoteOid;
    QString oid; // of the merged content, once stored
};

// A file on one side and a folder of the same name on the other: the folder keeps the name, the file
// goes to `copyPath` on both sides (TypeClashes).
struct TypeClash
{
    QString path;
    QString copyPath;
    bool fileIsLocal = true; // else the remote holds the file (and the local side the folder)
};

// What one cycle will do, path by path (repository paths).
struct SyncPlan
{
    QStringList uploads;       // local content goes to the remote
    QStringList remoteDeletes; // deleted here, removed from the remote
    QStringList downloads;     // remote content comes here
    QStringList localDeletes;  // deleted there, removed here
    QStringList agreed;        // both sides hold the same now: only the record changes
    QStringList forgotten;     // gone from both sides
    QList<ConflictCase> conflicts;
    QList<MergedFile> merged;
    QList<TypeClash> typeClashes;
    QStringList held;     // deletions held back by the mass-deletion guard
    QStringList refused;  // "path: reason" for remote entries that may not be written
    QStringList waiting;  // local files still being written: next cycle
    QStringList tooLarge; // local versions over max_file_mb: not uploaded, the path left as it is

    qsizetype localChanges() const
    {
        return downloads.size() + localDeletes.size() + conflicts.size() + merged.size() + typeClashes.size();
    }
};

} // namespace ferry::sync
