#pragma once

#include <optional>
#include <QDateTime>
#include <QString>

namespace ferry::ingest {

struct HttpResponse;

// What one answer means: the one classification every request of every task goes through (HttpClient
// calls it), so that a fault is treated alike in `market`, `dcf` and `github`.
// - Ok: 2xx, or 304 for a conditional request.
// - Transient: no answer (refused, reset, timed out), 5xx, or a 2xx whose body should be JSON and is not
//   (cut short): tried again after a backoff.
// - RateLimited: 429, or a 403 that GitHub documents as a limit (x-ratelimit-remaining 0, a retry-after,
//   or a "secondary rate limit" message): "If you exceed your primary rate limit, you will receive a 403
//   or 429 response, and the x-ratelimit-remaining header will be 0 … If you exceed a secondary rate
//   limit, you will receive a 403 or 429 response and an error message that indicates that you exceeded
//   a secondary rate limit" (REST API docs, "Rate limits for the REST API").
// - Refused: 401, and any other 403: the credentials; the task stops.
// - Bad: every other 4xx: this item is wrong (an unknown symbol, a pull request gone); skipped.
struct HttpVerdict
{
    enum class Kind { Ok, Transient, RateLimited, Refused, Bad };
    Kind kind = Kind::Ok;
    // For a person: "HTTP 502", "no answer (Connection closed)", "malformed body (…)",
    // "secondary rate limit", "primary rate limit", "HTTP 429".
    QString what;
    // RateLimited: the wait the server asked for, in GitHub's documented order: `retry-after` when
    // present (seconds or an HTTP date); else, if `x-ratelimit-remaining` is 0, until `x-ratelimit-reset`
    // (UTC epoch seconds); else none: the server did not say (RetryPolicy's pause).
    std::optional<qint64> waitMs;

    // `now` is this machine's time; when the answer's Date differs from it by more than 2 s, the
    // server's clock is used for the reset instead (a skewed clock would retry too early or wait long).
    static HttpVerdict of(const HttpResponse& response, bool expectJson, const QDateTime& now);
};

} // namespace ferry::ingest
