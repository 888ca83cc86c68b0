#pragma once

#include "core/util/result.h"

#include <memory>
#include <QCryptographicHash>
#include <QString>

struct git_odb;
struct git_odb_writepack;
struct z_stream_s;

namespace ferry::git {

// Streams one blob into a pack of its own, fed in pieces: the pack header, the object's header, its
// content deflated as it arrives, the trailer, all through libgit2's indexer (which writes the pack under
// a temporary name, indexes it and fsyncs both before renaming them into objects/pack). A large file is
// stored so rather than as a loose object because libgit2 1.5's push reads every object whole
// (git_odb_read), and a loose object is read by loading its whole compressed file and inflating it beside
// that: two copies of the file in memory. A packed object is inflated from mapped windows of at most
// 64 MiB (Library), so the push holds one copy. Nothing is visible before finish(): destroyed before it,
// the stream leaves at most the indexer's temporary file, which git and libgit2 ignore.
class BlobPackStream
{
public:
    ~BlobPackStream();
    BlobPackStream(const BlobPackStream&) = delete;
    BlobPackStream& operator=(const BlobPackStream&) = delete;

    // A pack for a blob of exactly `size` bytes in `odb` (which must outlive the stream).
    static Result<std::unique_ptr<BlobPackStream>> open(git_odb* odb, qint64 size);

    Status write(const char* data, qsizetype size);
    // Completes the pack once `size` bytes were written and returns the blob's id (hex). If the database
    // holds the blob already, the new pack is dropped rather than added.
    Result<QString> finish();

    // Bytes of the pack handed to the indexer so far (for tests and crash points).
    qint64 packBytes() const { return m_packBytes; }

private:
    BlobPackStream(git_odb* odb, qint64 size);
    Status put(const char* data, qsizetype size); // to the indexer, through the buffer
    Status flush();
    Status deflateInto(const char* data, qsizetype size, bool last);

    git_odb* m_odb;
    qint64 m_size;
    qint64 m_written = 0;
    qint64 m_packBytes = 0;
    git_odb_writepack* m_pack = nullptr;
    std::unique_ptr<z_stream_s> m_zlib;
    bool m_zlibReady = false;
    QCryptographicHash m_packSha{QCryptographicHash::Sha1}; // the pack's trailer
    QCryptographicHash m_blobSha{QCryptographicHash::Sha1}; // the blob id: "blob <size>\0" + content
    QByteArray m_out;                                       // pack bytes not yet handed to the indexer
    QByteArray m_deflated;                                  // zlib's output buffer
};

} // namespace ferry::git
