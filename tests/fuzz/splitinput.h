#pragma once

#include <cstddef>
#include <cstdint>
#include <QByteArray>

// A fuzz input as three versions: two length bytes for the base and the local version, then the rest.
struct ThreeVersions
{
    QByteArray base, local, remote;

    static ThreeVersions from(const uint8_t* data, size_t size)
    {
        ThreeVersions v;
        if (size < 2)
            return v;
        const auto* text = reinterpret_cast<const char*>(data + 2);
        const qsizetype rest = qsizetype(size - 2);
        const qsizetype baseLength = qMin<qsizetype>(data[0], rest);
        const qsizetype localLength = qMin<qsizetype>(data[1], rest - baseLength);
        v.base = QByteArray(text, baseLength);
        v.local = QByteArray(text + baseLength, localLength);
        v.remote = QByteArray(text + baseLength + localLength, rest - baseLength - localLength);
        return v;
    }
};
