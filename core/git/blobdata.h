#pragma once

#include "core/util/result.h"

#include <QByteArray>
#include <QString>

struct git_repository;
struct git_odb_object;

namespace ferry::git {

// A blob's content as the object database holds it, without a copy: downloads write it from here to
// the file. libgit2 1.5 inflates a whole object on reading (git_odb_open_rstream works for loose objects
// only; a fetched blob is in a pack), so this is the one in-memory copy of a download.
class BlobData
{
public:
    static Result<BlobData> read(git_repository* repo, const QString& oid);

    ~BlobData();
    BlobData(BlobData&& other) noexcept : m_object(other.m_object) { other.m_object = nullptr; }
    BlobData& operator=(BlobData&& other) noexcept;
    BlobData(const BlobData&) = delete;
    BlobData& operator=(const BlobData&) = delete;

    // The content, borrowed: valid while this object lives (QByteArray::fromRawData, no copy).
    QByteArray bytes() const;
    qint64 size() const;

private:
    explicit BlobData(git_odb_object* object) : m_object(object) {}

    git_odb_object* m_object;
};

} // namespace ferry::git
