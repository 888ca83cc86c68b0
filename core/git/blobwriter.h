#pragma once

#include "core/util/result.h"

#include <functional>
#include <QString>

struct git_repository;

namespace ferry::util {
class ByteBudget;
}

namespace ferry::git {

// Stores a file as a blob by streaming it into the object database in fixed chunks, so that memory
// stays the same whatever the file's size; the blob id and the file's SHA-256 come from that one read.
// A file that changes while it is read (its size, modification or change time moved, or it ended
// early or grew) is not stored: the half-written object is dropped and the read reports a Conflict.
// A file of kPackFrom bytes or more becomes a pack of its own (BlobPackStream) rather than a loose
// object, so that a push holds one copy of it in memory instead of two.
class BlobWriter
{
public:
    struct Written
    {
        QString oid;    // git blob id (hex)
        QString sha256; // "sha256:<hex>"
        qint64 size = 0;
    };

    explicit BlobWriter(git_repository* repo) : m_repo(repo) {}

    // Hears the bytes read so far after every chunk (for progress, and for tests that change the file
    // in the middle of a read).
    void setProgress(std::function<void(qint64 bytesRead)> progress) { m_progress = std::move(progress); }

    // Parallel writers sharing a budget read at most its bytes at once (see ByteBudget).
    void setBudget(util::ByteBudget* budget) { m_budget = budget; }

    // Named point for the crash tests (FERRY_FAILPOINT through the sync cycle): "blob-pack-writing", half
    // of a large file's pack written to its temporary file, nothing committed.
    using StepHook = std::function<void(const char* step)>;
    void setStepHook(StepHook onStep) { m_onStep = std::move(onStep); }

    Result<Written> write(const QString& path) const;

    static constexpr qint64 kChunk = qint64(1) << 20;
    static constexpr qint64 kPackFrom = qint64(16) << 20;

private:
    git_repository* m_repo;
    std::function<void(qint64)> m_progress;
    util::ByteBudget* m_budget = nullptr;
    StepHook m_onStep;
};

} // namespace ferry::git
