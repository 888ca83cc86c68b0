#include "core/util/atomicfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace ferry::util {

Status writeFileAtomically(const QString& path, const QByteArray& content)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return makeError(ErrorKind::Io, QStringLiteral("cannot create folder %1").arg(info.absolutePath()));

    // QSaveFile writes "<name>.XXXXXX" beside the target, fsyncs it on commit() and renames it over the
    // target; if anything fails the target is untouched and the temporary file is removed.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorKind::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    if (file.write(content) != content.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return makeError(ErrorKind::Io, QStringLiteral("cannot write %1: %2").arg(path, reason));
    }
    if (!file.commit())
        return makeError(ErrorKind::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return Status::success();
}

bool flushToDisk(QFile& file)
{
    if (!file.flush())
        return false;
#ifdef Q_OS_UNIX
    return ::fsync(file.handle()) == 0;
#else
    return true;
#endif
}

Result<QByteArray> readWholeFile(const QString& path)
{
    QFile file(path);
    if (!file.exists())
        return makeError(ErrorKind::NotFound, QStringLiteral("%1 does not exist").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorKind::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    return file.readAll();
}

} // namespace ferry::util
