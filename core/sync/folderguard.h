#pragma once

#include "core/config/config.h"
#include "core/sync/scanner.h"
#include "core/sync/syncstate.h"
#include "core/util/result.h"

namespace ferry::sync {

// An unmounted drive or a replaced folder looks like "every file was deleted": never push that. Each
// mapped folder carries a hidden marker from its first sync on (as Syncthing's .stfolder): a folder that
// is missing, or lost its marker while the state says it held files, pauses the profile. A folder a
// person emptied keeps its marker; the mass-deletion guard still holds large deletions there.
class FolderGuard
{
public:
    static const QString kMarker; // ".ferry-folder"

    // Why the profile must pause, or nothing when every folder looks as it should.
    // `allowMassDelete` accepts a folder that lost its marker (the person says this is the folder now).
    static std::optional<QString> problem(const QList<config::FolderMapping>& folders, const ScanResult& scan,
                                          const SyncState& state, bool allowMassDelete);
    // Writes the marker into every folder that lacks it.
    static Status mark(const QList<config::FolderMapping>& folders);
};

} // namespace ferry::sync
