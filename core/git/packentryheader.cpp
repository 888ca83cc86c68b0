#include "core/git/packentryheader.h"

namespace ferry::git {

QByteArray packEntryHeader(git_object_t type, quint64 size)
{
    QByteArray out;
    auto c = static_cast<unsigned char>((unsigned(type) << 4) | (size & 0x0f));
    size >>= 4;
    while (size != 0) {
        out.append(char(c | 0x80));
        c = static_cast<unsigned char>(size & 0x7f);
        size >>= 7;
    }
    out.append(char(c));
    return out;
}

} // namespace ferry::git
