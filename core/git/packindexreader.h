#pragma once

#include "core/util/result.h"

#include <memory>
#include <optional>
#include <QByteArray>
#include <QFile>
#include <QString>
#include <vector>

namespace ferry::git {

// Reads a pack's index (.idx version 2: fanout table, sorted object ids, CRC32s, 31-bit offsets and
// the 64-bit ones) from a read-only mapping, to find where an object's entry lies in its pack file and
// what it is. The push of a large blob copies that entry from the pack as it is (StreamedPackWriter),
// as git's pack-objects reuses packed data, instead of inflating the whole object in memory.
class PackIndexReader
{
public:
    struct Entry
    {
        QString packPath;
        qint64 offset = 0; // where the entry's header starts
        qint64 end = 0;    // where the next entry (or the trailer) starts
        quint32 crc = 0;   // CRC32 of the bytes [offset, end), as the index records it
    };
    // What an entry's header says: its type (1–4 whole objects, 6 and 7 deltas) and inflated size.
    struct Header
    {
        int type = 0;
        quint64 size = 0;
    };

    static Result<std::unique_ptr<PackIndexReader>> open(const QString& idxPath);
    // Every index under `objectsDir`/pack; unreadable ones are skipped (libgit2 still reads the object).
    static std::vector<std::unique_ptr<PackIndexReader>> openAll(const QString& objectsDir);

    // The entry of the object with the 20-byte id `rawId`, if this pack holds it.
    std::optional<Entry> find(const QByteArray& rawId) const;
    // Reads the header of the entry at `entry.offset` from the pack file.
    std::optional<Header> header(const Entry& entry) const;

private:
    PackIndexReader() = default;
    quint32 word(qint64 at) const;

    QString m_packPath;
    qint64 m_packSize = 0;
    std::unique_ptr<QFile> m_idx;
    mutable std::unique_ptr<QFile> m_pack; // opened on the first header()
    const uchar* m_map = nullptr;
    qint64 m_mapSize = 0;
    quint32 m_count = 0;
};

} // namespace ferry::git
