#include "core/git/streamedpackwriter.h"

#include "core/git/packentryheader.h"
#include "core/git/ptr.h"
#include "core/git/rawoid.h"
#include "core/git/repository.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryFile>
#include <zlib.h>

namespace ferry::git {
namespace {

constexpr qint64 kPackHeader = 12;
constexpr qint64 kTrailer = 20;

Error packError(const QString& why)
{
    return makeError(ErrorKind::Io, QStringLiteral("cannot write the pack to push: %1").arg(why));
}

int toFile(void* data, size_t size, void* payload)
{
    auto* file = static_cast<QTemporaryFile*>(payload);
    return file->write(static_cast<const char*>(data), qint64(size)) == qint64(size) ? 0 : -1;
}

// Hashes what goes to the sink, counts it, and keeps the pieces no larger than kPiece.
class Output
{
public:
    explicit Output(const StreamedPackWriter::Sink& sink) : m_sink(sink) {}
    Status put(const char* data, qsizetype size)
    {
        m_sha.addData(QByteArrayView(data, size));
        m_bytes += size;
        return m_sink(data, size);
    }
    Status copy(QFile& file, qint64 from, qint64 to, QByteArray& buffer, quint32* crc = nullptr)
    {
        if (!file.seek(from))
            return packError(file.errorString());
        for (qint64 at = from; at < to;) {
            const qint64 n = file.read(buffer.data(), qMin<qint64>(buffer.size(), to - at));
            if (n <= 0)
                return packError(QStringLiteral("%1 ends early").arg(file.fileName()));
            if (crc)
                *crc = quint32(crc32(*crc, reinterpret_cast<const Bytef*>(buffer.constData()), uInt(n)));
            if (Status s = put(buffer.constData(), qsizetype(n)); !s)
                return s;
            at += n;
        }
        return Status::success();
    }
    Status finish()
    {
        const QByteArray trailer = m_sha.result();
        return put(trailer.constData(), trailer.size());
    }
    qint64 bytes() const { return m_bytes; }

private:
    const StreamedPackWriter::Sink& m_sink;
    QCryptographicHash m_sha{QCryptographicHash::Sha1};
    qint64 m_bytes = 0;
};

} // namespace

Result<qint64> StreamedPackWriter::write(git_repository* repo, const PushObjects& objects,
                                         const QString& tempDir, const Sink& sink)
{
    git_packbuilder* rawBuilder = nullptr;
    if (const int rc = git_packbuilder_new(&rawBuilder, repo); rc < 0)
        return lastError(rc, QStringLiteral("cannot build the pack to push"));
    const Ptr<git_packbuilder> builder(rawBuilder);
    git_packbuilder_set_threads(builder.get(), 0); // the delta search on every core
    for (const QByteArray& raw : objects.objects()) {
        const git_oid id = oidFromRaw(raw);
        if (const int rc = git_packbuilder_insert(builder.get(), &id, nullptr); rc < 0)
            return lastError(rc, QStringLiteral("cannot build the pack to push"));
    }
    // Named as git names its pack being written, so a leftover goes with the next cycle's cleanup.
    QTemporaryFile small(tempDir + QStringLiteral("/tmp_pack_push_XXXXXX"));
    if (!small.open())
        return packError(small.errorString());
    if (const int rc = git_packbuilder_foreach(builder.get(), toFile, &small); rc < 0)
        return lastError(rc, QStringLiteral("cannot build the pack to push"));
    if (!small.flush() || small.size() < kPackHeader + kTrailer)
        return packError(small.errorString());

    const qint64 count = qint64(git_packbuilder_object_count(builder.get())) + objects.largeBlobs().size();
    const QByteArray header = packFileHeader(quint32(count));
    Output out(sink);
    QByteArray buffer(kPiece, Qt::Uninitialized);
    if (Status s = out.put(header.constData(), header.size()); !s)
        return s.error();
    // The builder's entries without its header and trailer.
    if (Status s = out.copy(small, kPackHeader, small.size() - kTrailer, buffer); !s)
        return s.error();
    for (const PushObjects::LargeBlob& blob : objects.largeBlobs()) {
        QFile pack(blob.entry.packPath);
        if (!pack.open(QIODevice::ReadOnly))
            return packError(QStringLiteral("%1: %2").arg(pack.fileName(), pack.errorString()));
        auto crc = quint32(crc32(0, nullptr, 0));
        if (Status s = out.copy(pack, blob.entry.offset, blob.entry.end, buffer, &crc); !s)
            return s.error();
        if (crc != blob.entry.crc)
            return packError(QStringLiteral("the entry of blob %1 in %2 does not match its CRC32 (the pack "
                                            "is damaged; git fsck tells more)")
                                 .arg(QString::fromLatin1(blob.id.toHex()), pack.fileName()));
    }
    if (Status s = out.finish(); !s)
        return s.error();
    return out.bytes();
}

} // namespace ferry::git
