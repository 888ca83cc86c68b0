#pragma once

#include <QString>
#include <QStringList>

namespace ferry::git {

// The objects/ folder of a bare repository as files on disk: what repository maintenance counts and
// removes. Reads the folders directly, as `git count-objects` does; nothing here opens libgit2.
class ObjectDir
{
public:
    explicit ObjectDir(const QString& repoPath);

    // Loose objects estimated from one fan-out folder (objects/17) × 256, as `git gc --auto` counts:
    // one directory read, cheap enough to run after every cycle.
    int estimatedLooseObjects() const;
    // Their bytes on disk, estimated from the same folder.
    qint64 estimatedLooseBytes() const;
    // Every loose object as a 40-character hex id (reads all 256 fan-out folders).
    QStringList looseObjects() const;
    QString loosePath(const QString& oid) const;
    // The pack files that have an index, as paths of the .pack; packs kept by a .keep file are left out
    // unless `withKept` (git never repacks those away).
    QStringList packs(bool withKept = false) const;
    // Bytes of every file under objects/ (loose objects, packs, indexes, leftovers).
    qint64 bytes() const;
    // Leftovers of an interrupted pack write older than `seconds`: libgit2's and git's temporary pack
    // files, an index whose pack is missing, a pack whose index is (a repack dropping it was cut
    // short), the repack's settings file (repackSettingsPath). 0 removes them all: only right when no
    // writer runs (the profile lock held, no cycle).
    // Returns how many were removed.
    int removeStaleTemporaries(qint64 seconds) const;
    // Removes fan-out folders that are empty now (a failure only leaves an empty folder).
    void removeEmptyFanOut() const;

    // Flushes a file, or a folder's entries, to the disk; false with errno set on failure.
    static bool syncPath(const QString& path);

    // The temporary config a repack gives libgit2's pack builder, beside objects/ in the bare clone.
    QString repackSettingsPath() const;
    const QString& objectsPath() const { return m_objects; }
    QString packDir() const { return m_objects + QStringLiteral("/pack"); }

private:
    QString m_objects;
};

} // namespace ferry::git
