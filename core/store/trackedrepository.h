#pragma once

#include <QDateTime>
#include <QString>

namespace ferry::store {

// A GitHub repository Ferry follows (tracked_repositories). `cursor` is the largest `updated_at` stored
// (GitHub's "YYYY-MM-DDTHH:MM:SSZ"), `etag` the ETag of the first page of the issues asked since it.
struct TrackedRepository
{
    QString fullName; // "owner/name"
    bool active = true;
    QString status = QStringLiteral("pending"); // pending, syncing, synced, error
    QDateTime lastSyncAt;
    QString cursor;
    QString etag;
    QString lastError;
};

} // namespace ferry::store
