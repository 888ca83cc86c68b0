#pragma once

#include "core/util/clock.h"
#include "core/util/result.h"

#include <optional>
#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

class QIODevice;

namespace ferry::sync {

// One local version kept before Ferry overwrote or deleted it.
struct ArchivedVersion
{
    QString id;        // sortable by time: "20261123T090000123Z-1a2b3c4d"
    QString path;      // in the repository
    QString localPath; // the file it was, on this machine
    QDateTime time;    // when it was archived (UTC)
    QString reason;    // "overwritten by the remote version", "deleted on the remote", …
    qint64 size = 0;   // bytes before compression
    qint64 storedSize = 0;
    QString sha256; // "sha256:<hex>" of the content
};

// How long archived versions are kept: by age, then by total size (compressed), oldest removed first.
struct VersionRetention
{
    int maxAgeDays = 30;
    qint64 maxBytes = qint64(1) << 30;
};

// The versions archive of a profile: every local version that a sync, a conflict policy or a
// resolution replaces is saved here first, zstd-compressed, so that a bad outcome can be undone.
// Archiving and restoring stream through zstd in fixed buffers: a large file is never held in memory.
//
// Each version is two files in the folder: `<id>.zst` (the content) and `<id>.json` (what it was),
// both written atomically, the description last. A crash in between leaves a `.zst` without a
// description, which prune() removes; a version is listed only once complete. If a version cannot be
// saved (full disk, unreadable file), archive() says so and the caller must leave the file alone.
class VersionStore
{
public:
    explicit VersionStore(QString folder, VersionRetention retention = VersionRetention());

    // Saves the current content of `localPath` (the repository `path`) with a reason.
    Result<ArchivedVersion> archive(const QString& path, const QString& localPath, const QString& reason,
                                    const QDateTime& now = util::Clock::system().nowUtc());
    Result<ArchivedVersion> archiveContent(const QString& path, const QString& localPath,
                                           const QByteArray& content, const QString& reason,
                                           const QDateTime& now = util::Clock::system().nowUtc());

    // Newest first; only versions of `path` (repository path or local path) when it is not empty.
    Result<QList<ArchivedVersion>> list(const QString& path = QString()) const;
    Result<ArchivedVersion> find(const QString& id) const;
    Result<QByteArray> content(const QString& id) const;

    // Writes version `id` back (atomically) to `target`, or where it came from when `target` is empty.
    // A different file already there is archived first, so a restore can be undone too.
    struct Restored
    {
        QString target;
        std::optional<ArchivedVersion> replaced; // the file the restore replaced, now archived
    };
    Result<Restored> restore(const QString& id, const QString& target = QString(),
                             const QDateTime& now = util::Clock::system().nowUtc());

    // Drops versions older than the retention age, then the oldest until the total fits, and
    // incomplete leftovers of a crash. Returns how many versions were removed.
    Result<int> prune(const QDateTime& now = util::Clock::system().nowUtc()) const;

    const QString& folder() const { return m_folder; }

private:
    Result<ArchivedVersion> store(QIODevice& in, const QString& path, const QString& localPath,
                                  const QString& reason, const QDateTime& now);
    // Decompresses version `v` into `out` in a stream, checking its size and SHA-256 on the way.
    Status decompressTo(const ArchivedVersion& v, QIODevice& out) const;
    QString contentFile(const QString& id) const;
    QString descriptionFile(const QString& id) const;

    QString m_folder;
    VersionRetention m_retention;
};

} // namespace ferry::sync
