#include "core/ingest/repositorysync.h"

#include "core/ingest/githubrecords.h"

#include <QHash>
#include <QSet>
#include <QUrlQuery>

namespace ferry::ingest {
namespace {

constexpr int kMaxPages = 2000; // 200,000 records: a Link loop, not a repository

Error errorOf(const HttpOutcome& o)
{
    switch (o.kind) {
    case HttpOutcome::Kind::Aborted:
        return makeError(ErrorKind::Invalid, o.error);
    case HttpOutcome::Kind::Skipped:
        return makeError(
            ErrorKind::NotFound,
            o.response.status == 404
                ? QStringLiteral("%1 (no such repository, or the token cannot see it)").arg(o.error)
                : o.error);
    default: // Failed, RateLimited
        return makeError(ErrorKind::Unavailable, o.error);
    }
}

} // namespace

RepositorySync::RepositorySync(Source source, HttpClient& client)
    : m_source(std::move(source)), m_client(client)
{
}

QUrl RepositorySync::endpoint(const QString& path, const QList<QPair<QString, QString>>& query) const
{
    QUrl url = m_source.api;
    QString base = url.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + path);
    QUrlQuery q;
    for (const auto& [name, value] : query)
        q.addQueryItem(name, value);
    url.setQuery(q);
    return url;
}

QUrl RepositorySync::issuesSince(const QString& cursor) const
{
    return endpoint(QStringLiteral("/repos/%1/issues").arg(m_name),
                    {{QStringLiteral("state"), QStringLiteral("all")},
                     {QStringLiteral("sort"), QStringLiteral("updated")},
                     {QStringLiteral("direction"), QStringLiteral("asc")},
                     {QStringLiteral("since"), cursor},
                     {QStringLiteral("per_page"), QStringLiteral("100")}});
}

HttpRequest RepositorySync::request(const QUrl& url, const QString& key, const QByteArray& etag) const
{
    HttpRequest r{url, {}, key};
    r.headers.append(qMakePair(QByteArray("Accept"), QByteArray("application/vnd.github+json")));
    r.headers.append(qMakePair(QByteArray("X-GitHub-Api-Version"), QByteArray("2022-11-28")));
    r.headers.append(qMakePair(QByteArray("User-Agent"), QByteArray("Ferry")));
    if (!m_source.token.isEmpty())
        r.headers.append(qMakePair(QByteArray("Authorization"), QByteArray("Bearer " + m_source.token)));
    if (!etag.isEmpty())
        r.headers.append(qMakePair(QByteArray("If-None-Match"), QByteArray(etag)));
    return r;
}

void RepositorySync::account(const HttpOutcome& o)
{
    m_run.requests += o.attempts;
    m_run.retries += qMax(0, o.attempts - 1);
    m_run.waitedSeconds += o.waitedSeconds;
    m_run.events += o.events;
}

Result<QJsonArray> RepositorySync::list(QUrl url, const QString& what, const QByteArray& etag,
                                        QByteArray* firstEtag)
{
    QJsonArray all;
    for (int page = 1; url.isValid(); ++page) {
        if (page > kMaxPages)
            return makeError(ErrorKind::Invalid,
                             QStringLiteral("%1: more than %2 pages, stopped").arg(what).arg(kMaxPages));
        const HttpOutcome o = m_client
                                  .getAll({request(url, QStringLiteral("%1 page %2").arg(what).arg(page),
                                                   page == 1 ? etag : "")})
                                  .constFirst();
        account(o);
        if (!o.ok())
            return errorOf(o);
        if (o.response.status == 304) {
            m_run.notModified = true;
            return all;
        }
        if (page == 1) {
            if (firstEtag)
                *firstEtag = o.response.header("etag");
            if (!m_listingStarted.isValid())
                m_listingStarted = o.response.dateHeader("date");
        }
        ++m_pages;
        const Result<QJsonArray> items =
            GithubRecords::page(o.response.body, QStringLiteral("%1 page %2").arg(what).arg(page));
        if (!items)
            return items.error();
        for (const QJsonValue& v : *items)
            all.append(v);
        url = GithubRecords::nextLink(o.response.header("link"), m_source.api);
    }
    return all;
}

