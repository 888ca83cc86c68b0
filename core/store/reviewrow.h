#pragma once

#include <QDateTime>
#include <QString>

namespace ferry::store {

// One review of a pull request (pr_reviews), keyed by GitHub's id.
struct ReviewRow
{
    qint64 githubId = 0;
    QString repository;
    int prNumber = 0;
    QString author, state, body;
    QDateTime submittedAt;
};

} // namespace ferry::store
