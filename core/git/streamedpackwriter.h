#pragma once

#include "core/git/pushobjects.h"
#include "core/util/result.h"

#include <functional>

struct git_repository;

namespace ferry::git {

// Writes the pack a push sends, in pieces of at most kPiece bytes, to a sink (the socket): the small
// objects through libgit2's pack builder (with its delta search; its entries are REF_DELTA or whole, so
// they can be placed anywhere in a pack), then each large blob's entry copied from its pack file as it
// is stored, checked against the CRC32 of the pack's index as git does when it reuses packed data, then
// the SHA-1 trailer. Memory is bounded by the piece, never by the large object. A CRC mismatch ends the
// pack before its trailer, so the receiver never accepts it.
class StreamedPackWriter
{
public:
    static constexpr qint64 kPiece = qint64(1) << 20;
    using Sink = std::function<Status(const char* data, qsizetype size)>;

    // Returns the bytes written. The small objects wait in a temporary file under `tempDir` (the pack
    // folder: ObjectDir removes a leftover tmp_pack_* there at the next cycle).
    static Result<qint64> write(git_repository* repo, const PushObjects& objects, const QString& tempDir,
                                const Sink& sink);
};

} // namespace ferry::git
