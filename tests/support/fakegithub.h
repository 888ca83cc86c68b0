#pragma once

#include "tests/support/fakeapi.h"

#include <optional>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QMap>

namespace ferry::test {

// A local stand-in for GitHub's REST API, with the behaviour the github task relies on: the pulls list
// (state, sort=updated, direction), the Issues API with `since` (inclusive) where pull requests carry a
// `pull_request` key, single pull requests, reviews; `per_page`/`page` pagination with absolute
// `Link: <…>; rel="next"` headers; ETags on every answer and 304 for a matching `If-None-Match` (which,
// as on GitHub, spends no rate limit); x-ratelimit-* headers; a Date header; 401 without the expected
// bearer token or for a repository marked unauthorized; 404 for unknown repositories. Faults are
// scripted in front of it with failNext().
// Rate limits behave as GitHub's REST API docs say ("Rate limits for the REST API"): a secondary limit is
// a 403 or 429 with a message saying so, x-ratelimit-remaining above 0 and the primary window's
// x-ratelimit-reset (an hour away), with or without retry-after; the primary limit, once exhausted,
// answers 403 (or 429) with x-ratelimit-remaining 0 until x-ratelimit-reset. While a limit holds, every
// request gets it again and is counted as early; each limit records when the next request came, so that
// a test sees the client waited the documented time and no longer. setTimeScale() shrinks the windows as
// the client's RetryPolicy::waitScale shrinks its waits (the headers keep GitHub's values).
class FakeGithub
{
public:
    struct Review
    {
        qint64 id = 0;
        QString user, state, body;
        QDateTime submitted;
    };
    struct Pull
    {
        int number = 0;
        QString title, state = QStringLiteral("open"), user = QStringLiteral("octocat");
        QDateTime created, updated;
        QList<Review> reviews;
    };
    struct Repository
    {
        QMap<int, Pull> pulls;
        QMap<int, QDateTime> issues; // plain issues (not pull requests): number -> updated_at
        bool unauthorized = false;   // answers 401, as for a token that lost access
    };
    struct Served
    {
        QByteArray path;
        int status = 0;
        bool conditional = false;
    };
    // A limit as answered, and what the client did next.
    struct Limit
    {
        QString kind;              // "secondary", "primary"
        int status = 0;            // 403 or 429
        QByteArray path;           // of the request that met it
        qint64 answeredMs = 0;     // on the server's monotonic clock
        qint64 documentedMs = 0;   // the wait GitHub's docs ask for, scaled
        qint64 nextRequestMs = -1; // when the next request came (any path); -1: none yet
        int early = 0;             // requests that came while it held
        qint64 waitedMs() const { return nextRequestMs < 0 ? -1 : nextRequestMs - answeredMs; }
    };

    explicit FakeGithub(QByteArray token = "test-token");

    QString apiUrl() const { return QString::fromLatin1(m_api.baseUrl()); }
    QMap<QString, Repository>& repositories() { return m_repositories; }
    // A repository with `pulls` pull requests (#1…) and `issues` plain issues after them, updated one
    // minute apart from `start`, each pull request with `reviewsEach` reviews.
    void addRepository(const QString& name, int pulls, int issues, const QDateTime& start,
                       int reviewsEach = 1);
    // Changes a pull request's title and moves its updated_at (and its issue's).
    void touch(const QString& repository, int number, const QDateTime& updated);

    // The next `times` requests whose path contains `pathPart` get `reply` instead of the real answer.
    void failNext(const QByteArray& pathPart, int times, FakeApi::Reply reply);
    // The next request whose path contains `pathPart` meets a secondary rate limit: `status` 403 or 429,
    // with `retry-after: retryAfterSeconds` when given. It holds for retry-after, else one minute (the
    // docs' "wait for at least one minute"), scaled.
    void secondaryLimitNext(const QByteArray& pathPart, int status, std::optional<int> retryAfterSeconds);
    // After `requests` more requests counted against the primary limit, it is exhausted: `status` (403 or
    // 429) with x-ratelimit-remaining 0 until x-ratelimit-reset, `resetSeconds` later (scaled); then full.
    void exhaustPrimaryAfter(int requests, int resetSeconds, int status = 403);
    void setTimeScale(double scale) { m_scale = scale; }
    void setLatencyMs(int ms) { m_latencyMs = ms; } // every answer comes this late
    const QList<Limit>& limits() const { return m_limits; }
    // Called after each answer (a test changes data mid-run with it).
    std::function<void(const FakeApi::Request&)> afterAnswer;

    const QList<Served>& served() const { return m_served; }
    int requests() const { return int(m_served.size()); }
    int rateLimitRemaining() const { return m_remaining; }
    void clearLog() { m_served.clear(); }

    static QDateTime at(const QString& iso) { return QDateTime::fromString(iso, Qt::ISODate); }

private:
    struct Fault
    {
        QByteArray pathPart;
        int times;
        FakeApi::Reply reply;
    };

    struct Secondary
    {
        QByteArray pathPart;
        int status;
        std::optional<int> retryAfter;
    };

    FakeApi::Reply answer(const FakeApi::Request& request);
    std::optional<FakeApi::Reply> limited(const FakeApi::Request& request);
    FakeApi::Reply secondaryReply(int status, std::optional<int> retryAfter) const;
    FakeApi::Reply primaryReply(int status) const;
    FakeApi::Reply route(const QString& path, const QMap<QString, QString>& query);
    FakeApi::Reply paged(const QString& path, const QMap<QString, QString>& query,
                         const QList<QJsonObject>& items);
    QJsonObject pullJson(const QString& repository, const Pull& pull) const;

    QByteArray m_token;
    QMap<QString, Repository> m_repositories;
    QList<Fault> m_faults;
    QList<Served> m_served;
    QList<Secondary> m_secondary;
    QList<Limit> m_limits;
    QElapsedTimer m_clock;
    double m_scale = 1.0;
    int m_latencyMs = 0;
    qint64 m_limitedUntilMs = -1; // the limit in m_limits.last() holds until then
    int m_primaryAfter = -1;      // requests left before the primary limit is exhausted; -1: never
    int m_primaryResetSeconds = 0;
    int m_primaryStatus = 403;
    qint64 m_primaryResetEpoch = 0; // x-ratelimit-reset while exhausted
    int m_remaining = 5000;
    qint64 m_nextId = 1000;
    FakeApi m_api;
};

} // namespace ferry::test
