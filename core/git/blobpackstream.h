#pragma once

#include "core/util/result.h"

#include <memory>
#include <QCryptographicHash>
#include <QString>
#include <QTemporaryFile>

struct git_odb;
struct z_stream_s;

namespace ferry::git {

// Streams one blob into a pack of its own, fed in pieces: the pack header, the object's header, its
// content deflated as it arrives, the trailer, written to a temporary file in objects/pack (named like
// libgit2's, pack_git2_*, so the cleanup of leftovers finds it), with the index (PackIndexWriter) written
// beside it; both are fsynced, then renamed into place, the pack before its index as git does, and the
// folder fsynced. A large file is stored so rather than as a loose object because a loose object is
// read by loading its whole compressed file, and a push of a packed one copies its entry
// (StreamedPackWriter). libgit2's indexer is not used: it computes the entry's CRC32 through windows it
// maps over the whole entry, which put the whole pack in the process's memory. Nothing is visible before
// finish(): destroyed before it, the stream removes its temporary file (a killed process leaves it, and
// git and libgit2 ignore it).
class BlobPackStream
{
public:
    ~BlobPackStream();
    BlobPackStream(const BlobPackStream&) = delete;
    BlobPackStream& operator=(const BlobPackStream&) = delete;

    // A pack for a blob of exactly `size` bytes in `odb` (which must outlive the stream), whose packs
    // are in `packDir`.
    static Result<std::unique_ptr<BlobPackStream>> open(git_odb* odb, const QString& packDir, qint64 size);

    Status write(const char* data, qsizetype size);
    // Completes the pack once `size` bytes were written and returns the blob's id (hex). If the database
    // holds the blob already, the new pack is dropped rather than added.
    Result<QString> finish();

    // Bytes of the pack written so far (for tests and crash points).
    qint64 packBytes() const { return m_packBytes; }

private:
    BlobPackStream(git_odb* odb, const QString& packDir, qint64 size);
    Status put(const char* data, qsizetype size); // to the file, through the buffer
    Status flush();
    Status deflateInto(const char* data, qsizetype size, bool last);
    Status install(const QByteArray& id, const QByteArray& packSha);

    git_odb* m_odb;
    qint64 m_size;
    qint64 m_written = 0;
    qint64 m_packBytes = 0;
    QString m_packDir;
    QTemporaryFile m_file;
    quint32 m_crc = 0; // of the entry: everything after the pack header
    std::unique_ptr<z_stream_s> m_zlib;
    bool m_zlibReady = false;
    QCryptographicHash m_packSha{QCryptographicHash::Sha1}; // the pack's trailer
    QCryptographicHash m_blobSha{QCryptographicHash::Sha1}; // the blob id: "blob <size>\0" + content
    QByteArray m_out;                                       // pack bytes not yet written
    QByteArray m_deflated;                                  // zlib's output buffer
};

} // namespace ferry::git
