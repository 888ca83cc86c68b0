#include "core/git/blobwriter.h"

#include "core/git/blobpackstream.h"
#include "core/util/bytebudget.h"

#include <git2.h>
#include <memory>
#include <optional>
#include <QByteArray>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace ferry::git {
namespace {

struct FreeStream
{
    void operator()(git_odb_stream* s) const noexcept { git_odb_stream_free(s); }
};
struct FreeOdb
{
    void operator()(git_odb* o) const noexcept { git_odb_free(o); }
};

// What says a file's content may have changed: size, modification and change time.
struct Stamp
{
    qint64 size = -1;
    qint64 mtimeNs = 0;
    qint64 ctimeNs = 0;
    bool operator==(const Stamp& o) const
    {
        return size == o.size && mtimeNs == o.mtimeNs && ctimeNs == o.ctimeNs;
    }
};

Stamp stampOf(QFile& file)
{
#ifdef Q_OS_UNIX
    struct stat st;
    if (::fstat(file.handle(), &st) != 0)
        return {};
    return {qint64(st.st_size), qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
            qint64(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec};
#else
    const QFileInfo info(file.fileName());
    return {info.size(), info.lastModified().toMSecsSinceEpoch() * 1000000, 0};
#endif
}

QString libgitMessage()
{
    const git_error* e = git_error_last();
    return e && e->message ? QString::fromUtf8(e->message) : QStringLiteral("unknown error");
}

Error changedWhileRead(const QString& path)
{
    return makeError(ErrorKind::Conflict, QStringLiteral("%1 changed while being read").arg(path));
}

QString hex(const git_oid& oid)
{
    char buf[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(buf, sizeof buf, &oid);
    return QString::fromLatin1(buf);
}

} // namespace

Result<BlobWriter::Written> BlobWriter::write(const QString& path) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return makeError(ErrorKind::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    const Stamp before = stampOf(file);
    if (before.size < 0)
        return makeError(ErrorKind::Io, QStringLiteral("cannot read %1").arg(path));
    std::optional<util::ByteBudget::Lease> lease;
    if (m_budget)
        lease.emplace(m_budget->acquire(before.size));

    git_odb* odbRaw = nullptr;
    if (git_repository_odb(&odbRaw, m_repo) < 0)
        return makeError(ErrorKind::Internal,
                         QStringLiteral("cannot open the object database: %1").arg(libgitMessage()));
    const std::unique_ptr<git_odb, FreeOdb> odb(odbRaw);
    // Freed without finishing (any early return), either sink drops its temporary file: nothing stored.
    std::unique_ptr<git_odb_stream, FreeStream> loose;
    std::unique_ptr<BlobPackStream> pack;
    if (before.size >= kPackFrom) {
        Result<std::unique_ptr<BlobPackStream>> opened = BlobPackStream::open(
            odb.get(), QString::fromUtf8(git_repository_path(m_repo)) + QStringLiteral("objects/pack"),
            before.size);
        if (!opened)
            return makeError(ErrorKind::Io,
                             QStringLiteral("cannot store %1: %2").arg(path, opened.message()));
        pack = std::move(opened).value();
    } else {
        git_odb_stream* streamRaw = nullptr;
        if (git_odb_open_wstream(&streamRaw, odb.get(), git_object_size_t(before.size), GIT_OBJECT_BLOB) < 0)
            return makeError(ErrorKind::Io, QStringLiteral("cannot store %1: %2").arg(path, libgitMessage()));
        loose.reset(streamRaw);
    }

    QCryptographicHash sha256(QCryptographicHash::Sha256);
    // One buffer per thread: a fresh 1 MiB buffer per file costs an mmap and an munmap each time.
    thread_local QByteArray buffer(kChunk, Qt::Uninitialized);
    qint64 total = 0;
    bool halfway = false;
    for (;;) {
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0)
            return makeError(ErrorKind::Io,
                             QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        if (n == 0)
            break;
        total += n;
        if (total > before.size) // it grew: the stream would refuse the extra bytes anyway
            return changedWhileRead(path);
        sha256.addData(QByteArrayView(buffer.constData(), n));
        if (pack) {
            if (const Status st = pack->write(buffer.constData(), n); !st)
                return makeError(ErrorKind::Io,
                                 QStringLiteral("cannot store %1: %2").arg(path, st.message()));
            if (!halfway && m_onStep && total >= before.size / 2) {
                halfway = true;
                m_onStep("blob-pack-writing");
            }
        } else if (git_odb_stream_write(loose.get(), buffer.constData(), size_t(n)) < 0) {
            return makeError(ErrorKind::Io, QStringLiteral("cannot store %1: %2").arg(path, libgitMessage()));
        }
        if (m_progress)
            m_progress(total);
    }
    if (total != before.size || !(stampOf(file) == before))
        return changedWhileRead(path);
    const QString sha = QStringLiteral("sha256:") + QString::fromLatin1(sha256.result().toHex());
    if (pack) {
        const Result<QString> oid = pack->finish();
        if (!oid)
            return makeError(ErrorKind::Io, QStringLiteral("cannot store %1: %2").arg(path, oid.message()));
        return Written{*oid, sha, total};
    }
    git_oid oid;
    if (git_odb_stream_finalize_write(&oid, loose.get()) < 0)
        return makeError(ErrorKind::Io, QStringLiteral("cannot store %1: %2").arg(path, libgitMessage()));
    return Written{hex(oid), sha, total};
}

} // namespace ferry::git
