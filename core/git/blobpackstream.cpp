#include "core/git/blobpackstream.h"

#include "core/git/packentryheader.h"
#include "core/git/repository.h"

#include <git2.h>
#include <git2/sys/odb_backend.h>
#include <QtEndian>
#include <zlib.h>

namespace ferry::git {
namespace {

constexpr qsizetype kFlushAt = qsizetype(1) << 20; // pack bytes per indexer append

QString hexOf(const git_oid& oid)
{
    char buf[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(buf, sizeof buf, &oid);
    return QString::fromLatin1(buf);
}

Error storeError(const QString& why)
{
    return makeError(ErrorKind::Io, QStringLiteral("cannot store a blob in a pack: %1").arg(why));
}

} // namespace

BlobPackStream::BlobPackStream(git_odb* odb, qint64 size)
    : m_odb(odb), m_size(size), m_zlib(std::make_unique<z_stream_s>()),
      m_deflated(kFlushAt, Qt::Uninitialized)
{
}

BlobPackStream::~BlobPackStream()
{
    if (m_zlibReady)
        deflateEnd(m_zlib.get());
    if (m_pack)
        m_pack->free(m_pack); // removes the temporary pack unless it was committed
}

Result<std::unique_ptr<BlobPackStream>> BlobPackStream::open(git_odb* odb, qint64 size)
{
    std::unique_ptr<BlobPackStream> s(new BlobPackStream(odb, size));
    if (const int rc = git_odb_write_pack(&s->m_pack, odb, nullptr, nullptr); rc < 0)
        return lastError(rc, QStringLiteral("cannot write a pack"));
    *s->m_zlib = {};
    if (deflateInit(s->m_zlib.get(), Z_BEST_SPEED) != Z_OK) // as loose objects: the repacker recompresses
        return storeError(QStringLiteral("zlib cannot start"));
    s->m_zlibReady = true;
    const quint32 header[] = {qToBigEndian(quint32(0x5041434b)) /* "PACK" */, qToBigEndian(quint32(2)),
                              qToBigEndian(quint32(1))};
    const QByteArray entry = packEntryHeader(GIT_OBJECT_BLOB, quint64(size));
    const QByteArray blobHeader = "blob " + QByteArray::number(size) + '\0';
    s->m_blobSha.addData(blobHeader);
    if (Status st = s->put(reinterpret_cast<const char*>(header), sizeof header); !st)
        return st.error();
    if (Status st = s->put(entry.constData(), entry.size()); !st)
        return st.error();
    return {std::move(s)};
}

Status BlobPackStream::write(const char* data, qsizetype size)
{
    if (m_written + size > m_size)
        return storeError(QStringLiteral("more bytes than announced"));
    m_written += size;
    m_blobSha.addData(QByteArrayView(data, size));
    return deflateInto(data, size, false);
}

Status BlobPackStream::deflateInto(const char* data, qsizetype size, bool last)
{
    m_zlib->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
    m_zlib->avail_in = uInt(size);
    for (;;) {
        m_zlib->next_out = reinterpret_cast<Bytef*>(m_deflated.data());
        m_zlib->avail_out = uInt(m_deflated.size());
        const int rc = deflate(m_zlib.get(), last ? Z_FINISH : Z_NO_FLUSH);
        if (rc == Z_STREAM_ERROR)
            return storeError(QStringLiteral("zlib failed"));
        const qsizetype produced = m_deflated.size() - qsizetype(m_zlib->avail_out);
        if (Status st = put(m_deflated.constData(), produced); !st)
            return st;
        if (last ? rc == Z_STREAM_END : (m_zlib->avail_in == 0 && m_zlib->avail_out != 0))
            return Status::success();
    }
}

Status BlobPackStream::put(const char* data, qsizetype size)
{
    m_packSha.addData(QByteArrayView(data, size));
    m_out.append(data, size);
    m_packBytes += size;
    return m_out.size() >= kFlushAt ? flush() : Status::success();
}

Status BlobPackStream::flush()
{
    git_indexer_progress stats{};
    const int rc = m_pack->append(m_pack, m_out.constData(), size_t(m_out.size()), &stats);
    m_out.clear();
    return rc < 0 ? Status(lastError(rc, QStringLiteral("cannot write a pack"))) : Status::success();
}

Result<QString> BlobPackStream::finish()
{
    if (m_written != m_size)
        return storeError(QStringLiteral("fewer bytes than announced"));
    if (Status st = deflateInto(nullptr, 0, true); !st)
        return st.error();
    const QByteArray trailer = m_packSha.result();
    m_out.append(trailer);
    m_packBytes += trailer.size();
    if (Status st = flush(); !st)
        return st.error();
    git_oid oid;
    const QByteArray id = m_blobSha.result();
    git_oid_fromraw(&oid, reinterpret_cast<const unsigned char*>(id.constData()));
    if (git_odb_exists(m_odb, &oid))
        return hexOf(oid); // stored before: the destructor drops the new pack's temporary file
    git_indexer_progress stats{};
    if (const int rc = m_pack->commit(m_pack, &stats); rc < 0)
        return lastError(rc, QStringLiteral("cannot write a pack"));
    git_odb_refresh(m_odb);
    // The indexer computed the id again with libgit2's collision-detecting SHA-1: the pack must hold it.
    if (!git_odb_exists(m_odb, &oid))
        return storeError(QStringLiteral("the pack does not hold blob %1").arg(hexOf(oid)));
    return hexOf(oid);
}

} // namespace ferry::git
