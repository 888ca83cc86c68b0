#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace ferry::store {

// One pull request (pull_requests); `data` is GitHub's JSON object, compact.
struct PullRequestRow
{
    QString repository;
    int number = 0;
    qint64 githubId = 0;
    QString title, state, author;
    bool draft = false;
    QDateTime createdAt, updatedAt, closedAt, mergedAt; // invalid: NULL
    QByteArray data;
};

} // namespace ferry::store