// The cursor is the largest updated_at listed. When the listing took several pages and something changed
// while it ran (an updated_at after its start), a record may have moved from a page not yet read to one
// already read and been missed: then the cursor stays at the oldest updated_at listed, so the next run
// lists the same range again.
void RepositorySync::keepCursor(const QJsonArray& listed, const QString& oldCursor)
{
    QDateTime newest = GithubRecords::time(oldCursor), oldest;
    for (const QJsonValue& v : listed) {
        const QDateTime t = GithubRecords::time(v.toObject().value(QStringLiteral("updated_at")));
        if (!t.isValid())
            continue;
        if (!newest.isValid() || t > newest)
            newest = t;
        if (!oldest.isValid() || t < oldest)
            oldest = t;
    }
    const QDateTime started =
        m_listingStarted.isValid() ? m_listingStarted : m_client.clock().nowUtc().addSecs(-300);
    const bool changedWhileListing = m_pages > 1 && newest.isValid() && newest >= started;
    if (changedWhileListing) {
        m_run.events.append(
            QStringLiteral(
                "%1: changed while it was listed; the cursor stays for the next run to list it again")
                .arg(m_name));
        m_run.cursor = oldCursor.isEmpty() || !oldest.isValid() ? oldCursor : GithubRecords::cursorOf(oldest);
    } else {
        m_run.cursor = newest.isValid() ? GithubRecords::cursorOf(newest) : oldCursor;
    }
}

Status RepositorySync::fetchPullRequests(const QList<int>& numbers)
{
    QList<HttpRequest> requests;
    for (int n : numbers)
        requests.append(request(endpoint(QStringLiteral("/repos/%1/pulls/%2").arg(m_name).arg(n)),
                                QStringLiteral("%1#%2").arg(m_name).arg(n)));
    return fetchEach(requests, [&](qsizetype i, const HttpOutcome& o) -> Status {
        Result<QJsonObject> pr = GithubRecords::object(o.response.body, requests[i].key);
        if (!pr)
            return pr.error();
        Result<store::PullRequestRow> row = GithubRecords::pullRequest(m_name, *pr);
        if (!row)
            return row.error();
        m_run.pullRequests.append(std::move(row.value()));
        return Status::success();
    });
}

// Sends the requests (concurrently) and hands each answer to `use`; an item GitHub no longer serves
// (4xx) is listed as skipped. Every answer that came is used, so that the rows in hand can be kept; the
// first failure is what it comes to.
Status RepositorySync::fetchEach(const QList<HttpRequest>& requests,
                                 const std::function<Status(qsizetype, const HttpOutcome&)>& use)
{
    const QList<HttpOutcome> answers = m_client.getAll(requests);
    Status first;
    for (qsizetype i = 0; i < answers.size(); ++i) {
        const HttpOutcome& o = answers[i];
        account(o);
        if (o.kind == HttpOutcome::Kind::Skipped) {
            m_run.skipped.append(o.error);
            continue;
        }
        Status used = o.ok() ? use(i, o) : Status(errorOf(o));
        if (!used && first)
            first = std::move(used);
    }
    return first;
}

