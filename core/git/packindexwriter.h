#pragma once

#include <QByteArray>

namespace ferry::git {

// The index (.idx version 2) of a pack that holds one object: the header, the fanout table, the object's
// id, the CRC32 of its entry, its offset, the pack's SHA-1 and the index's own. BlobPackStream writes the
// pack of a large blob and this index itself: libgit2 1.5's indexer computes an entry's CRC32 through
// windows it maps over the whole entry at once, which put the whole pack in the process's memory.
class PackIndexWriter
{
public:
    // `id` and `packSha` are 20 bytes; `offset` is where the entry starts (12 in a one-object pack).
    static QByteArray single(const QByteArray& id, quint32 crc, quint32 offset, const QByteArray& packSha);
};

} // namespace ferry::git
