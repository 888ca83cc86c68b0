#pragma once

#include "core/util/result.h"

#include <QByteArray>
#include <QFile>
#include <QString>

namespace ferry::util {

// Writes a whole file so that a crash, a full disk or a power cut leaves either the old content or the
// new one, never a mix: a temporary file in the same folder is written, flushed to disk, then renamed.
Status writeFileAtomically(const QString& path, const QByteArray& content);

// Flushes an open file's buffers and its content to the disk (fsync on POSIX).
bool flushToDisk(QFile& file);

// Reads a whole file; a missing file is ErrorKind::NotFound.
Result<QByteArray> readWholeFile(const QString& path);

} // namespace ferry::util
