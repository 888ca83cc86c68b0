#include "core/git/packindexwriter.h"

#include <QCryptographicHash>
#include <QtEndian>

namespace ferry::git {
namespace {

void appendWord(QByteArray& out, quint32 value)
{
    const quint32 big = qToBigEndian(value);
    out.append(reinterpret_cast<const char*>(&big), sizeof big);
}

} // namespace

QByteArray PackIndexWriter::single(const QByteArray& id, quint32 crc, quint32 offset,
                                   const QByteArray& packSha)
{
    QByteArray out("\377tOc", 4);
    appendWord(out, 2);
    const auto first = uchar(id[0]);
    for (int i = 0; i < 256; ++i) // how many ids start with a byte <= i
        appendWord(out, i < first ? 0 : 1);
    out.append(id);
    appendWord(out, crc);
    appendWord(out, offset); // under 2 GiB: no 64-bit offset table
    out.append(packSha);
    out.append(QCryptographicHash::hash(out, QCryptographicHash::Sha1));
    return out;
}

} // namespace ferry::git
