#pragma once

#include "core/config/config.h"
#include "core/sync/filestat.h"
#include "core/sync/ignorerules.h"
#include "core/sync/syncstate.h"

#include <limits>
#include <QHash>
#include <QSet>
#include <QStringList>

namespace ferry::sync {

// A local file as the scan found it.
struct LocalFile
{
    QString absolutePath;
    Sha256Digest hash; // "sha256:<hex>", as bytes (as in FileRecord)
    BlobId oid;        // git blob id
    FileStat stat;
    bool stable = true; // false: it changed while being read (still being written); leave it for later
};

// What a scan found, as a difference from the records it compared against: a scan in which nothing
// changed keeps nothing per file (at 100,000 files, building a table of them cost more than the
// system calls). A path is either in `changed` (new, or its metadata differs from the base), in `gone`
// (in the base, not found: deleted, or outside every mapping), in `ignored` (in the base, ignored by the
// rules now: it leaves tracking, nothing is deleted), in `unknown` (in the base, under a folder that
// could not be read: nothing is decided about it this cycle), or unchanged (in the base and in none of
// these: size, mtime, inode and executable bit exactly as recorded).
struct ScanResult
{
    FileRecords base;                   // what the scan compared against (shared, not copied)
    QHash<QString, LocalFile> changed;  // repository path -> file, for files the base does not describe
    QSet<QString> gone;                 // base paths the scan did not find
    QSet<QString> ignored;              // base paths the ignore rules skip now
    QSet<QString> unknown;              // base paths under a folder or at a file that could not be read
    QStringList unreadable;             // "path: why" for every folder or file that could not be read
    QStringList unreadableDirs;         // repository paths of folders that could not be listed
    qsizetype found = 0;                // files found in all
    QStringList notes;                  // skipped symlinks, unreadable files: "path: why"
    QStringList missingFolders;         // mapped folders that do not exist (or are not folders)
    QHash<QString, int> filesPerFolder; // repo_path of a mapping -> files found under it
    int hashed = 0;                     // files read because their metadata changed
    qint64 bytesHashed = 0;

    bool contains(const QString& path) const;
    bool unchanged(const QString& path) const; // in the base and found exactly as recorded
    // Whether `path` is, or lies under, something that could not be read this time.
    bool underUnreadable(const QString& path) const;
    // The file as found; an unchanged one is described from its record (without absolutePath).
    // FileStat::Type::Missing when it was not found.
    LocalFile file(const QString& path) const;
    FileRecords records() const; // every file found, as records (for tests and tools)
    // The same files described against another base (after a remote reset): found files equal to
    // their record in `newBase` are unchanged, the others changed (with their absolute paths, taken
    // from `folders`), records not found gone.
    ScanResult rebased(const FileRecords& newBase, const QList<config::FolderMapping>& folders) const;
};

// Walks the mapped folders and describes every file by repository path. A file whose size, mtime (ns)
// and inode match the last synced record keeps that record's hashes without being read; the others are
// read and hashed in parallel (QtConcurrent). Symlinks and special files are never followed or synced:
// they are listed in notes. Empty folders are not synced (Git stores files, not folders).
class Scanner
{
public:
    Scanner(QList<config::FolderMapping> folders, IgnoreRules ignore);

    // Records are trusted (the file is not read) only for files whose mtime is before this, in ns since
    // the epoch; newer ones are read again. Default: trust every record.
    void setTrustedBefore(qint64 mtimeNs) { m_trustedBeforeNs = mtimeNs; }

    ScanResult scan(const FileRecords& base) const;
    // The same result from the paths a watcher saw change (absolute; files or folders, existing or
    // gone) when everything else is known to be as `base` describes it: only those are looked at.
    ScanResult scanChanges(const FileRecords& base, const QStringList& changedPaths) const;

    // Whether the ignore rules skip a repository path (by its name or a folder on its way); paths
    // outside every mapping are not ignored (they are not ours to decide).
    bool ignores(const QString& repoPath) const;

    // The repository path of a file under a mapping, and back.
    static QString repoPath(const config::FolderMapping& folder, const QString& relativePath);
    static QString relativePath(const config::FolderMapping& folder, const QString& repoPath);
    // The mapping whose local folder holds `absolute` (or is it), with the path relative to it; nullptr if
    // none.
    static const config::FolderMapping* mappingOfLocal(const QList<config::FolderMapping>& folders,
                                                       const QString& absolute, QString* relative);

    // "sha256:<hex>" and the git blob id of a file, in one read; empty strings if it cannot be read.
    struct Hashes
    {
        QString sha256;
        QString oid;
        QString error;
    };
    static Hashes hashFile(const QString& path, qint64 expectedSize);
    // The same two for content in memory.
    static QString sha256Of(const QByteArray& content);
    static QString blobOidOf(const QByteArray& content);

private:
    const config::FolderMapping* mappingOfRepo(const QString& path, QString* relative) const;

    QList<config::FolderMapping> m_folders;
    IgnoreRules m_ignore;
    qint64 m_trustedBeforeNs = std::numeric_limits<qint64>::max();
};

} // namespace ferry::sync
