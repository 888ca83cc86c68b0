#pragma once

#include "core/config/config.h"
#include "core/git/repository.h"
#include "core/sync/scanner.h"
#include "core/sync/syncplan.h"
#include "core/sync/syncstate.h"

#include <functional>
#include <QDateTime>

namespace ferry::sync {

// The three-way decision: for every path, base (the last synced state), local (the scan) and remote
// (the fetched head) give upload, download, delete on one side, agree, or conflict.
// - Only one side changed: that side's change goes to the other.
// - Both changed to the same content: nothing to move.
// - Modified on one side, deleted on the other: the modification wins (nothing is lost).
// - Both changed differently: keep-both (remote under the name, local as a conflict copy).
// A cycle that would delete more than massDeleteMinFiles files and more than massDeleteFraction of the
// profile, on either side, holds those deletions unless allowMassDelete.
// Nothing is decided about a path the ignore rules skip (a recorded one leaves tracking: forgotten,
// never deleted on either side) or one under a folder that could not be read this time.
class Reconciler
{
public:
    struct Input
    {
        QList<config::FolderMapping> folders;
        FileRecords base;
        ScanResult local; // against `base`: local.base is the same records

        git::TreeFiles remote; // the whole tree; only paths under mapped folders are considered
        // The remote head is the one the base describes exactly (state.baseIsHead and an unmoved head):
        // `remote` is then left empty and every remote version is the base's, with no tree to read.
        bool remoteIsBase = false;
        bool allowMassDelete = false;
        // Both sides changed a file differently: the local version goes up (re-uploading after a remote
        // reset), instead of the conflict policy.
        bool localWins = false;
        qint64 maxFileBytes = 0; // local versions larger than this are held, not uploaded (0: no limit)
        // The local ignore rules, for remote paths: an ignored path is neither downloaded nor deleted.
        std::function<bool(const QString& path)> ignored;
        int massDeleteMinFiles = 50;
        double massDeleteFraction = 0.3;
        bool caseInsensitive = false;
        QString host;
        QDateTime now;
    };

    static SyncPlan plan(const Input& input);
    // Takes the uploads and conflicts whose local version is over the size limit out of the plan.
    static void holdTooLarge(const Input& input, SyncPlan& plan);

    // The mapping a repository path belongs to, or nullptr.
    static const config::FolderMapping* folderOf(const QList<config::FolderMapping>& folders,
                                                 const QString& path);
};

} // namespace ferry::sync
