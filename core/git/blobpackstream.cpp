#include "core/git/blobpackstream.h"

#include "core/git/packentryheader.h"
#include "core/git/packindexwriter.h"
#include "core/git/repository.h"

#include <cstdio>
#include <fcntl.h>
#include <git2.h>
#include <QFile>
#include <QSaveFile>
#include <unistd.h>
#include <zlib.h>

namespace ferry::git {
namespace {

constexpr qsizetype kFlushAt = qsizetype(1) << 20; // pack bytes per write
constexpr qint64 kPackHeader = 12;

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

bool syncFolder(const QString& dir)
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

} // namespace

BlobPackStream::BlobPackStream(git_odb* odb, const QString& packDir, qint64 size)
    : m_odb(odb), m_size(size), m_packDir(packDir), m_file(packDir + QStringLiteral("/pack_git2_XXXXXX")),
      m_crc(quint32(crc32(0, nullptr, 0))), m_zlib(std::make_unique<z_stream_s>()),
      m_deflated(kFlushAt, Qt::Uninitialized)
{
}

BlobPackStream::~BlobPackStream()
{
    if (m_zlibReady)
        deflateEnd(m_zlib.get());
    // m_file removes the temporary pack unless it was installed
}

Result<std::unique_ptr<BlobPackStream>> BlobPackStream::open(git_odb* odb, const QString& packDir,
                                                             qint64 size)
{
    std::unique_ptr<BlobPackStream> s(new BlobPackStream(odb, packDir, size));
    if (!s->m_file.open())
        return storeError(QStringLiteral("%1: %2").arg(packDir, s->m_file.errorString()));
    *s->m_zlib = {};
    if (deflateInit(s->m_zlib.get(), Z_BEST_SPEED) != Z_OK) // as loose objects: the repacker recompresses
        return storeError(QStringLiteral("zlib cannot start"));
    s->m_zlibReady = true;
    const QByteArray header = packFileHeader(1);
    const QByteArray entry = packEntryHeader(GIT_OBJECT_BLOB, quint64(size));
    const QByteArray blobHeader = "blob " + QByteArray::number(size) + '\0';
    s->m_blobSha.addData(blobHeader);
    if (Status st = s->put(header.constData(), header.size()); !st)
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
    if (m_packBytes >= kPackHeader) // the header goes in first and alone
        m_crc = quint32(crc32(m_crc, reinterpret_cast<const Bytef*>(data), uInt(size)));
    m_out.append(data, size);
    m_packBytes += size;
    return m_out.size() >= kFlushAt ? flush() : Status::success();
}

Status BlobPackStream::flush()
{
    const bool ok = m_file.write(m_out) == m_out.size();
    m_out.clear();
    return ok ? Status::success() : Status(storeError(m_file.errorString()));
}

Result<QString> BlobPackStream::finish()
{
    if (m_written != m_size)
        return storeError(QStringLiteral("fewer bytes than announced"));
    if (Status st = deflateInto(nullptr, 0, true); !st)
        return st.error();
    if (Status st = flush(); !st) // the entry's last bytes, before the CRC is final
        return st.error();
    const QByteArray trailer = m_packSha.result();
    m_out.append(trailer);
    m_packBytes += trailer.size();
    if (Status st = flush(); !st)
        return st.error();
    const QByteArray id = m_blobSha.result();
    git_oid oid;
    git_oid_fromraw(&oid, reinterpret_cast<const unsigned char*>(id.constData()));
    if (git_odb_exists(m_odb, &oid))
        return hexOf(oid); // stored before: the destructor drops the new pack's temporary file
    if (Status st = install(id, trailer); !st)
        return st.error();
    git_odb_refresh(m_odb);
    if (!git_odb_exists(m_odb, &oid))
        return storeError(QStringLiteral("the pack does not hold blob %1").arg(hexOf(oid)));
    return hexOf(oid);
}

// Pack and index fsynced under temporary names, then renamed (the pack first: an index never names a
// pack that is not there), then the folder fsynced: a crash leaves either nothing or a complete pair.
Status BlobPackStream::install(const QByteArray& id, const QByteArray& packSha)
{
    if (!m_file.flush() || ::fsync(m_file.handle()) != 0)
        return storeError(m_file.errorString());
    const QString base = m_packDir + QStringLiteral("/pack-") + QString::fromLatin1(packSha.toHex());
    QSaveFile index(base + QStringLiteral(".idx"));
    index.setDirectWriteFallback(false);
    if (!index.open(QIODevice::WriteOnly) ||
        !index.write(PackIndexWriter::single(id, m_crc, quint32(kPackHeader), packSha)) || !index.flush() ||
        ::fsync(index.handle()) != 0)
        return storeError(QStringLiteral("%1: %2").arg(index.fileName(), index.errorString()));
    const QString packPath = base + QStringLiteral(".pack");
    if (std::rename(QFile::encodeName(m_file.fileName()).constData(),
                    QFile::encodeName(packPath).constData()) != 0)
        return storeError(QStringLiteral("cannot rename the pack to %1").arg(packPath));
    m_file.setAutoRemove(false);
    QFile::setPermissions(packPath, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
    if (!index.commit()) // QSaveFile renames its temporary file into place
        return storeError(QStringLiteral("%1: %2").arg(index.fileName(), index.errorString()));
    QFile::setPermissions(index.fileName(), QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
    if (!syncFolder(m_packDir))
        return storeError(QStringLiteral("cannot fsync %1").arg(m_packDir));
    return Status::success();
}

} // namespace ferry::git
