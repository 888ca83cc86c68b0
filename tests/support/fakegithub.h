#pragma once

#include "fakeapi.h"

#include <QDateTime>
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

    FakeApi::Reply answer(const FakeApi::Request& request);
    FakeApi::Reply route(const QString& path, const QMap<QString, QString>& query);
    FakeApi::Reply paged(const QString& path, const QMap<QString, QString>& query,
                         const QList<QJsonObject>& items);
    QJsonObject pullJson(const QString& repository, const Pull& pull) const;

    QByteArray m_token;
    QMap<QString, Repository> m_repositories;
    QList<Fault> m_faults;
    QList<Served> m_served;
    int m_remaining = 5000;
    qint64 m_nextId = 1000;
    FakeApi m_api;
};

} // namespace ferry::test
