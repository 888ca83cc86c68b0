#pragma once

#include "core/git/repository.h"

#include <functional>
#include <QList>
#include <QStringList>

struct git_repository;

namespace ferry::git {

// Stores many new files as blobs in packs, as `git fast-import` does, rather than as one loose object
// each. With fsync on, a loose object costs a temporary file, a rename and two fsyncs (the object and its
// folder): a first sync of 100,000 small files spent most of its time in the kernel. A pack costs two
// files and three fsyncs for thousands of objects. The objects are zlib-compressed on every core, without
// delta search (the repacker does that later), and indexed by libgit2's indexer, which fsyncs the pack,
// its index and the folder before the call returns: a commit written after it never points at objects a
// crash could lose.
class PackWriter
{
public:
    static constexpr int kMinFiles = 500;                   // fewer new files: loose objects, as before
    static constexpr qint64 kMaxFileSize = 1 << 20;         // larger files stay loose (streamed)
    static constexpr qint64 kBatchBytes = qint64(64) << 20; // compressed bytes held before a pack is written

    PackWriter(git_repository* repo, QString repoPath);

    // Whether a cycle with `count` new files should write packs.
    static bool suits(qsizetype count) { return count >= kMinFiles; }

    // Reads the files on every core and stores those up to kMaxFileSize in packs, filling `stored` (one
    // entry per path, in order; a file that cannot be read gets its error). Returns the indexes of the
    // files it left for loose objects: the larger ones, and all of a batch whose pack could not be written
    // (the loose path then reports the reason per file). `progress` hears the count of files done.
    QList<qsizetype> store(const QStringList& absolutePaths, QList<Repository::StoredFile>& stored,
                           const std::function<void(int stored)>& progress);

    // The number of packs written by store().
    int packsWritten() const { return m_packs; }

private:
    struct Item;
    Status writePack(const QList<Item*>& objects);

    git_repository* m_repo;
    QString m_path;
    int m_packs = 0;
};

} // namespace ferry::git
