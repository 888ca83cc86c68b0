#include "util/retrypolicy.h"

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
    p.backoff = Backoff::fromEnvironment();
    return p;
}

} // namespace ferry::util
