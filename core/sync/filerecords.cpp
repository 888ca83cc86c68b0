#include "core/sync/filerecords.h"

#include <algorithm>
#include <cstring>
#include <QVarLengthArray>
#include <string_view>
#include <type_traits>

namespace ferry::sync {
namespace {

enum Flag : quint8 {
    Executable = 1,
    HashBinary = 2, // `sha` holds the hash
    OidBinary = 4,  // `oid` holds the blob id
    SourceLocal = 8,
    SourceRemote = 16,
    Odd = 32,     // not in the canonical form: the whole record is in Data::odd
    Removed = 64, // a hole until the next compaction; its path stays in the index
};
constexpr quint8 KnownFlags = Executable | HashBinary | OidBinary | SourceLocal | SourceRemote | Odd;

// A record as held: 88 bytes, no heap block of its own.
struct Entry
{
    std::array<quint8, Sha256Digest::Size> sha;
    std::array<quint8, BlobId::Size> oid;
    quint32 pathOffset;
    qint64 size;
    qint64 mtimeNs;
    quint64 inode;
    quint32 pathLength;
    quint8 flags;
};

static_assert(sizeof(Entry) == FileRecords::RawEntrySize && std::is_trivially_copyable_v<Entry>,
              "the records file holds entries as they are in memory");

const QString& localSource()
{
    static const QString s = QStringLiteral("local");
    return s;
}

const QString& remoteSource()
{
    static const QString s = QStringLiteral("remote");
    return s;
}

size_t hashOf(QByteArrayView utf8)
{
    return qHash(utf8, 0);
}

// Calls `f` with `path` as UTF-8; ASCII paths, the common case, without a heap block.
template <typename F>
auto withUtf8(QStringView path, F f)
{
    QVarLengthArray<char, 256> ascii(path.size());
    for (qsizetype i = 0; i < path.size(); ++i) {
        const char16_t c = path[i].unicode();
        if (c >= 0x80) {
            const QByteArray utf8 = path.toUtf8();
            return f(QByteArrayView(utf8));
        }
        ascii[i] = char(c);
    }
    return f(QByteArrayView(ascii.constData(), ascii.size()));
}

} // namespace

struct FileRecords::Data : QSharedData
{
    std::vector<Entry> entries;
    QByteArray paths; // UTF-8, one after another
    // Open addressing, linear probing: (upper half of the path's hash << 32) | (entry + 1); 0 is free.
    std::vector<quint64> index;
    QHash<qsizetype, FileRecord> odd; // by entry
    qsizetype removed = 0;

    QByteArrayView pathAt(qsizetype i) const
    {
        const Entry& e = entries[size_t(i)];
        return {paths.constData() + e.pathOffset, qsizetype(e.pathLength)};
    }

    // The entry holding `utf8` (removed or not), or -1.
    qsizetype find(QByteArrayView utf8, size_t hash) const
    {
        if (index.empty())
            return -1;
        const size_t mask = index.size() - 1;
        const auto tag = quint32(hash >> 32);
        for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
            const quint64 v = index[slot];
            if (v == 0)
                return -1;
            const auto entry = qsizetype(quint32(v)) - 1;
            if (quint32(v >> 32) == tag && pathAt(entry) == utf8)
                return entry;
        }
    }

    void place(qsizetype entry, size_t hash)
    {
        const size_t mask = index.size() - 1;
        size_t slot = hash & mask;
        while (index[slot] != 0)
            slot = (slot + 1) & mask;
        index[slot] = (quint64(quint32(hash >> 32)) << 32) | quint64(entry + 1);
    }

    // Room for `count` entries at a load factor of at most 0.8: with a part of the hash in every slot a
    // probe rarely leaves its cache line, and a smaller index stays in the cache.
    void reindex(qsizetype count)
    {
        size_t capacity = 16;
        while (capacity * 4 < size_t(count) * 5)
            capacity *= 2;
        if (capacity <= index.size())
            return;
        index.assign(capacity, 0);
        for (qsizetype i = 0; i < qsizetype(entries.size()); ++i)
            place(i, hashOf(pathAt(i)));
    }

