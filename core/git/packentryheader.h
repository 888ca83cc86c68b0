#pragma once

#include <git2/types.h>
#include <QByteArray>

namespace ferry::git {

// The type-and-size header of an undeltified pack entry, in git's variable-length encoding (4 bits of the
// size beside the type, then 7 bits a byte, low first). PackWriter, BlobPackStream and StreamedPackWriter
// write pack files themselves, so all need it.
QByteArray packEntryHeader(git_object_t type, quint64 size);

// The 12 bytes a pack file starts with: "PACK", version 2, the number of entries (big-endian). PackWriter,
// BlobPackStream and StreamedPackWriter each begin a pack with it.
QByteArray packFileHeader(quint32 entries);

} // namespace ferry::git
