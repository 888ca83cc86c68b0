#pragma once

// Internal to core/git sources, like ptr.h: object ids as their 20 raw bytes, the form the pack code keys
// sets and lists by (half the size of the hex text, no conversion).

#include <git2.h>
#include <QByteArray>

namespace ferry::git {

inline QByteArray rawOid(const git_oid& id)
{
    return {reinterpret_cast<const char*>(id.id), GIT_OID_RAWSZ};
}

// `raw` holds GIT_OID_RAWSZ bytes.
inline git_oid oidFromRaw(const QByteArray& raw)
{
    git_oid id;
    git_oid_fromraw(&id, reinterpret_cast<const unsigned char*>(raw.constData()));
    return id;
}

} // namespace ferry::git
