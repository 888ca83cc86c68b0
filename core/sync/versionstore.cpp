#include "sync/versionstore.h"

#include "sync/scanner.h"
#include "util/atomicfile.h"

#include <algorithm>
#include <optional>
#include <QCryptographicHash>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <zstd.h>

namespace ferry::sync {
namespace {

// Level 3 is zstd's default: fast enough to archive on every overwrite, a good ratio on text.
constexpr int kCompressionLevel = 3;

Result<QByteArray> compress(const QByteArray& content)
{
    QByteArray out(qsizetype(ZSTD_compressBound(size_t(content.size()))), Qt::Uninitialized);
    const size_t n = ZSTD_compress(out.data(), size_t(out.size()), content.constData(),
                                   size_t(content.size()), kCompressionLevel);
    if (ZSTD_isError(n))
        return makeError(ErrorKind::Internal,
                         QStringLiteral("cannot compress: %1").arg(QString::fromUtf8(ZSTD_getErrorName(n))));
    out.truncate(qsizetype(n));
    return out;
}

Result<QByteArray> decompress(const QByteArray& stored, qint64 expectedSize)
{
    const unsigned long long declared = ZSTD_getFrameContentSize(stored.constData(), size_t(stored.size()));
    if (declared == ZSTD_CONTENTSIZE_ERROR || declared == ZSTD_CONTENTSIZE_UNKNOWN ||
        qint64(declared) != expectedSize)
        return makeError(ErrorKind::Invalid, QStringLiteral("the archived content is damaged"));
    QByteArray out(qsizetype(declared), Qt::Uninitialized);
    const size_t n =
        ZSTD_decompress(out.data(), size_t(out.size()), stored.constData(), size_t(stored.size()));
    if (ZSTD_isError(n) || qint64(n) != expectedSize)
        return makeError(ErrorKind::Invalid, QStringLiteral("the archived content is damaged"));
    return out;
}

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
QString newId(const QDateTime& now, const QString& path, const QByteArray& content)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(path.toUtf8());
    h.addData(content);
    h.addData(QByteArray::number(now.toMSecsSinceEpoch()));
    return now.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmsszzz'Z'-")) +
           QString::fromLatin1(h.result().toHex().left(8));
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
    const Result<QByteArray> content = util::readWholeFile(localPath);
    if (!content)
        return makeError(content.error().kind,
                         QStringLiteral("cannot archive %1: %2").arg(localPath, content.message()));
    return archiveContent(path, localPath, *content, reason, now);
}

Result<ArchivedVersion> VersionStore::archiveContent(const QString& path, const QString& localPath,
                                                     const QByteArray& content, const QString& reason,
                                                     const QDateTime& now)
{
    if (!QDir().mkpath(m_folder))
        return makeError(ErrorKind::Io, QStringLiteral("cannot create the versions folder %1").arg(m_folder));
    const Result<QByteArray> stored = compress(content);
    if (!stored)
        return stored.error();
    ArchivedVersion v;
    v.id = newId(now, path, content);
    v.path = path;
    v.localPath = localPath;
    v.time = now.toUTC();
    v.reason = reason;
    v.size = content.size();
    v.storedSize = stored->size();
    v.sha256 = Scanner::sha256Of(content);
    if (Status s = util::writeFileAtomically(contentFile(v.id), *stored); !s)
        return makeError(ErrorKind::Io, QStringLiteral("cannot archive %1: %2").arg(localPath, s.message()));
    const QByteArray description = QJsonDocument(toJson(v)).toJson(QJsonDocument::Compact) + '\n';
    if (Status s = util::writeFileAtomically(descriptionFile(v.id), description); !s) {
        QFile::remove(contentFile(v.id));
        return makeError(ErrorKind::Io, QStringLiteral("cannot archive %1: %2").arg(localPath, s.message()));
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

Result<QByteArray> VersionStore::content(const QString& id) const
{
    const Result<ArchivedVersion> v = find(id);
    if (!v)
        return v.error();
    const Result<QByteArray> stored = util::readWholeFile(contentFile(id));
    if (!stored)
        return makeError(stored.error().kind,
                         QStringLiteral("version %1: content missing: %2").arg(id, stored.message()));
    Result<QByteArray> content = decompress(*stored, v->size);
    if (!content)
        return makeError(ErrorKind::Invalid, QStringLiteral("version %1: %2").arg(id, content.message()));
    if (Scanner::sha256Of(*content) != v->sha256)
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("version %1: the archived content is damaged").arg(id));
    return content;
}

Result<VersionStore::Restored> VersionStore::restore(const QString& id, const QString& target,
                                                     const QDateTime& now)
{
    const Result<ArchivedVersion> v = find(id);
    if (!v)
        return v.error();
    const Result<QByteArray> bytes = content(id);
    if (!bytes)
        return bytes.error();
    Restored restored{target.isEmpty() ? v->localPath : target, std::nullopt};
    const Result<QByteArray> current = util::readWholeFile(restored.target);
    if (current && *current != *bytes) {
        Result<ArchivedVersion> kept = archiveContent(
            v->path, restored.target, *current, QStringLiteral("replaced by restoring %1").arg(id), now);
        if (!kept)
            return kept.error(); // the current file stays as it is
        restored.replaced = std::move(kept.value());
    } else if (!current && current.error().kind != ErrorKind::NotFound) {
        return makeError(
            current.error().kind,
            QStringLiteral("cannot read %1 before replacing it: %2").arg(restored.target, current.message()));
    }
    if (Status s = util::writeFileAtomically(restored.target, *bytes); !s)
        return makeError(ErrorKind::Io,
                         QStringLiteral("cannot restore to %1: %2").arg(restored.target, s.message()));
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
