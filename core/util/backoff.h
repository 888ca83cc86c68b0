#pragma once

namespace ferry::util {

// Exponential backoff with jitter, the one retry policy of Ferry: before retry n (1-based) wait
// (2^n + U(0,1)) × base, for at most `attempts` tries in all. The base is 1 s for Git and 0.5 s for
// HTTP requests (RetryPolicy); FERRY_RETRY_BASE_MS sets it for both so that tests can run the same
// policy in milliseconds.
struct Backoff
{
    int attempts = 5;
    int baseMs = 1000;

    int delayMs(int retry) const;
    static Backoff fromEnvironment(int defaultBaseMs = 1000);
};

} // namespace ferry::util
