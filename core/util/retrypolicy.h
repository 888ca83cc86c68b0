#pragma once

#include "core/util/backoff.h"

#include <optional>
#include <QtGlobal>

namespace ferry::util {

// The one policy that decides how long Ferry waits before trying again: every waiting loop of ingestion
// asks it (HttpClient's retries and rate-limit pauses), none computes a delay of its own.
// - A transient fault (5xx, no answer, a body cut short) backs off exponentially with jitter (Backoff),
//   for `backoff.attempts` tries in all.
// - A rate limit waits what the server asked for; when it did not say, `rateLimitPauseSeconds` first,
//   doubling at each further limit of the same request (GitHub: "wait for at least one minute before
//   retrying … wait for an exponentially increasing amount of time between retries, and throw an error
//   after a specific number of retries", REST API docs, "Rate limits for the REST API"), for
//   `rateLimitTries` waits at most.
// - A wait longer than `maxWaitSeconds` is not made at all: the unit of work ends now, "rate limited
//   until HH:MM", and the next run resumes, instead of a process held for an hour.
struct RetryPolicy
{
    static constexpr int kHttpBaseMs = 500;

    Backoff backoff{5, kHttpBaseMs};
    int rateLimitPauseSeconds = 60;
    int rateLimitTries = 8;
    int maxWaitSeconds = 900;
    double waitScale = 1.0; // tests shrink the rate-limit waits, not the decisions (maxWaitSeconds)

    struct Wait
    {
        enum class Kind {
            Retry,   // wait `ms`, then try again
            GiveUp,  // every try is used
            TooLong, // the wait would pass maxWaitSeconds: end the unit; the limit lifts in `ms` (unscaled)
        };
        Kind kind = Kind::Retry;
        qint64 ms = 0;
    };

    // Before retry `retry` (1-based) after a transient fault.
    Wait afterFault(int retry) const;
    // Before the try after the `limit`-th (1-based) rate limit met by one request; `askedMs` is the wait
    // the server asked for (Retry-After, or the reset of an exhausted limit), if it said.
    Wait afterRateLimit(int limit, std::optional<qint64> askedMs) const;

    // FERRY_RETRY_BASE_MS scales the backoff (Backoff::fromEnvironment).
    static RetryPolicy fromEnvironment();
};

} // namespace ferry::util
