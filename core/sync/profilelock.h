#pragma once

#include "core/util/result.h"

#include <memory>
#include <QLockFile>
#include <QString>

namespace ferry::sync {

// One process at a time works on a profile (its bare clone, its state.json, its folders): a sync cycle,
// a conflict resolution. Held for the duration by this RAII lock on DATA_DIR/profiles/NAME/lock. A lock
// left by a process that died is taken over (QLockFile checks that the holder is alive).
class ProfileLock
{
public:
    // Waits up to `waitMs` (FERRY_LOCK_WAIT_MS overrides it, for tests); the error names the holder.
    static Result<std::unique_ptr<ProfileLock>> acquire(const QString& dataDir, const QString& profile,
                                                        int waitMs);

    explicit ProfileLock(const QString& path) : m_file(path) {}

private:
    QLockFile m_file;
};

} // namespace ferry::sync
