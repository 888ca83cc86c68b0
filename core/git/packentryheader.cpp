#include "core/git/packentryheader.h"

#include <QtEndian>

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

QByteArray packFileHeader(quint32 entries)
{
    const quint32 words[] = {qToBigEndian(quint32(0x5041434b)) /* "PACK" */, qToBigEndian(quint32(2)),
                             qToBigEndian(entries)};
    return {reinterpret_cast<const char*>(words), qsizetype(sizeof words)};
}

} // namespace ferry::git
