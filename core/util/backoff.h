#pragma once

namespace ferry::util {

// Exponential backoff with jitter, the one retry policy of Ferry: before retry n (1-based) wait
// (2^n + U(0,1)) × base, for at most `attempts` tries in all. FERRY_RETRY_BASE_MS scales the base
// (default 1000 ms) so that tests can run the same policy in milliseconds.
struct Backoff
{
    int attempts = 5;
    int baseMs = 1000;

    int delayMs(int retry) const;
    static Backoff fromEnvironment();
};

} // namespace ferry::util
