#include "core/sync/versionstore.h"

#include "core/sync/scanner.h"
#include "core/util/atomicfile.h"
#include "core/util/zstdstream.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUuid>

namespace ferry::sync {
namespace {

// Level 3 is zstd's default: fast enough to archive on every overwrite, a good ratio on text.
constexpr int kCompressionLevel = 3;

QJsonObject toJson(const ArchivedVersion& v)
{
    return QJsonObject{{QStringLiteral("id"), v.id},
                       {QStringLiteral("path"), v.path},
                       {QStringLiteral("local_path"), v.localPath},
                       {QStringLiteral("time"), v.time.toUTC().toString(Qt::ISODateWithMs)},
                       {QStringLiteral("reason"), v.reason},
                       {QStringLiteral("size"), double(v.size)},
                       {QStringLiteral("stored_size"), double(v.storedSize)},
                       {QStringLiteral("sha256"), v.sha256}};
}

std::optional<ArchivedVersion> fromJson(const QByteArray& bytes)
{
    const QJsonObject o = QJsonDocument::fromJson(bytes).object();
    ArchivedVersion v;
    v.id = o.value(QStringLiteral("id")).toString();
    v.path = o.value(QStringLiteral("path")).toString();
    v.localPath = o.value(QStringLiteral("local_path")).toString();
    v.time = QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
    v.reason = o.value(QStringLiteral("reason")).toString();
    v.size = qint64(o.value(QStringLiteral("size")).toDouble(-1));
    v.storedSize = qint64(o.value(QStringLiteral("stored_size")).toDouble());
    v.sha256 = o.value(QStringLiteral("sha256")).toString();
    if (v.id.isEmpty() || !v.time.isValid() || v.size < 0)
        return std::nullopt;
    return v;
}

// Ids sort by time; the hash part keeps two versions of one millisecond apart.
QString newId(const QDateTime& now, const QString& path, const QString& sha256)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(path.toUtf8());
    h.addData(sha256.toLatin1());
    h.addData(QByteArray::number(now.toMSecsSinceEpoch()));
    return now.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmsszzz'Z'-")) +
           QString::fromLatin1(h.result().toHex().left(8));
}

QString hexOf(QCryptographicHash& h)
{
    return QStringLiteral("sha256:") + QString::fromLatin1(h.result().toHex());
}

// Where an archive is written before it is complete: a crash leaves a "partial-*.zst" without a
// description, which prune() removes as any such leftover.
QString partialName(const QString& folder)
{
    return folder + QStringLiteral("/partial-") + QUuid::createUuid().toString(QUuid::Id128).left(12) +
           QStringLiteral(".zst");
}

bool replaceFile(const QString& from, const QString& to)
{
    return std::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0;
}

} // namespace

VersionStore::VersionStore(QString folder, VersionRetention retention)
    : m_folder(std::move(folder)), m_retention(retention)
{
}

QString VersionStore::contentFile(const QString& id) const
{
    return m_folder + u'/' + id + QStringLiteral(".zst");
}

QString VersionStore::descriptionFile(const QString& id) const
{
    return m_folder + u'/' + id + QStringLiteral(".json");
}

Result<ArchivedVersion> VersionStore::archive(const QString& path, const QString& localPath,
                                              const QString& reason, const QDateTime& now)
{
    QFile file(localPath);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(file.exists() ? ErrorKind::Io : ErrorKind::NotFound,
                         QStringLiteral("cannot archive %1: %2").arg(localPath, file.errorString()));
    return store(file, path, localPath, reason, now);
}

Result<ArchivedVersion> VersionStore::archiveContent(const QString& path, const QString& localPath,
                                                     const QByteArray& content, const QString& reason,
                                                     const QDateTime& now)
{
    QBuffer buffer(const_cast<QByteArray*>(&content)); // read only
    buffer.open(QIODevice::ReadOnly);
    return store(buffer, path, localPath, reason, now);
}

