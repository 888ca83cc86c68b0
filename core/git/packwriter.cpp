#include "core/git/packwriter.h"

#include "core/git/packentryheader.h"
#include "core/git/ptr.h"
#include "core/git/rawoid.h"

#include <atomic>
#include <git2.h>
#include <git2/sys/odb_backend.h>
#include <QCryptographicHash>
#include <QFile>
#include <QSet>
#include <QtConcurrent/QtConcurrentMap>
#include <QThread>
#include <zlib.h>

namespace ferry::git {

struct PackWriter::Item
{
    enum class State { Pending, Packed, Failed, Left };
    State state = State::Pending;
    git_oid oid{};
    qint64 size = 0;
    QString sha256;   // "sha256:<hex>" of the same read, as BlobWriter gives it
    QByteArray entry; // the pack entry: type and size header, then the zlib stream
};

namespace {

QString hexOf(const git_oid& oid)
{
    char buf[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(buf, sizeof buf, &oid);
    return QString::fromLatin1(buf);
}

// An undeltified blob as a pack entry: the type and size in the variable-length header, then the content
// deflated at zlib's fastest level (git's core.compression for fast-import is the default level; the
// repacker recompresses with deltas anyway).
QByteArray packEntry(const QByteArray& content)
{
    QByteArray out = packEntryHeader(GIT_OBJECT_BLOB, quint64(content.size()));
    const qsizetype headerSize = out.size();
    uLongf deflated = compressBound(uLong(content.size()));
    out.resize(headerSize + qsizetype(deflated));
    if (compress2(reinterpret_cast<Bytef*>(out.data() + headerSize), &deflated,
                  reinterpret_cast<const Bytef*>(content.constData()), uLong(content.size()), 1) != Z_OK)
        return {};
    out.resize(headerSize + qsizetype(deflated));
    return out;
}

// Feeds the pack to libgit2's indexer in large pieces (one write per append) and hashes it on the way.
class PackStream
{
public:
    explicit PackStream(git_odb_writepack* pack) : m_pack(pack) {}
    int put(const char* data, qsizetype size)
    {
        m_sha.addData(QByteArrayView(data, size));
        m_buffer.append(data, size);
        return m_buffer.size() >= kChunk ? flush() : 0;
    }
    int finish()
    {
        m_buffer.append(m_sha.result()); // the trailer: SHA-1 of everything before it
        return flush();
    }

private:
    static constexpr qsizetype kChunk = qsizetype(1) << 20;
    int flush()
    {
        const int rc = m_pack->append(m_pack, m_buffer.constData(), size_t(m_buffer.size()), &m_stats);
        m_buffer.clear();
        return rc;
    }
    git_odb_writepack* m_pack;
    QCryptographicHash m_sha{QCryptographicHash::Sha1};
    QByteArray m_buffer;
    git_indexer_progress m_stats{};
};

} // namespace

PackWriter::PackWriter(git_repository* repo, QString repoPath) : m_repo(repo), m_path(std::move(repoPath)) {}

QList<qsizetype> PackWriter::store(const QStringList& absolutePaths, QList<Repository::StoredFile>& stored,
                                   const std::function<void(int)>& progress)
{
    const qsizetype count = absolutePaths.size();
    QList<Item> items(count);
    std::atomic<qsizetype> next{0};
    std::atomic<qint64> pending{0};
    std::atomic<int> done{0};
    const auto readOne = [&](qsizetype i) {
        Item& item = items[i];
        QFile file(absolutePaths[i]);
        if (!file.open(QIODevice::ReadOnly)) {
            stored[i].error = file.errorString();
            item.state = Item::State::Failed;
            return;
        }
        if (file.size() > kMaxFileSize) {
            item.state = Item::State::Left;
            return;
        }
        const QByteArray content = file.readAll();
        if (file.error() != QFileDevice::NoError) {
            stored[i].error = file.errorString();
            item.state = Item::State::Failed;
            return;
        }
        item.size = content.size();
        item.sha256 =
            QStringLiteral("sha256:") +
            QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
        item.entry = packEntry(content);
        if (item.entry.isEmpty() ||
            git_odb_hash(&item.oid, content.constData(), size_t(content.size()), GIT_OBJECT_BLOB) != 0) {
            item.state = Item::State::Left; // the loose path reports why
            return;
        }
        item.state = Item::State::Packed;
        pending += item.entry.size();
    };
    const int workers = qMax(1, QThread::idealThreadCount());
    const QList<int> ids = [&] {
        QList<int> list;
        for (int w = 0; w < workers; ++w)
            list.append(w);
        return list;
    }();

    QList<qsizetype> left;
    QSet<QByteArray> seen; // ids already in a pack of this call (the database sees them after a refresh)
    for (qsizetype start = 0; start < count;) {
        // Read and compress on every core until kBatchBytes are held, then write them as one pack.
        pending = 0;
        QtConcurrent::blockingMap(ids, [&](int) {
            while (pending.load() < kBatchBytes) {
                const qsizetype i = next++;
                if (i >= count)
                    break;
                readOne(i);
                if (const int n = ++done; progress && n % 64 == 0)
                    progress(n);
            }
        });
        const qsizetype end = qMin(next.load(), count);
        QList<Item*> batch;
        for (qsizetype i = start; i < end; ++i) {
            Item& item = items[i];
            const QByteArray key = rawOid(item.oid);
            if (item.state == Item::State::Packed && !seen.contains(key)) {
                seen.insert(key);
                batch.append(&item);
            }
        }
        const Status written = writePack(batch);
        for (qsizetype i = start; i < end; ++i) {
            Item& item = items[i];
            item.entry = QByteArray();
            if (item.state == Item::State::Left || (item.state == Item::State::Packed && !written)) {
                left.append(i);
            } else if (item.state == Item::State::Packed) {
                stored[i].oid = hexOf(item.oid);
                stored[i].size = item.size;
                stored[i].sha256 = item.sha256;
            }
        }
        start = end;
    }
    git_odb* odbRaw = nullptr;
    if (m_packs > 0 && git_repository_odb(&odbRaw, m_repo) == 0) {
        const Ptr<git_odb> odb(odbRaw);
        git_odb_refresh(odb.get()); // so that the commit sees the new packs without a miss first
    }
    return left;
}

// One pack of `objects`, leaving out those the database has already. libgit2's indexer writes the pack
// and its index under temporary names, fsyncs them (GIT_OPT_ENABLE_FSYNC_GITDIR) and renames them into
// objects/pack: a crash leaves at most a temporary file, never a pack without its objects.
Status PackWriter::writePack(const QList<Item*>& objects)
{
    git_odb* odbRaw = nullptr;
    if (const int rc = git_repository_odb(&odbRaw, m_repo); rc < 0)
        return lastError(rc, QStringLiteral("cannot open the object database of %1").arg(m_path));
    const Ptr<git_odb> odb(odbRaw);
    QList<const Item*> fresh;
    for (const Item* item : objects) {
        if (!git_odb_exists_ext(odb.get(), &item->oid, GIT_ODB_LOOKUP_NO_REFRESH))
            fresh.append(item);
    }
    if (fresh.isEmpty())
        return Status::success();
    git_odb_writepack* pack = nullptr;
    if (const int rc = git_odb_write_pack(&pack, odb.get(), nullptr, nullptr); rc < 0)
        return lastError(rc, QStringLiteral("cannot write a pack in %1").arg(m_path));
    PackStream stream(pack);
    const QByteArray header = packFileHeader(quint32(fresh.size()));
    int rc = stream.put(header.constData(), header.size());
    for (qsizetype i = 0; rc >= 0 && i < fresh.size(); ++i)
        rc = stream.put(fresh[i]->entry.constData(), fresh[i]->entry.size());
    if (rc >= 0)
        rc = stream.finish();
    git_indexer_progress stats{};
    if (rc >= 0)
        rc = pack->commit(pack, &stats);
    Status result =
        rc < 0 ? Status(lastError(rc, QStringLiteral("cannot write a pack in %1").arg(m_path))) : Status();
    pack->free(pack); // removes the temporary pack of a failed write
    if (result)
        ++m_packs;
    return result;
}

} // namespace ferry::git