Status RepositorySync::fetchReviews()
{
    QList<HttpRequest> requests;
    for (const store::PullRequestRow& pr : std::as_const(m_run.pullRequests))
        requests.append(
            request(endpoint(QStringLiteral("/repos/%1/pulls/%2/reviews").arg(m_name).arg(pr.number),
                             {{QStringLiteral("per_page"), QStringLiteral("100")}}),
                    QStringLiteral("%1#%2 reviews").arg(m_name).arg(pr.number)));
    const QList<int> numbers = [&] {
        QList<int> n;
        for (const store::PullRequestRow& pr : std::as_const(m_run.pullRequests))
            n.append(pr.number);
        return n;
    }();
    return fetchEach(requests, [&](qsizetype i, const HttpOutcome& o) -> Status {
        const int number = numbers[i];
        const QString what = QStringLiteral("%1#%2 reviews").arg(m_name).arg(number);
        Result<QJsonArray> items = GithubRecords::page(o.response.body, what);
        if (!items)
            return items.error();
        QJsonArray all = std::move(items.value());
        if (const QUrl next = GithubRecords::nextLink(o.response.header("link"), m_source.api);
            next.isValid()) {
            const Result<QJsonArray> more = list(next, what);
            if (!more)
                return more.error();
            for (const QJsonValue& v : *more)
                all.append(v);
        }
        for (const QJsonValue& v : std::as_const(all)) {
            Result<store::ReviewRow> review = GithubRecords::review(m_name, number, v.toObject());
            if (!review)
                return review.error();
            m_run.reviews.append(std::move(review.value()));
        }
        return Status::success();
    });
}

Status RepositorySync::run(const store::TrackedRepository& repository)
{
    m_name = repository.fullName;
    m_run = RepositoryRun{};
    m_run.full = repository.cursor.isEmpty();
    QByteArray firstEtag;
    if (m_run.full) {
        const Result<QJsonArray> pulls = list(endpoint(QStringLiteral("/repos/%1/pulls").arg(m_name),
                                                       {{QStringLiteral("state"), QStringLiteral("all")},
                                                        {QStringLiteral("sort"), QStringLiteral("updated")},
                                                        {QStringLiteral("direction"), QStringLiteral("asc")},
                                                        {QStringLiteral("per_page"), QStringLiteral("100")}}),
                                              QStringLiteral("%1 pulls").arg(m_name));
        if (!pulls)
            return pulls.error();
        QHash<int, qsizetype> index; // a pull request updated while listed comes twice: the later wins
        for (const QJsonValue& v : *pulls) {
            Result<store::PullRequestRow> row = GithubRecords::pullRequest(m_name, v.toObject());
            if (!row)
                return row.error();
            if (const auto it = index.constFind(row->number); it != index.constEnd()) {
                m_run.pullRequests[*it] = std::move(row.value());
                continue;
            }
            index.insert(row->number, m_run.pullRequests.size());
            m_run.pullRequests.append(std::move(row.value()));
        }
        keepCursor(*pulls, QString());
    } else {
        const Result<QJsonArray> issues =
            list(issuesSince(repository.cursor), QStringLiteral("%1 issues").arg(m_name),
                 repository.etag.toLatin1(), &firstEtag);
        if (!issues)
            return issues.error();
        if (m_run.notModified) {
            m_run.cursor = repository.cursor;
            m_run.etag = repository.etag;
            return Status::success();
        }
        QList<int> numbers; // in the order listed, once each (a record updated while listed comes twice)
        QSet<int> seen;
        for (const QJsonValue& v : *issues) {
            const QJsonObject issue = v.toObject();
            const int number = issue.value(QStringLiteral("number")).toInt();
            if (issue.contains(QStringLiteral("pull_request")) && number > 0 && !seen.contains(number)) {
                seen.insert(number);
                numbers.append(number);
            }
        }
        keepCursor(*issues, repository.cursor);
        if (const Status fetched = fetchPullRequests(numbers); !fetched)
            return fetched.error();
    }
    if (const Status reviewed = fetchReviews(); !reviewed)
        return reviewed.error();
    // The ETag that lets the next run cost one request: the first page of the issues since the new
    // cursor. When the cursor did not move, the page just read is that page.
    if (!m_run.full && m_run.cursor == repository.cursor) {
        m_run.etag = QString::fromLatin1(firstEtag);
    } else if (!m_run.cursor.isEmpty()) {
        const HttpOutcome probe =
            m_client.getAll({request(issuesSince(m_run.cursor), QStringLiteral("%1 issues").arg(m_name))})
                .constFirst();
        account(probe);
        if (probe.ok())
            m_run.etag = QString::fromLatin1(probe.response.header("etag"));
    }
    return Status::success();
}

} // namespace ferry::ingest
