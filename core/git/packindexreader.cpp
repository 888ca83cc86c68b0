#include "core/git/packindexreader.h"

#include <cstring>
#include <QDir>
#include <QFileInfo>
#include <QtEndian>

namespace ferry::git {
namespace {

constexpr qint64 kHeader = 8;                         // magic "\377tOc" and version 2
constexpr qint64 kFanout = kHeader + qint64(256) * 4; // where the sorted ids start
constexpr qint64 kIdSize = 20;
constexpr qint64 kTrailer = 20; // the pack's SHA-1 at its end

Error indexError(const QString& path, const QString& why)
{
    return makeError(ErrorKind::Io, QStringLiteral("cannot read the pack index %1: %2").arg(path, why));
}

} // namespace

Result<std::unique_ptr<PackIndexReader>> PackIndexReader::open(const QString& idxPath)
{
    std::unique_ptr<PackIndexReader> r(new PackIndexReader);
    r->m_idx = std::make_unique<QFile>(idxPath);
    if (!r->m_idx->open(QIODevice::ReadOnly))
        return indexError(idxPath, r->m_idx->errorString());
    r->m_mapSize = r->m_idx->size();
    if (r->m_mapSize < kFanout + 2 * kIdSize)
        return indexError(idxPath, QStringLiteral("too short"));
    r->m_map = r->m_idx->map(0, r->m_mapSize);
    if (!r->m_map)
        return indexError(idxPath, r->m_idx->errorString());
    if (std::memcmp(r->m_map, "\377tOc", 4) != 0 || r->word(4) != 2)
        return indexError(idxPath, QStringLiteral("not a version 2 index"));
    r->m_count = r->word(kFanout - 4);
    const qint64 tables = kFanout + qint64(r->m_count) * (kIdSize + 4 + 4);
    if (tables + 2 * kIdSize > r->m_mapSize)
        return indexError(idxPath, QStringLiteral("truncated"));
    r->m_packPath = idxPath.left(idxPath.size() - 4) + QStringLiteral(".pack");
    r->m_packSize = QFileInfo(r->m_packPath).size();
    if (r->m_packSize < 12 + kTrailer)
        return indexError(idxPath, QStringLiteral("its pack is missing"));
    return {std::move(r)};
}

std::vector<std::unique_ptr<PackIndexReader>> PackIndexReader::openAll(const QString& objectsDir)
{
    std::vector<std::unique_ptr<PackIndexReader>> readers;
    const QDir dir(objectsDir + QStringLiteral("/pack"));
    for (const QString& name : dir.entryList({QStringLiteral("pack-*.idx")}, QDir::Files, QDir::Name)) {
        Result<std::unique_ptr<PackIndexReader>> r = open(dir.filePath(name));
        if (r)
            readers.push_back(std::move(r.value()));
    }
    return readers;
}

quint32 PackIndexReader::word(qint64 at) const
{
    return qFromBigEndian<quint32>(m_map + at);
}

std::optional<PackIndexReader::Entry> PackIndexReader::find(const QByteArray& rawId) const
{
    if (rawId.size() != kIdSize)
        return std::nullopt;
    const auto first = uchar(rawId[0]);
    quint32 lo = first == 0 ? 0 : word(kHeader + qint64(first - 1) * 4);
    quint32 hi = word(kHeader + qint64(first) * 4);
    if (hi > m_count || lo > hi)
        return std::nullopt;
    const uchar* ids = m_map + kFanout;
    while (lo < hi) { // binary search within the ids that start with the same byte
        const quint32 mid = lo + (hi - lo) / 2;
        const int cmp = std::memcmp(ids + qint64(mid) * kIdSize, rawId.constData(), kIdSize);
        if (cmp == 0) {
            lo = mid;
            hi = mid + 1;
            break;
        }
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo >= hi || std::memcmp(ids + qint64(lo) * kIdSize, rawId.constData(), kIdSize) != 0)
        return std::nullopt;
    const qint64 crcs = kFanout + qint64(m_count) * kIdSize;
    const qint64 offsets = crcs + qint64(m_count) * 4;
    const qint64 large = offsets + qint64(m_count) * 4;
    auto offsetAt = [&](quint32 i) -> qint64 {
        const quint32 small = word(offsets + qint64(i) * 4);
        if (!(small & 0x80000000u))
            return small;
        const qint64 at = large + qint64(small & 0x7fffffffu) * 8;
        if (at + 8 + 2 * kIdSize > m_mapSize)
            return -1;
        return qint64(qFromBigEndian<quint64>(m_map + at));
    };
    Entry e;
    e.packPath = m_packPath;
    e.offset = offsetAt(lo);
    e.crc = word(crcs + qint64(lo) * 4);
    e.end = m_packSize - kTrailer;
    for (quint32 i = 0; i < m_count; ++i) { // the entry ends where the next one by offset starts
        const qint64 o = offsetAt(i);
        if (o > e.offset && o < e.end)
            e.end = o;
    }
    if (e.offset < 12 || e.offset >= e.end)
        return std::nullopt;
    return e;
}

std::optional<PackIndexReader::Header> PackIndexReader::header(const Entry& entry) const
{
    if (!m_pack) {
        m_pack = std::make_unique<QFile>(m_packPath);
        if (!m_pack->open(QIODevice::ReadOnly))
            return std::nullopt;
    }
    if (!m_pack->seek(entry.offset))
        return std::nullopt;
    const QByteArray bytes = m_pack->read(qMin<qint64>(16, entry.end - entry.offset));
    if (bytes.isEmpty())
        return std::nullopt;
    Header h;
    auto c = uchar(bytes[0]);
    h.type = (c >> 4) & 7;
    h.size = c & 0x0f;
    int shift = 4;
    for (qsizetype i = 1; (c & 0x80) && i < bytes.size() && shift < 64; ++i, shift += 7) {
        c = uchar(bytes[i]);
        h.size |= quint64(c & 0x7f) << shift;
    }
    if (c & 0x80)
        return std::nullopt;
    return h;
}

} // namespace ferry::git