    // Drops the removed entries once they are half of all.
    void compactIfSparse()
    {
        if (removed < 1024 || removed * 2 < qsizetype(entries.size()))
            return;
        Data kept;
        kept.entries.reserve(entries.size() - size_t(removed));
        for (qsizetype i = 0; i < qsizetype(entries.size()); ++i) {
            Entry e = entries[size_t(i)];
            if (e.flags & Removed)
                continue;
            if (e.flags & Odd)
                kept.odd.insert(qsizetype(kept.entries.size()), odd.value(i));
            const QByteArrayView path = pathAt(i);
            e.pathOffset = quint32(kept.paths.size());
            kept.paths.append(path.data(), path.size());
            kept.entries.push_back(e);
        }
        kept.reindex(qsizetype(kept.entries.size()));
        entries = std::move(kept.entries);
        paths = std::move(kept.paths);
        index = std::move(kept.index);
        odd = std::move(kept.odd);
        removed = 0;
    }

    FileRecord record(qsizetype i) const
    {
        const Entry& e = entries[size_t(i)];
        if (e.flags & Odd)
            return odd.value(i);
        FileRecord r;
        if (e.flags & HashBinary)
            r.hash = Sha256Digest::fromBytes(
                QByteArrayView(reinterpret_cast<const char*>(e.sha.data()), qsizetype(e.sha.size())));
        if (e.flags & OidBinary)
            r.oid = BlobId::fromBytes(
                QByteArrayView(reinterpret_cast<const char*>(e.oid.data()), qsizetype(e.oid.size())));
        r.size = e.size;
        r.mtimeNs = e.mtimeNs;
        r.inode = e.inode;
        r.executable = (e.flags & Executable) != 0;
        if (e.flags & SourceLocal)
            r.source = localSource();
        else if (e.flags & SourceRemote)
            r.source = remoteSource();
        return r;
    }

    void assign(qsizetype i, const FileRecord& r)
    {
        Entry& e = entries[size_t(i)];
        const bool local = r.source == localSource();
        const bool remote = r.source == remoteSource();
        const bool unusual = (!r.hash.isEmpty() && !r.hash.isBinary()) ||
                             (!r.oid.isEmpty() && !r.oid.isBinary()) ||
                             (!r.source.isEmpty() && !local && !remote);
        e.sha = {};
        e.oid = {};
        if (r.hash.isBinary())
            std::memcpy(e.sha.data(), r.hash.raw().data(), e.sha.size());
        if (r.oid.isBinary())
            std::memcpy(e.oid.data(), r.oid.raw().data(), e.oid.size());
        e.size = r.size;
        e.mtimeNs = r.mtimeNs;
        e.inode = r.inode;
        e.flags = quint8((r.executable ? Executable : 0) | (r.hash.isBinary() ? HashBinary : 0) |
                         (r.oid.isBinary() ? OidBinary : 0) | (local ? SourceLocal : 0) |
                         (remote ? SourceRemote : 0) | (unusual ? Odd : 0));
        if (unusual)
            odd.insert(i, r);
        else
            odd.remove(i);
    }
};

FileRecords::FileRecords() = default;
FileRecords::FileRecords(const FileRecords&) = default;
FileRecords::FileRecords(FileRecords&&) noexcept = default;
FileRecords& FileRecords::operator=(const FileRecords&) = default;
FileRecords& FileRecords::operator=(FileRecords&&) noexcept = default;
FileRecords::~FileRecords() = default;

qsizetype FileRecords::size() const
{
    return d ? qsizetype(d->entries.size()) - d->removed : 0;
}

void FileRecords::detach()
{
    if (!d)
        d = new Data;
    else
        d.detach();
}

void FileRecords::reserve(qsizetype count)
{
    detach();
    d->entries.reserve(size_t(count));
    d->reindex(count);
}

void FileRecords::clear()
{
    d.reset();
}

qsizetype FileRecords::indexOf(QByteArrayView utf8, size_t hash) const
{
    if (!d)
        return -1;
    const qsizetype i = d->find(utf8, hash);
    return i >= 0 && !(d->entries[size_t(i)].flags & Removed) ? i : -1;
}

FileRecord FileRecords::value(QStringView path) const
{
    const const_iterator it = constFind(path);
    return it == constEnd() ? FileRecord() : it.value();
}