// Compresses `in` in a stream into a partial file, hashing it on the way; the partial file becomes
// `<id>.zst` once complete and on disk, then the description is written.
Result<ArchivedVersion> VersionStore::store(QIODevice& in, const QString& path, const QString& localPath,
                                            const QString& reason, const QDateTime& now)
{
    const auto failed = [&](const QString& why) {
        return makeError(ErrorKind::Io, QStringLiteral("cannot archive %1: %2").arg(localPath, why));
    };
    if (!QDir().mkpath(m_folder))
        return makeError(ErrorKind::Io, QStringLiteral("cannot create the versions folder %1").arg(m_folder));
    QFile partial(partialName(m_folder));
    if (!partial.open(QIODevice::WriteOnly))
        return failed(partial.errorString());
    QCryptographicHash sha256(QCryptographicHash::Sha256);
    const Result<util::ZstdStream::Totals> totals = util::ZstdStream::compress(
        in, partial, kCompressionLevel, in.size(), [&](QByteArrayView piece) { sha256.addData(piece); });
    const bool onDisk = totals && util::flushToDisk(partial);
    partial.close();
    if (!onDisk) {
        partial.remove();
        return failed(totals ? QStringLiteral("disk full?") : totals.message());
    }
    ArchivedVersion v;
    v.sha256 = hexOf(sha256);
    v.id = newId(now, path, v.sha256);
    v.path = path;
    v.localPath = localPath;
    v.time = now.toUTC();
    v.reason = reason;
    v.size = totals->plain;
    v.storedSize = totals->packed;
    if (!replaceFile(partial.fileName(), contentFile(v.id))) {
        partial.remove();
        return failed(QStringLiteral("rename failed"));
    }
    const QByteArray description = QJsonDocument(toJson(v)).toJson(QJsonDocument::Compact) + '\n';
    if (Status s = util::writeFileAtomically(descriptionFile(v.id), description); !s) {
        QFile::remove(contentFile(v.id));
        return failed(s.message());
    }
    return v;
}

Result<QList<ArchivedVersion>> VersionStore::list(const QString& path) const
{
    QList<ArchivedVersion> versions;
    const QStringList names = QDir(m_folder).entryList({QStringLiteral("*.json")}, QDir::Files);
    for (const QString& name : names) {
        const Result<QByteArray> bytes = util::readWholeFile(m_folder + u'/' + name);
        if (!bytes)
            continue; // removed meanwhile by a prune
        const std::optional<ArchivedVersion> v = fromJson(*bytes);
        if (!v || !QFile::exists(contentFile(v->id)))
            continue;
        if (path.isEmpty() || v->path == path || v->localPath == path)
            versions.append(*v);
    }
    std::sort(versions.begin(), versions.end(),
              [](const ArchivedVersion& a, const ArchivedVersion& b) { return a.id > b.id; });
    return versions;
}

Result<ArchivedVersion> VersionStore::find(const QString& id) const
{
    // Ids name files: anything but the id's own characters could reach outside the folder.
    static const QRegularExpression valid(QStringLiteral("^[0-9A-Za-z-]+$"));
    const Result<QByteArray> bytes = valid.match(id).hasMatch()
                                         ? util::readWholeFile(descriptionFile(id))
                                         : Result<QByteArray>(makeError(ErrorKind::NotFound, QString()));
    const std::optional<ArchivedVersion> v = bytes ? fromJson(*bytes) : std::nullopt;
    if (!v)
        return makeError(ErrorKind::NotFound,
                         QStringLiteral("no archived version %1 (see `ferry versions`)").arg(id));
    return *v;
}

Status VersionStore::decompressTo(const ArchivedVersion& v, QIODevice& out) const
{
    QFile stored(contentFile(v.id));
    if (!stored.open(QIODevice::ReadOnly))
        return makeError(stored.exists() ? ErrorKind::Io : ErrorKind::NotFound,
                         QStringLiteral("version %1: content missing: %2").arg(v.id, stored.errorString()));
    QCryptographicHash sha256(QCryptographicHash::Sha256);
    const Result<util::ZstdStream::Totals> totals =
        util::ZstdStream::decompress(stored, out, [&](QByteArrayView piece) { sha256.addData(piece); });
    if (!totals && totals.error().kind != ErrorKind::Invalid)
        return makeError(totals.error().kind, QStringLiteral("version %1: %2").arg(v.id, totals.message()));
    if (!totals || totals->plain != v.size || hexOf(sha256) != v.sha256)
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("version %1: the archived content is damaged").arg(v.id));
    return Status::success();
}

