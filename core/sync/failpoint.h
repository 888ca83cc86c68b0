#pragma once

namespace ferry::sync {

// Crash-safety tests name a point in FERRY_FAILPOINT; reaching it kills the process at once, as
// `kill -9` would: no destructor runs, nothing is flushed. Points: after-blobs, after-commit,
// after-push, mid-apply.
class Failpoint
{
public:
    static void hit(const char* name);
};

} // namespace ferry::sync
