#include "core/util/retrypolicy.h"

#include <cmath>

namespace ferry::util {

RetryPolicy::Wait RetryPolicy::afterFault(int retry) const
{
    if (retry >= backoff.attempts)
        return {Wait::Kind::GiveUp, 0};
    return {Wait::Kind::Retry, backoff.delayMs(retry)};
}

RetryPolicy::Wait RetryPolicy::afterRateLimit(int limit, std::optional<qint64> askedMs) const
{
    if (limit > rateLimitTries)
        return {Wait::Kind::GiveUp, 0};
    const qint64 ms = askedMs
                          ? qMax<qint64>(0, *askedMs)
                          : qint64(rateLimitPauseSeconds) * 1000 * (qint64(1) << qBound(0, limit - 1, 20));
    if (ms > qint64(maxWaitSeconds) * 1000)
        return {Wait::Kind::TooLong, ms};
    return {Wait::Kind::Retry, qint64(std::llround(double(ms) * waitScale))};
}

RetryPolicy RetryPolicy::fromEnvironment()
{
    RetryPolicy p;
    // Half a second: one 5xx late in a run of thousands of requests otherwise waits 2–3 s, then 4–5 s,
    // after everything else is done (the fault-mix bench's tail); 1–1.5 s and 2–2.5 s still give a
    // struggling server room, and a source pause is the tool for slowing everything.
    p.backoff = Backoff::fromEnvironment(kHttpBaseMs);
    return p;
}

} // namespace ferry::util