Result<QByteArray> VersionStore::content(const QString& id) const
{
    const Result<ArchivedVersion> v = find(id);
    if (!v)
        return v.error();
    QByteArray content;
    QBuffer buffer(&content);
    buffer.open(QIODevice::WriteOnly);
    if (Status s = decompressTo(*v, buffer); !s)
        return s.error();
    return content;
}

Result<VersionStore::Restored> VersionStore::restore(const QString& id, const QString& target,
                                                     const QDateTime& now)
{
    const Result<ArchivedVersion> v = find(id);
    if (!v)
        return v.error();
    Restored restored{target.isEmpty() ? v->localPath : target, std::nullopt};
    const auto failed = [&](const Error& e) {
        return makeError(e.kind, QStringLiteral("cannot restore to %1: %2").arg(restored.target, e.message));
    };
    // Decompressed beside the target (".ferry-tmp-", which scans skip) and checked before anything is
    // replaced: a damaged version changes nothing.
    const QString folder = QFileInfo(restored.target).absolutePath();
    QFile partial(folder + QStringLiteral("/.ferry-tmp-") +
                  QUuid::createUuid().toString(QUuid::Id128).left(12));
    if (!QDir().mkpath(folder) || !partial.open(QIODevice::WriteOnly))
        return failed(makeError(ErrorKind::Io, partial.errorString()));
    Status written = decompressTo(*v, partial);
    if (written && !util::flushToDisk(partial))
        written = makeError(ErrorKind::Io, partial.errorString());
    partial.close();
    const auto discard = [&](const Error& e) {
        partial.remove();
        return e;
    };
    if (!written)
        return discard(failed(written.error()));
    // A different file already there is archived first (streamed, as any archive).
    const Scanner::Hashes current = Scanner::hashFile(restored.target, QFileInfo(restored.target).size());
    if (current.error.isEmpty() && current.sha256 != v->sha256) {
        Result<ArchivedVersion> kept =
            archive(v->path, restored.target, QStringLiteral("replaced by restoring %1").arg(id), now);
        if (!kept)
            return discard(kept.error()); // the current file stays as it is
        restored.replaced = std::move(kept.value());
    } else if (!current.error.isEmpty() && QFileInfo::exists(restored.target)) {
        return discard(makeError(
            ErrorKind::Io,
            QStringLiteral("cannot read %1 before replacing it: %2").arg(restored.target, current.error)));
    }
    if (QFileInfo::exists(restored.target)) // the restored file keeps the mode of the one it replaces
        partial.setPermissions(QFileInfo(restored.target).permissions());
    if (!replaceFile(partial.fileName(), restored.target))
        return discard(failed(makeError(ErrorKind::Io, QStringLiteral("rename failed"))));
    return restored;
}

Result<int> VersionStore::prune(const QDateTime& now) const
{
    const QDir dir(m_folder);
    if (!dir.exists())
        return 0;
    // Leftovers of a crash between the two writes: content without a description, an hour old.
    for (const QFileInfo& f : dir.entryInfoList({QStringLiteral("*.zst")}, QDir::Files)) {
        if (!QFile::exists(descriptionFile(f.completeBaseName())) && f.lastModified().secsTo(now) > 3600)
            QFile::remove(f.absoluteFilePath());
    }
    Result<QList<ArchivedVersion>> all = list();
    if (!all)
        return all.error();
    QList<ArchivedVersion> newestFirst = std::move(all.value());
    qint64 total = 0;
    for (const ArchivedVersion& v : newestFirst)
        total += v.storedSize;
    int removed = 0;
    const QDateTime oldest = now.addDays(-m_retention.maxAgeDays);
    while (!newestFirst.isEmpty() && (newestFirst.last().time < oldest || total > m_retention.maxBytes)) {
        const ArchivedVersion v = newestFirst.takeLast();
        // Description first: a crash in between leaves an unlisted leftover, never a listed gap.
        if (!QFile::remove(descriptionFile(v.id)))
            return makeError(ErrorKind::Io, QStringLiteral("cannot remove archived version %1").arg(v.id));
        QFile::remove(contentFile(v.id));
        total -= v.storedSize;
        ++removed;
    }
    return removed;
}

} // namespace ferry::sync