void FileRecords::insert(QStringView path, const FileRecord& record)
{
    withUtf8(path, [&](QByteArrayView utf8) {
        insertUtf8(utf8, record);
        return 0;
    });
}

void FileRecords::insertUtf8(QByteArrayView path, const FileRecord& record)
{
    detach();
    const size_t hash = hashOf(path);
    qsizetype i = d->find(path, hash);
    if (i < 0) {
        d->reindex(qsizetype(d->entries.size()) + 1);
        i = qsizetype(d->entries.size());
        Q_ASSERT(d->paths.size() + path.size() <= qsizetype(UINT32_MAX));
        d->entries.push_back(Entry{{}, {}, quint32(d->paths.size()), 0, 0, 0, quint32(path.size()), 0});
        d->paths.append(path.data(), path.size());
        d->place(i, hash);
    } else if (d->entries[size_t(i)].flags & Removed) {
        --d->removed;
    }
    d->assign(i, record);
}

bool FileRecords::remove(QStringView path)
{
    const qsizetype i = withUtf8(path, [&](QByteArrayView utf8) { return indexOf(utf8, hashOf(utf8)); });
    if (i < 0)
        return false;
    detach();
    d->entries[size_t(i)].flags = Removed;
    d->odd.remove(i);
    ++d->removed;
    d->compactIfSparse();
    return true;
}

QStringList FileRecords::keys() const
{
    QStringList keys;
    keys.reserve(size());
    for (auto it = begin(); it != end(); ++it)
        keys.append(it.key());
    return keys;
}

FileRecords::const_iterator FileRecords::constFind(QStringView path) const
{
    const qsizetype i = withUtf8(path, [&](QByteArrayView utf8) { return indexOf(utf8, hashOf(utf8)); });
    return i < 0 ? end() : const_iterator(d.data(), i);
}

void FileRecords::findMany(const std::vector<QByteArrayView>& paths, std::vector<const_iterator>& found) const
{
    found.assign(paths.size(), end());
    if (!d || d->index.empty())
        return;
    const size_t mask = d->index.size() - 1;
    // First every slot is asked for, then every entry a slot names, then each path is compared (all in
    // the cache by then); a probe that runs on past its first slot, or a path that differs, is rare.
    std::vector<size_t> hashes(paths.size());
    for (size_t i = 0; i < paths.size(); ++i) {
        hashes[i] = hashOf(paths[i]);
        __builtin_prefetch(&d->index[hashes[i] & mask]);
    }
    for (size_t i = 0; i < paths.size(); ++i) {
        const quint64 v = d->index[hashes[i] & mask];
        if (v != 0)
            __builtin_prefetch(&d->entries[size_t(quint32(v)) - 1]);
    }
    for (size_t i = 0; i < paths.size(); ++i) {
        const qsizetype at = indexOf(paths[i], hashes[i]);
        if (at >= 0)
            found[i] = const_iterator(d.data(), at);
    }
}

FileRecords::const_iterator FileRecords::find(QStringView path) const
{
    return constFind(path);
}

FileRecords::const_iterator FileRecords::begin() const
{
    return {d.data(), 0};
}

FileRecords::const_iterator FileRecords::end() const
{
    return {d.data(), d ? qsizetype(d->entries.size()) : 0};
}

FileRecords::const_iterator::const_iterator(const Data* data, qsizetype index) : m_data(data), m_index(index)
{
    skipRemoved();
}

void FileRecords::const_iterator::skipRemoved()
{
    while (m_data && m_index < qsizetype(m_data->entries.size()) &&
           (m_data->entries[size_t(m_index)].flags & Removed))
        ++m_index;
}

FileRecords::const_iterator& FileRecords::const_iterator::operator++()
{
    ++m_index;
    skipRemoved();
    return *this;
}

QString FileRecords::const_iterator::key() const
{
    return QString::fromUtf8(keyUtf8());
}

QByteArrayView FileRecords::const_iterator::keyUtf8() const
{
    return m_data->pathAt(m_index);
}

FileRecord FileRecords::const_iterator::value() const
{
    return m_data->record(m_index);
}

