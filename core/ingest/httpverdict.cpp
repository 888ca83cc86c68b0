#include "core/ingest/httpverdict.h"

#include "core/ingest/httpclient.h"

#include <QJsonDocument>

namespace ferry::ingest {
namespace {

constexpr qint64 kSkewToleranceMs = 2000;

// The server's now, when its Date header is far from ours.
QDateTime serverNow(const HttpResponse& r, const QDateTime& now)
{
    const QDateTime date = r.dateHeader("date");
    return date.isValid() && qAbs(now.msecsTo(date)) > kSkewToleranceMs ? date : now;
}

std::optional<qint64> askedWaitMs(const HttpResponse& r, const QDateTime& now)
{
    const QByteArray retryAfter = r.header("retry-after").trimmed();
    if (!retryAfter.isEmpty()) {
        bool numeric = false;
        const qint64 seconds = retryAfter.toLongLong(&numeric);
        if (numeric)
            return qMax<qint64>(0, seconds) * 1000;
        const QDateTime at = r.dateHeader("retry-after");
        if (at.isValid())
            return qMax<qint64>(0, serverNow(r, now).msecsTo(at));
    }
    if (r.header("x-ratelimit-remaining").trimmed() == "0") {
        bool numeric = false;
        const qint64 reset = r.header("x-ratelimit-reset").trimmed().toLongLong(&numeric);
        if (numeric) // at least a second: the reset is in whole seconds, and the window must have turned
            return qMax<qint64>(1000, reset * 1000 - serverNow(r, now).toMSecsSinceEpoch());
    }
    return std::nullopt;
}

bool isRateLimit(const HttpResponse& r)
{
    if (r.status == 429)
        return true;
    if (r.status != 403)
        return false;
    const QByteArray body = r.body.toLower();
    return r.header("x-ratelimit-remaining").trimmed() == "0" || !r.header("retry-after").isEmpty() ||
           body.contains("secondary rate limit") || body.contains("abuse detection");
}

QString rateLimitName(const HttpResponse& r)
{
    const QByteArray body = r.body.toLower();
    if (body.contains("secondary rate limit") || body.contains("abuse detection"))
        return QStringLiteral("secondary rate limit");
    if (r.header("x-ratelimit-remaining").trimmed() == "0")
        return QStringLiteral("primary rate limit");
    return r.status == 429 ? QStringLiteral("HTTP 429 (too many requests)") : QStringLiteral("rate limit");
}

} // namespace

HttpVerdict HttpVerdict::of(const HttpResponse& r, bool expectJson, const QDateTime& now)
{
    using Kind = HttpVerdict::Kind;
    if (r.status == 0)
        return {Kind::Transient, QStringLiteral("no answer (%1)").arg(r.networkError), std::nullopt};
    if (r.status >= 500)
        return {Kind::Transient, QStringLiteral("HTTP %1").arg(r.status), std::nullopt};
    if (isRateLimit(r))
        return {Kind::RateLimited, rateLimitName(r), askedWaitMs(r, now)};
    if (r.status == 401 || r.status == 403)
        return {Kind::Refused, QStringLiteral("HTTP %1").arg(r.status), std::nullopt};
    if (r.status >= 400)
        return {Kind::Bad, QStringLiteral("HTTP %1").arg(r.status), std::nullopt};
    if (expectJson && r.status != 304 && r.status != 204) {
        QJsonParseError error;
        QJsonDocument::fromJson(r.body, &error);
        if (error.error != QJsonParseError::NoError)
            return {Kind::Transient, QStringLiteral("malformed body (%1)").arg(error.errorString()),
                    std::nullopt};
    }
    return {Kind::Ok, QStringLiteral("HTTP %1").arg(r.status), std::nullopt};
}

} // namespace ferry::ingest
