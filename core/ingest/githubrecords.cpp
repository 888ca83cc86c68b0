#include "core/ingest/githubrecords.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace ferry::ingest {

Result<QJsonArray> GithubRecords::page(const QByteArray& body, const QString& what)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (!doc.isArray())
        return makeError(ErrorKind::Unavailable,
                         QStringLiteral("%1: malformed page (%2)")
                             .arg(what, doc.isNull() ? error.errorString() : QStringLiteral("not a list")));
    return doc.array();
}

Result<QJsonObject> GithubRecords::object(const QByteArray& body, const QString& what)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (!doc.isObject())
        return makeError(
            ErrorKind::Unavailable,
            QStringLiteral("%1: malformed answer (%2)")
                .arg(what, doc.isNull() ? error.errorString() : QStringLiteral("not an object")));
    return doc.object();
}

QDateTime GithubRecords::time(const QJsonValue& value)
{
    if (!value.isString())
        return {};
    QDateTime t = QDateTime::fromString(value.toString(), Qt::ISODate);
    return t.isValid() ? t.toUTC() : QDateTime();
}

QString GithubRecords::cursorOf(const QDateTime& utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

Result<store::PullRequestRow> GithubRecords::pullRequest(const QString& repository, const QJsonObject& pr)
{
    store::PullRequestRow row;
    row.repository = repository;
    row.number = pr.value(QStringLiteral("number")).toInt();
    row.updatedAt = time(pr.value(QStringLiteral("updated_at")));
    if (row.number <= 0 || !row.updatedAt.isValid())
        return makeError(ErrorKind::Unavailable,
                         QStringLiteral("%1: a pull request without a number or updated_at").arg(repository));
    row.githubId = qint64(pr.value(QStringLiteral("id")).toDouble());
    row.title = pr.value(QStringLiteral("title")).toString();
    row.state = pr.value(QStringLiteral("state")).toString();
    row.draft = pr.value(QStringLiteral("draft")).toBool();
    row.author = pr.value(QStringLiteral("user")).toObject().value(QStringLiteral("login")).toString();
    row.createdAt = time(pr.value(QStringLiteral("created_at")));
    row.closedAt = time(pr.value(QStringLiteral("closed_at")));
    row.mergedAt = time(pr.value(QStringLiteral("merged_at")));
    row.data = QJsonDocument(pr).toJson(QJsonDocument::Compact);
    return row;
}

Result<store::ReviewRow> GithubRecords::review(const QString& repository, int number,
                                               const QJsonObject& review)
{
    store::ReviewRow row;
    row.githubId = qint64(review.value(QStringLiteral("id")).toDouble());
    if (row.githubId <= 0)
        return makeError(ErrorKind::Unavailable,
                         QStringLiteral("%1#%2: a review without an id").arg(repository).arg(number));
    row.repository = repository;
    row.prNumber = number;
    row.author = review.value(QStringLiteral("user")).toObject().value(QStringLiteral("login")).toString();
    row.state = review.value(QStringLiteral("state")).toString();
    row.body = review.value(QStringLiteral("body")).toString();
    row.submittedAt = time(review.value(QStringLiteral("submitted_at")));
    return row;
}

QUrl GithubRecords::nextLink(const QByteArray& linkHeader, const QUrl& api)
{
    static const QRegularExpression part(QStringLiteral(R"(<([^>]*)>\s*((?:;\s*[^;,]*)*))"));
    auto it = part.globalMatch(QString::fromLatin1(linkHeader));
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        static const QRegularExpression relNext(
            QStringLiteral(R"(;\s*rel\s*=\s*"?([^";]*\s)?next(?=[\s";]|$))"));
        if (!relNext.match(m.captured(2)).hasMatch())
            continue;
        const QUrl next = api.resolved(QUrl(m.captured(1)));
        if (next.scheme() == api.scheme() && next.host() == api.host() && next.port() == api.port())
            return next;
        return {};
    }
    return {};
}

} // namespace ferry::ingest
