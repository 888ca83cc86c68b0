#include "core/util/zstdstream.h"

#include <memory>
#include <QByteArray>
#include <QIODevice>
#include <zstd.h>

namespace ferry::util {
namespace {

struct FreeCCtx
{
    void operator()(ZSTD_CCtx* c) const noexcept { ZSTD_freeCCtx(c); }
};
struct FreeDCtx
{
    void operator()(ZSTD_DCtx* d) const noexcept { ZSTD_freeDCtx(d); }
};

Error zstdError(size_t code)
{
    return makeError(ErrorKind::Internal,
                     QStringLiteral("zstd: %1").arg(QString::fromUtf8(ZSTD_getErrorName(code))));
}

Error damaged()
{
    return makeError(ErrorKind::Invalid, QStringLiteral("the archived content is damaged"));
}

bool writeAll(QIODevice& out, const char* data, size_t size)
{
    return out.write(data, qint64(size)) == qint64(size);
}

Error writeFailed(QIODevice& out)
{
    return makeError(ErrorKind::Io, QStringLiteral("cannot write: %1").arg(out.errorString()));
}

} // namespace

Result<ZstdStream::Totals> ZstdStream::compress(QIODevice& in, QIODevice& out, int level, qint64 pledgedSize,
                                                const Tap& tap)
{
    const std::unique_ptr<ZSTD_CCtx, FreeCCtx> cctx(ZSTD_createCCtx());
    if (!cctx)
        return makeError(ErrorKind::Internal, QStringLiteral("zstd: out of memory"));
    ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_checksumFlag, 1);
    if (pledgedSize >= 0)
        ZSTD_CCtx_setPledgedSrcSize(cctx.get(), static_cast<unsigned long long>(pledgedSize));
    QByteArray inBuf(qsizetype(ZSTD_CStreamInSize()), Qt::Uninitialized);
    QByteArray outBuf(qsizetype(ZSTD_CStreamOutSize()), Qt::Uninitialized);
    Totals totals;
    for (;;) {
        const qint64 n = in.read(inBuf.data(), inBuf.size());
        if (n < 0)
            return makeError(ErrorKind::Io, QStringLiteral("cannot read: %1").arg(in.errorString()));
        const bool last = n == 0;
        if (pledgedSize >= 0 && totals.plain + n > pledgedSize)
            return makeError(ErrorKind::Conflict, QStringLiteral("changed while being read"));
        if (pledgedSize >= 0 && last && totals.plain != pledgedSize)
            return makeError(ErrorKind::Conflict, QStringLiteral("changed while being read"));
        if (tap && n > 0)
            tap(QByteArrayView(inBuf.constData(), n));
        totals.plain += n;
        ZSTD_inBuffer input{inBuf.constData(), size_t(n), 0};
        const ZSTD_EndDirective mode = last ? ZSTD_e_end : ZSTD_e_continue;
        for (;;) { // until this piece is consumed (and, at the end, the frame flushed)
            ZSTD_outBuffer output{outBuf.data(), size_t(outBuf.size()), 0};
            const size_t left = ZSTD_compressStream2(cctx.get(), &output, &input, mode);
            if (ZSTD_isError(left))
                return zstdError(left);
            if (!writeAll(out, outBuf.constData(), output.pos))
                return writeFailed(out);
            totals.packed += qint64(output.pos);
            if (last ? left == 0 : input.pos == input.size)
                break;
        }
        if (last)
            return totals;
    }
}

Result<ZstdStream::Totals> ZstdStream::decompress(QIODevice& in, QIODevice& out, const Tap& tap)
{
    const std::unique_ptr<ZSTD_DCtx, FreeDCtx> dctx(ZSTD_createDCtx());
    if (!dctx)
        return makeError(ErrorKind::Internal, QStringLiteral("zstd: out of memory"));
    QByteArray inBuf(qsizetype(ZSTD_DStreamInSize()), Qt::Uninitialized);
    QByteArray outBuf(qsizetype(ZSTD_DStreamOutSize()), Qt::Uninitialized);
    Totals totals;
    size_t pending = 1; // 0 once a frame is complete
    for (;;) {
        const qint64 n = in.read(inBuf.data(), inBuf.size());
        if (n < 0)
            return makeError(ErrorKind::Io, QStringLiteral("cannot read: %1").arg(in.errorString()));
        if (n == 0)
            return pending == 0 && totals.packed > 0 ? Result<Totals>(totals) : Result<Totals>(damaged());
        totals.packed += n;
        ZSTD_inBuffer input{inBuf.constData(), size_t(n), 0};
        bool full = true; // a full output buffer may hide more output: call again
        while (input.pos < input.size || full) {
            ZSTD_outBuffer output{outBuf.data(), size_t(outBuf.size()), 0};
            pending = ZSTD_decompressStream(dctx.get(), &output, &input);
            if (ZSTD_isError(pending))
                return damaged();
            if (tap && output.pos > 0)
                tap(QByteArrayView(outBuf.constData(), qsizetype(output.pos)));
            if (!writeAll(out, outBuf.constData(), output.pos))
                return writeFailed(out);
            totals.plain += qint64(output.pos);
            full = output.pos == output.size;
        }
    }
}

} // namespace ferry::util
