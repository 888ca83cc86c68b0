#pragma once

#include "core/sync/filestat.h"
#include "core/util/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace ferry::sync {

// Writes remote changes into a mapped folder without ever clobbering a newer local edit: content goes
// to a temporary file in the same folder (".ferry-tmp-*", ignored by scans), is flushed to disk, and
// replaces the target by rename only if the target still looks exactly as the scan saw it. A target that
// changed meanwhile is left alone (Outcome::Changed) and waits for the next cycle. Nothing is written
// through a symlink or outside the folder.
class FileApplier
{
public:
    enum class Outcome { Done, Changed };

    explicit FileApplier(QString folder) : m_folder(std::move(folder)) {}

    // `expected` is what the scan saw at the target (Type::Missing if nothing was there).
    Result<Outcome> write(const QString& relativePath, const QByteArray& content, bool executable,
                          const FileStat& expected);
    Result<Outcome> remove(const QString& relativePath, const FileStat& expected);
    Result<Outcome> rename(const QString& fromRelative, const QString& toRelative, const FileStat& expected);

    // "notes/plan (conflict HOST 2026-11-23 0912).md" for "notes/plan.md".
    static QString conflictCopyName(const QString& relativePath, const QString& host, const QDateTime& when);

private:
    Status checkParents(const QString& relativePath) const;
    QString absolute(const QString& relativePath) const { return m_folder + u'/' + relativePath; }
    void removeEmptyParents(const QString& relativePath) const;

    QString m_folder;
};

} // namespace ferry::sync
