#pragma once

#include "core/config/config.h"
#include "core/git/repository.h"
#include "core/sync/scanner.h"
#include "core/sync/syncplan.h"
#include "core/sync/syncresult.h"
#include "core/sync/syncstate.h"
#include "core/sync/versionstore.h"

#include <functional>

namespace ferry::sync {

// Carries the remote side of a plan into the mapped folders: downloads, deletions, and the keep-both
// handling of conflicts, each through FileApplier (atomic, never over a file edited since the scan).
// Every change that lands updates its base record; one that does not keeps the old record, so the
// next cycle sees it again. A local file is archived in `versions` before it is overwritten or
// deleted; if it cannot be archived (full disk), it is left alone and the path waits.
class LocalChanges
{
public:
    LocalChanges(git::Repository& repo, const QList<config::FolderMapping>& folders, const ScanResult& scan,
                 const git::TreeFiles& remote, VersionStore& versions);

    void apply(const SyncPlan& plan, SyncState& state, SyncResult& result, const QDateTime& now);
    // Hears files done of total, every 64 and at the end.
    void setProgress(std::function<void(int done, int total)> progress) { m_progress = std::move(progress); }

    static FileRecord recordOf(const LocalFile& file, const QString& source);

private:
    static QString whyNotWritten(const config::FolderMapping& folder, const QString& path);
    void download(const QString& path, SyncState& state, SyncResult& result);
    void deleteLocal(const QString& path, SyncState& state, SyncResult& result);
    void keepBoth(const ConflictCase& conflict, SyncState& state, SyncResult& result, const QDateTime& now);
    void moveAside(const TypeClash& clash, SyncState& state, SyncResult& result);
    void writeMerged(const MergedFile& merged, SyncState& state, SyncResult& result, const QDateTime& now);
    bool archive(const QString& path, const QString& reason, SyncResult& result);
    void step();
    FileStat scanned(const QString& path) const;
    void recordWritten(const config::FolderMapping& folder, const QString& path, const QByteArray& content,
                       const QString& oid, const QString& source, SyncState& state) const;

    git::Repository& m_repo;
    const QList<config::FolderMapping>& m_folders;
    const ScanResult& m_scan;
    const git::TreeFiles& m_remote;
    VersionStore& m_versions;
    std::function<void(int, int)> m_progress;
    int m_total = 0;
    int m_done = 0;
    QDateTime m_now; // the cycle's time, for the archived versions
};

} // namespace ferry::sync
