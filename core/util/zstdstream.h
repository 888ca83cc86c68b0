#pragma once

#include "core/util/result.h"

#include <functional>
#include <QByteArrayView>

class QIODevice;

namespace ferry::util {

// zstd through fixed buffers (ZSTD_compressStream2 / ZSTD_decompressStream): memory stays the same
// whatever the size of the content, and the uncompressed bytes can be hashed as they pass.
class ZstdStream
{
public:
    // Sees every piece of the uncompressed content, in order.
    using Tap = std::function<void(QByteArrayView)>;
    struct Totals
    {
        qint64 plain = 0;  // uncompressed bytes
        qint64 packed = 0; // compressed bytes
    };

    // Compresses all of `in` into `out` as one frame. `pledgedSize` (-1: unknown) is written into the
    // frame header; reading another amount (the file changed meanwhile) is an error (Conflict).
    static Result<Totals> compress(QIODevice& in, QIODevice& out, int level, qint64 pledgedSize,
                                   const Tap& tap = {});
    // Decompresses the frame in `in` into `out`; a damaged or cut frame is ErrorKind::Invalid.
    static Result<Totals> decompress(QIODevice& in, QIODevice& out, const Tap& tap = {});
};

} // namespace ferry::util