FileRecords::Metadata FileRecords::const_iterator::metadata() const
{
    const Entry& e = m_data->entries[size_t(m_index)];
    if (e.flags & Odd) {
        const FileRecord r = m_data->odd.value(m_index);
        return {r.size, r.mtimeNs, r.inode, r.executable, !r.hash.isEmpty()};
    }
    return {e.size, e.mtimeNs, e.inode, (e.flags & Executable) != 0, (e.flags & HashBinary) != 0};
}

FileRecords::Raw FileRecords::toRaw() const
{
    Raw raw;
    std::vector<qsizetype> order;
    order.reserve(size_t(size()));
    for (auto it = begin(); it != end(); ++it)
        order.push_back(it.index());
    // In path order, as a scan walks the folders: loaded in this order, the records of one folder lie
    // together in memory, and the scan's look-ups stay in a few cache lines.
    std::sort(order.begin(), order.end(), [this](qsizetype a, qsizetype b) {
        const QByteArrayView x = d->pathAt(a), y = d->pathAt(b);
        return std::string_view(x.data(), size_t(x.size())) < std::string_view(y.data(), size_t(y.size()));
    });
    raw.entries.reserve(qsizetype(order.size()) * RawEntrySize);
    for (const qsizetype i : order) {
        const Entry& from = d->entries[size_t(i)];
        Entry e;
        std::memset(&e, 0, sizeof e); // the padding too: the same records give the same bytes
        e.sha = from.sha;
        e.oid = from.oid;
        e.pathOffset = quint32(raw.paths.size());
        e.size = from.size;
        e.mtimeNs = from.mtimeNs;
        e.inode = from.inode;
        e.pathLength = from.pathLength;
        e.flags = from.flags;
        if (from.flags & Odd)
            raw.odd.append({qsizetype(raw.entries.size() / RawEntrySize), d->odd.value(i)});
        raw.entries.append(reinterpret_cast<const char*>(&e), sizeof e);
        const QByteArrayView path = d->pathAt(i);
        raw.paths.append(path.data(), path.size());
    }
    return raw;
}

std::optional<FileRecords> FileRecords::fromRaw(QByteArrayView entries, QByteArrayView paths,
                                                const QList<QPair<qsizetype, FileRecord>>& odd)
{
    if (entries.size() % RawEntrySize != 0 || paths.size() > qsizetype(UINT32_MAX))
        return std::nullopt;
    FileRecords records;
    records.d = new Data;
    Data& data = *records.d;
    const auto count = size_t(entries.size() / RawEntrySize);
    data.reindex(qsizetype(count)); // sized while empty: the entries are placed below, one by one
    data.entries.reserve(count);
    data.paths = paths.toByteArray();
    qsizetype oddFlags = 0;
    std::string_view previous;
    std::vector<size_t> hashes;
    hashes.reserve(count);
    for (size_t i = 0; i < count; ++i) {
        Entry e;
        std::memcpy(&e, entries.data() + qsizetype(i) * RawEntrySize, sizeof e);
        if ((e.flags & ~KnownFlags) != 0 || quint64(e.pathOffset) + e.pathLength > quint64(paths.size()))
            return std::nullopt;
        // Strictly in path order, as toRaw writes them: no two records of one path, checked without a
        // look-up.
        const std::string_view path(data.paths.constData() + e.pathOffset, e.pathLength);
        if (i > 0 && !(previous < path))
            return std::nullopt;
        previous = path;
        oddFlags += (e.flags & Odd) ? 1 : 0;
        data.entries.push_back(e);
        hashes.push_back(hashOf(QByteArrayView(path.data(), qsizetype(path.size()))));
    }
    // Placed a few entries behind their slot's prefetch: each slot is a cache miss, and waiting for
    // them one at a time was most of the load.
    constexpr size_t Ahead = 16;
    const size_t mask = data.index.size() - 1;
    for (size_t i = 0; i < count; ++i) {
        if (i + Ahead < count)
            __builtin_prefetch(&data.index[hashes[i + Ahead] & mask], 1);
        data.place(qsizetype(i), hashes[i]);
    }
    for (const auto& [i, record] : odd) {
        if (i < 0 || i >= qsizetype(count) || !(data.entries[size_t(i)].flags & Odd) || data.odd.contains(i))
            return std::nullopt;
        data.odd.insert(i, record);
    }
    if (oddFlags != data.odd.size())
        return std::nullopt;
    return records;
}

} // namespace ferry::sync
