#include "core/git/blobdata.h"

#include <git2.h>
#include <memory>

namespace ferry::git {
namespace {

struct FreeOdb
{
    void operator()(git_odb* o) const noexcept { git_odb_free(o); }
};

Error failed(const QString& oid)
{
    const git_error* e = git_error_last();
    return makeError(ErrorKind::Internal, QStringLiteral("cannot read object %1: %2")
                                              .arg(oid, e && e->message ? QString::fromUtf8(e->message)
                                                                        : QStringLiteral("unknown error")));
}

} // namespace

Result<BlobData> BlobData::read(git_repository* repo, const QString& oidHex)
{
    git_oid oid;
    const QByteArray latin = oidHex.toLatin1();
    if (oidHex.size() != GIT_OID_HEXSZ ||
        git_oid_fromstrn(&oid, latin.constData(), size_t(latin.size())) != 0)
        return makeError(ErrorKind::Internal, QStringLiteral("\"%1\" is not a git object id").arg(oidHex));
    git_odb* odbRaw = nullptr;
    if (git_repository_odb(&odbRaw, repo) < 0)
        return failed(oidHex);
    const std::unique_ptr<git_odb, FreeOdb> odb(odbRaw);
    git_odb_object* object = nullptr;
    if (git_odb_read(&object, odb.get(), &oid) < 0)
        return failed(oidHex);
    BlobData blob(object);
    if (git_odb_object_type(object) != GIT_OBJECT_BLOB)
        return makeError(ErrorKind::Internal, QStringLiteral("object %1 is not a file").arg(oidHex));
    return blob;
}

BlobData::~BlobData()
{
    git_odb_object_free(m_object);
}

BlobData& BlobData::operator=(BlobData&& other) noexcept
{
    std::swap(m_object, other.m_object);
    return *this;
}

QByteArray BlobData::bytes() const
{
    if (!m_object)
        return {};
    return QByteArray::fromRawData(static_cast<const char*>(git_odb_object_data(m_object)),
                                   qsizetype(size()));
}

qint64 BlobData::size() const
{
    return m_object ? qint64(git_odb_object_size(m_object)) : 0;
}

} // namespace ferry::git
