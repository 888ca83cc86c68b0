#pragma once

#include "core/ingest/httpclient.h"
#include "core/store/store.h"
#include "core/util/result.h"

#include <functional>
#include <QJsonArray>
#include <QStringList>

namespace ferry::ingest {

// What one attempt at a repository fetched: the rows to upsert and the state to keep if they land.
struct RepositoryRun
{
    QList<store::PullRequestRow> pullRequests;
    QList<store::ReviewRow> reviews;
    QString cursor;           // the next cursor (the old one when it must not move)
    QString etag;             // of the first page of the issues since `cursor`; empty: none known
    bool full = false;        // no cursor yet: every pull request was listed
    bool notModified = false; // 304: nothing changed since the last run
    QStringList skipped;      // pull requests GitHub no longer serves (404), "owner/name#N: why"
    QStringList events;       // retries and waits
    int requests = 0;
    int retries = 0;
    double waitedSeconds = 0;
};

// One attempt at syncing one repository with GitHub (docs/design.md, "Ingestion"): the first sync lists every
// pull request (`/pulls?state=all&sort=updated&direction=asc`); later ones ask the Issues API for what
// changed since the cursor (`since` is inclusive, so records at the cursor are read again), keep the
// entries that are pull requests and fetch each with its reviews. Pages follow `Link: rel="next"`.
// The first issues page is conditional (`If-None-Match`), so an unchanged repository costs one request
// answered 304. Nothing is written here: the caller upserts the rows, then saves the cursor.
//
// Requests go through the task's one HttpClient for GitHub, which retries transient faults (5xx,
// network errors, a page cut short) and waits out rate limits for the whole source.
// Errors: ErrorKind::Unavailable for what the next run may fix (faults on every try, a rate limit longer
// than the policy waits); Invalid (credentials refused, stopped) and NotFound (the repository) for what it
// will not. What was answered before an error stays in fetched(): rows the caller may store without
// moving the cursor.
class RepositorySync
{
public:
    struct Source
    {
        QUrl api;         // https://api.github.com
        QByteArray token; // sent as a bearer token; empty: none
    };

    RepositorySync(Source source, HttpClient& client);
    // One attempt; what it fetched (and the requests, retries and waits it took) is in fetched().
    Status run(const store::TrackedRepository& repository);
    const RepositoryRun& fetched() const { return m_run; }

private:
    QUrl endpoint(const QString& path, const QList<QPair<QString, QString>>& query = {}) const;
    QUrl issuesSince(const QString& cursor) const;
    HttpRequest request(const QUrl& url, const QString& key, const QByteArray& etag = {}) const;
    void account(const HttpOutcome& outcome);
    Result<QJsonArray> list(QUrl url, const QString& what, const QByteArray& etag = {},
                            QByteArray* firstEtag = nullptr);
    Status fetchPullRequests(const QList<int>& numbers);
    Status fetchEach(const QList<HttpRequest>& requests,
                     const std::function<Status(qsizetype, const HttpOutcome&)>& use);
    Status fetchReviews();
    void keepCursor(const QJsonArray& listed, const QString& oldCursor);

    Source m_source;
    HttpClient& m_client;
    QString m_name;
    RepositoryRun m_run;
    QDateTime m_listingStarted; // server time of the first page
    int m_pages = 0;
};

} // namespace ferry::ingest
