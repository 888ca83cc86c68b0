#pragma once

#include "core/store/store.h"
#include "core/util/result.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QUrl>

namespace ferry::ingest {

// GitHub's JSON as Ferry's rows, and the bits of its HTTP answers the sync follows.
class GithubRecords
{
public:
    // A page of a list endpoint: a JSON array, or why it is not one ("malformed page …").
    static Result<QJsonArray> page(const QByteArray& body, const QString& what);
    // A single object (GET /pulls/N), or why it is not one.
    static Result<QJsonObject> object(const QByteArray& body, const QString& what);

    // The pull request of a /pulls or /pulls/N object, or why it lacks what every row needs (number,
    // updated_at).
    static Result<store::PullRequestRow> pullRequest(const QString& repository, const QJsonObject& pr);
    static Result<store::ReviewRow> review(const QString& repository, int number, const QJsonObject& review);

    // The rel="next" address of a Link header, only if it is on the API's own host: the token goes with
    // it, so a Link elsewhere is not followed.
    static QUrl nextLink(const QByteArray& linkHeader, const QUrl& api);

    // GitHub's times ("2026-11-20T10:00:00Z") and back; invalid for null or garbage.
    static QDateTime time(const QJsonValue& value);
    static QString cursorOf(const QDateTime& utc);
};

} // namespace ferry::ingest
