#pragma once

#include <QString>

namespace ferry::sync {

// Crash-safety tests name a point in FERRY_FAILPOINT; reaching it kills the process at once, as
// `kill -9` would: no destructor runs, nothing is flushed. Points: after-blobs, after-commit,
// after-push, mid-apply, between-state-and-records (state.json saved, its records file not yet),
// blob-pack-writing (half of a large file's own pack written, see git::BlobWriter).
class Failpoint
{
public:
    static void hit(const char* name);

    // Test hook: FERRY_TEST_PAUSE=NAME:MS makes reaching point NAME wait MS milliseconds (a repack made
    // slow on purpose, to show that nothing waits for it).
    static void pause(const char* name);

    // Test hook: runs the shell command in FERRY_TEST_BEFORE_PUSH once, right before a push, so a test can
    // make another peer push in exactly that window (a real race, then a real rejection).
    static void beforePush();

    // Test hook: folders listed in FERRY_TEST_UNREADABLE (absolute, ':'-separated) fail to open with
    // EIO, as on a dying disk or a stale network mount (where running as another user is not possible).
    static bool unreadable(const QString& absoluteDir);

    // Test hook: writing a file whose absolute path is FERRY_TEST_DISK_FULL fails after its first chunk
    // with ENOSPC's message, as a full disk does in the middle of a large download.
    static bool diskFull(const QString& absolutePath);
};

} // namespace ferry::sync
