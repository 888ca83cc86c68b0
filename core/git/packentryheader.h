#pragma once

#include <git2/types.h>
#include <QByteArray>

namespace ferry::git {

// The type-and-size header of an undeltified pack entry, in git's variable-length encoding (4 bits of the
// size beside the type, then 7 bits a byte, low first). PackWriter and BlobPackStream write pack files
// themselves, so both need it.
QByteArray packEntryHeader(git_object_t type, quint64 size);

} // namespace ferry::git
