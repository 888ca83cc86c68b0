#include "tests/support/fakegithub.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace ferry::test {
namespace {

QString iso(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ")) : QString();
}

QByteArray httpDate(const QDateTime& t)
{
    return QLocale::c().toString(t.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1();
}

QPair<QByteArray, QByteArray> header(const QByteArray& name, const QByteArray& value)
{
    return {name, value};
}

FakeApi::Reply json(int status, const QJsonDocument& doc)
{
    FakeApi::Reply r;
    r.status = status;
    r.body = doc.toJson(QJsonDocument::Compact);
    r.headers.append(header("Content-Type", "application/json; charset=utf-8"));
    return r;
}

FakeApi::Reply message(int status, const QString& text)
{
    return json(status, QJsonDocument(QJsonObject{{QStringLiteral("message"), text}}));
}

} // namespace

FakeGithub::FakeGithub(QByteArray token)
    : m_token(std::move(token)), m_api([this](const FakeApi::Request& r) { return answer(r); })
{
    m_clock.start();
}

void FakeGithub::secondaryLimitNext(const QByteArray& pathPart, int status,
                                    std::optional<int> retryAfterSeconds)
{
    m_secondary.append({pathPart, status, retryAfterSeconds});
}

void FakeGithub::exhaustPrimaryAfter(int requests, int resetSeconds, int status)
{
    m_primaryAfter = requests;
    m_primaryResetSeconds = resetSeconds;
    m_primaryStatus = status;
}

FakeApi::Reply FakeGithub::secondaryReply(int status, std::optional<int> retryAfter) const
{
    FakeApi::Reply r =
        message(status, QStringLiteral(
                            "You have exceeded a secondary rate limit. Please wait a few minutes before you "
                            "try again. If you reach out to GitHub Support for help, please include the "
                            "request ID 0000:1111:2222."));
    if (retryAfter)
        r.headers.append(header("retry-after", QByteArray::number(*retryAfter)));
    // The primary window is far from spent: its reset is not the wait.
    r.headers.append(header("x-ratelimit-limit", "5000"));
    r.headers.append(header("x-ratelimit-remaining", QByteArray::number(qMax(1, m_remaining))));
    r.headers.append(
        header("x-ratelimit-reset", QByteArray::number(QDateTime::currentSecsSinceEpoch() + 3600)));
    return r;
}

FakeApi::Reply FakeGithub::primaryReply(int status) const
{
    FakeApi::Reply r =
        message(status, QStringLiteral("API rate limit exceeded for user ID 1. If you reach out "
                                       "to GitHub Support for help, please include the request "
                                       "ID 0000:1111:2222."));
    r.headers.append(header("x-ratelimit-limit", "5000"));
    r.headers.append(header("x-ratelimit-remaining", "0"));
    r.headers.append(header("x-ratelimit-reset", QByteArray::number(m_primaryResetEpoch)));
    return r;
}

// A limit that holds, or a scripted secondary limit this request meets; nothing when it may pass.
std::optional<FakeApi::Reply> FakeGithub::limited(const FakeApi::Request& request)
{
    const qint64 now = m_clock.elapsed();
    if (!m_limits.isEmpty() && m_limits.last().nextRequestMs < 0)
        m_limits.last().nextRequestMs = now;
    if (m_limitedUntilMs >= 0 && now < m_limitedUntilMs) {
        Limit& holding = m_limits.last();
        ++holding.early;
        return holding.kind == u"primary" ? primaryReply(holding.status)
                                          : secondaryReply(holding.status, std::nullopt);
    }
    m_limitedUntilMs = -1;
    if (m_primaryResetEpoch > 0) { // the window turned: full again
        m_primaryResetEpoch = 0;
        m_remaining = 5000;
    }
    if (m_primaryAfter == 0) {
        m_primaryAfter = -1;
        const qint64 nowEpochMs = QDateTime::currentMSecsSinceEpoch();
        m_primaryResetEpoch = (nowEpochMs + qint64(m_primaryResetSeconds) * 1000 + 999) / 1000;
        const qint64 documented = qint64(double(m_primaryResetEpoch * 1000 - nowEpochMs) * m_scale);
        m_limits.append({QStringLiteral("primary"), m_primaryStatus, request.path, now, documented});
        m_limitedUntilMs = now + documented;
        m_remaining = 0;
        return primaryReply(m_primaryStatus);
    }
    const auto secondary = std::find_if(m_secondary.begin(), m_secondary.end(), [&](const Secondary& s) {
        return request.path.contains(s.pathPart);
    });
    if (secondary == m_secondary.end())
        return std::nullopt;
    const Secondary s = *secondary;
    m_secondary.erase(secondary);
    const qint64 documented = qint64(double(s.retryAfter ? *s.retryAfter * 1000 : 60000) * m_scale);
    m_limits.append({QStringLiteral("secondary"), s.status, request.path, now, documented});
    m_limitedUntilMs = now + documented;
    return secondaryReply(s.status, s.retryAfter);
}

void FakeGithub::addRepository(const QString& name, int pulls, int issues, const QDateTime& start,
                               int reviewsEach)
{
    Repository repo;
    for (int n = 1; n <= pulls; ++n) {
        Pull p;
        p.number = n;
        p.title = QStringLiteral("Pull request %1").arg(n);
        p.created = start.addSecs(60 * (n - 1));
        p.updated = p.created;
        p.state = n % 3 == 0 ? QStringLiteral("closed") : QStringLiteral("open");
        for (int k = 0; k < reviewsEach; ++k)
            p.reviews.append({m_nextId++, QStringLiteral("reviewer%1").arg(k), QStringLiteral("APPROVED"),
                              QStringLiteral("Looks good \"quoted\" \\ and\nnew line"),
                              p.created.addSecs(30)});
        repo.pulls.insert(n, p);
    }
    for (int n = pulls + 1; n <= pulls + issues; ++n)
        repo.issues.insert(n, start.addSecs(60 * (n - 1)));
    m_repositories.insert(name, repo);
}

void FakeGithub::touch(const QString& repository, int number, const QDateTime& updated)
{
    Pull& p = m_repositories[repository].pulls[number];
    p.updated = updated;
    p.title = QStringLiteral("Pull request %1 (edited %2)").arg(number).arg(iso(updated));
}

void FakeGithub::failNext(const QByteArray& pathPart, int times, FakeApi::Reply reply)
{
    m_faults.append({pathPart, times, std::move(reply)});
}

QJsonObject FakeGithub::pullJson(const QString& repository, const Pull& p) const
{
    return QJsonObject{
        {QStringLiteral("id"), 500000 + p.number},
        {QStringLiteral("number"), p.number},
        {QStringLiteral("title"), p.title},
        {QStringLiteral("state"), p.state},
        {QStringLiteral("draft"), p.number % 5 == 0},
        {QStringLiteral("user"), QJsonObject{{QStringLiteral("login"), p.user}}},
        {QStringLiteral("created_at"), iso(p.created)},
        {QStringLiteral("updated_at"), iso(p.updated)},
        {QStringLiteral("closed_at"), p.state == u"closed" ? QJsonValue(iso(p.updated)) : QJsonValue()},
        {QStringLiteral("merged_at"), QJsonValue()},
        {QStringLiteral("html_url"),
         QStringLiteral("https://github.com/%1/pull/%2").arg(repository).arg(p.number)}};
}

FakeApi::Reply FakeGithub::answer(const FakeApi::Request& request)
{
    const QUrl url(QString::fromLatin1("http://x" + request.path));
    FakeApi::Reply reply;
    const auto fault = std::find_if(m_faults.begin(), m_faults.end(), [&](const Fault& f) {
        return f.times > 0 && request.path.contains(f.pathPart);
    });
    if (fault != m_faults.end()) {
        --fault->times;
        reply = fault->reply;
    } else if (std::optional<FakeApi::Reply> limit = limited(request)) {
        reply = std::move(*limit);
    } else if (request.headers.value("authorization") != "Bearer " + m_token) {
        reply = message(401, QStringLiteral("Bad credentials"));
    } else {
        QMap<QString, QString> query;
        for (const auto& [k, v] : QUrlQuery(url).queryItems(QUrl::FullyDecoded))
            query.insert(k, v);
        reply = route(url.path(), query);
        const QByteArray etag =
            "W/\"" + QCryptographicHash::hash(reply.body, QCryptographicHash::Sha1).toHex() + "\"";
        if (reply.status == 200) {
            reply.headers.append(header("ETag", etag));
            if (request.headers.value("if-none-match") == etag) {
                reply.status = 304; // as on GitHub, a 304 does not count against the rate limit
                reply.body.clear();
            } else {
                --m_remaining;
                if (m_primaryAfter > 0)
                    --m_primaryAfter;
            }
        }
    }
    reply.headers.append(header("Date", httpDate(QDateTime::currentDateTimeUtc())));
    const bool hasLimitHeaders = std::any_of(reply.headers.begin(), reply.headers.end(), [](const auto& h) {
        return h.first == "x-ratelimit-remaining";
    });
    if (!hasLimitHeaders) {
        reply.headers.append(header("x-ratelimit-limit", "5000"));
        reply.headers.append(header("x-ratelimit-remaining", QByteArray::number(m_remaining)));
    }
    reply.delayMs = qMax(reply.delayMs, m_latencyMs);
    m_served.append({request.path, reply.status, request.headers.contains("if-none-match")});
    if (afterAnswer)
        afterAnswer(request);
    return reply;
}

FakeApi::Reply FakeGithub::route(const QString& path, const QMap<QString, QString>& query)
{
    static const QRegularExpression re(
        QStringLiteral(R"(^/repos/([^/]+/[^/]+)/(pulls|issues)(?:/(\d+)(/reviews)?)?$)"));
    const QRegularExpressionMatch m = re.match(path);
    if (!m.hasMatch())
        return message(404, QStringLiteral("Not Found"));
    const QString name = m.captured(1);
    if (!m_repositories.contains(name))
        return message(404, QStringLiteral("Not Found"));
    const Repository& repo = m_repositories[name];
    if (repo.unauthorized)
        return message(401, QStringLiteral("Bad credentials"));
    if (!m.captured(3).isEmpty()) {
        const int number = m.captured(3).toInt();
        if (!repo.pulls.contains(number))
            return message(404, QStringLiteral("Not Found"));
        const Pull& p = repo.pulls[number];
        if (m.captured(4).isEmpty())
            return json(200, QJsonDocument(pullJson(name, p)));
        QList<QJsonObject> reviews;
        for (const Review& r : p.reviews)
            reviews.append({{QStringLiteral("id"), r.id},
                            {QStringLiteral("user"), QJsonObject{{QStringLiteral("login"), r.user}}},
                            {QStringLiteral("state"), r.state},
                            {QStringLiteral("body"), r.body},
                            {QStringLiteral("submitted_at"), iso(r.submitted)}});
        return paged(path, query, reviews);
    }
    // Lists, oldest update first (direction=asc), ties by number.
    QList<QPair<QDateTime, QJsonObject>> items;
    const QDateTime since =
        query.contains(QStringLiteral("since")) ? at(query.value(QStringLiteral("since"))) : QDateTime();
    for (const Pull& p : repo.pulls) {
        if (since.isValid() && p.updated < since)
            continue;
        QJsonObject o = pullJson(name, p);
        if (m.captured(2) == u"issues")
            o.insert(QStringLiteral("pull_request"),
                     QJsonObject{{QStringLiteral("url"),
                                  QStringLiteral("%1/repos/%2/pulls/%3").arg(apiUrl(), name).arg(p.number)}});
        items.append({p.updated, o});
    }
    if (m.captured(2) == u"issues")
        for (auto it = repo.issues.begin(); it != repo.issues.end(); ++it)
            if (!since.isValid() || it.value() >= since)
                items.append({it.value(), QJsonObject{{QStringLiteral("id"), 900000 + it.key()},
                                                      {QStringLiteral("number"), it.key()},
                                                      {QStringLiteral("title"), QStringLiteral("Issue")},
                                                      {QStringLiteral("updated_at"), iso(it.value())}}});
    std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first
                                  : a.second.value(QStringLiteral("number")).toInt() <
                                        b.second.value(QStringLiteral("number")).toInt();
    });
    QList<QJsonObject> objects;
    for (const auto& item : items)
        objects.append(item.second);
    return paged(path, query, objects);
}

FakeApi::Reply FakeGithub::paged(const QString& path, const QMap<QString, QString>& query,
                                 const QList<QJsonObject>& items)
{
    const int perPage = qBound(1, query.value(QStringLiteral("per_page"), QStringLiteral("30")).toInt(), 100);
    const int page = qMax(1, query.value(QStringLiteral("page"), QStringLiteral("1")).toInt());
    QJsonArray out;
    for (qsizetype i = qsizetype(page - 1) * perPage; i < items.size() && i < qsizetype(page) * perPage; ++i)
        out.append(items[i]);
    FakeApi::Reply reply = json(200, QJsonDocument(out));
    const int last = qMax(1, int((items.size() + perPage - 1) / perPage));
    if (page < last) {
        const auto link = [&](int p) {
            QUrlQuery q;
            for (auto it = query.begin(); it != query.end(); ++it)
                if (it.key() != u"page")
                    q.addQueryItem(it.key(), it.value());
            q.addQueryItem(QStringLiteral("page"), QString::number(p));
            return (apiUrl() + path + u'?' + q.toString(QUrl::FullyEncoded)).toLatin1();
        };
        reply.headers.append(
            {"Link", "<" + link(page + 1) + ">; rel=\"next\", <" + link(last) + ">; rel=\"last\""});
    }
    return reply;
}

} // namespace ferry::test
