#include "core/sync/fileapplier.h"

#include "core/sync/failpoint.h"
#include "core/util/atomicfile.h"

#include <cstdio>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

namespace ferry::sync {
namespace {

// Replaces `to` with `from` in one step where the platform allows it.
bool replaceFile(const QString& from, const QString& to)
{
#ifdef Q_OS_UNIX
    return std::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0;
#else
    QFile::remove(to);
    return QFile::rename(from, to);
#endif
}

// Removes `dir` when nothing but empty folders is in it: git keeps no folders, so the other machines
// cannot know such a tree and a file of its name may arrive. Anything else inside, even a symlink or an
// ignored file, keeps it (and the file waits, as for an edit).
bool removeEmptyTree(const QString& dir)
{
    const QFileInfoList entries =
        QDir(dir).entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QFileInfo& entry : entries) {
        if (entry.isSymLink() || !entry.isDir() || !removeEmptyTree(entry.filePath()))
            return false;
    }
    return QDir().rmdir(dir);
}

// A file keeps the mode of the one it replaces (a private 0600 file stays private); a new one has the
// mode the umask gave it. Either way the executable bits follow git's: x where r is, or none.
void setMode(const QString& temp, const QString& target, bool executable)
{
#ifdef Q_OS_UNIX
    struct stat replaced;
    struct stat created;
    mode_t mode = 0644;
    if (::lstat(QFile::encodeName(target).constData(), &replaced) == 0 && S_ISREG(replaced.st_mode))
        mode = replaced.st_mode & 07777;
    else if (::lstat(QFile::encodeName(temp).constData(), &created) == 0)
        mode = created.st_mode & 07777; // 0666 less the umask, from the open() that made it
    mode &= ~mode_t(0111);
    if (executable)
        mode |= (mode & 0444) >> 2;
    ::chmod(QFile::encodeName(temp).constData(), mode);
#else
    QFile::Permissions perms = QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther;
    if (executable)
        perms |= QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther;
    QFile(temp).setPermissions(perms);
    Q_UNUSED(target)
#endif
}

// Writes in 1 MiB pieces straight from `content` (a download borrows libgit2's copy: no other is made).
// Returns why it failed, or "".
QString writeInChunks(QFile& file, const QByteArray& content, const QString& target)
{
    constexpr qsizetype kChunk = qsizetype(1) << 20;
    for (qsizetype at = 0; at < content.size(); at += kChunk) {
        const qsizetype n = qMin(kChunk, content.size() - at);
        if (at > 0 && Failpoint::diskFull(target))
            return QStringLiteral("No space left on device");
        if (file.write(content.constData() + at, n) != n)
            return file.errorString();
    }
    return util::flushToDisk(file) ? QString() : file.errorString();
}

Error ioError(const QString& what, const QString& path, const QString& why)
{
    return makeError(ErrorKind::Io, QStringLiteral("%1 %2: %3").arg(what, path, why));
}

} // namespace

QString FileApplier::conflictCopyName(const QString& relativePath, const QString& host, const QDateTime& when)
{
    const qsizetype slash = relativePath.lastIndexOf(u'/');
    const QString dir = relativePath.left(slash + 1);
    const QString name = relativePath.mid(slash + 1);
    const qsizetype dot = name.lastIndexOf(u'.');
    const bool hasExtension = dot > 0; // ".bashrc" has no extension
    const QString stem = hasExtension ? name.left(dot) : name;
    const QString extension = hasExtension ? name.mid(dot) : QString();
    return QStringLiteral("%1%2 (conflict %3 %4)%5")
        .arg(dir, stem, host, when.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HHmm")), extension);
}

Status FileApplier::checkParents(const QString& relativePath) const
{
    // Each existing folder on the way must be a real folder: a symlink there could lead anywhere.
    QString sofar = m_folder;
    const QStringList parts = relativePath.split(u'/');
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        sofar += u'/' + parts[i];
        const FileStat st = FileStat::of(sofar);
        if (st.type == FileStat::Type::Missing)
            break;
        if (st.type != FileStat::Type::Directory)
            return makeError(
                ErrorKind::Conflict,
                QStringLiteral("%1 is not a plain folder (a symlink or a file); not writing %2 through it")
                    .arg(sofar, relativePath));
    }
    return Status::success();
}

Result<FileApplier::Outcome> FileApplier::write(const QString& relativePath, const QByteArray& content,
                                                bool executable, const FileStat& expected)
{
    if (Status s = checkParents(relativePath); !s)
        return s.error();
    const QString target = absolute(relativePath);
    const QString dir = QFileInfo(target).absolutePath();
    if (!QDir().mkpath(dir))
        return ioError(QStringLiteral("cannot create folder"), dir,
                       QStringLiteral("permission denied or disk full"));
    if (Status s = checkParents(relativePath); !s) // mkpath must not have walked into a symlink
        return s.error();

    QFile temp(dir + QStringLiteral("/.ferry-tmp-") + QUuid::createUuid().toString(QUuid::Id128).left(12));
    if (!temp.open(QIODevice::WriteOnly))
        return ioError(QStringLiteral("cannot write"), temp.fileName(), temp.errorString());
    const QString writeError = writeInChunks(temp, content, target);
    temp.close();
    if (!writeError.isEmpty()) {
        temp.remove();
        return ioError(QStringLiteral("cannot write"), target, writeError + QStringLiteral(" (disk full?)"));
    }
    setMode(temp.fileName(), target, executable);

    // The last look before the rename: a file edited since the scan is never overwritten. A new file
    // takes the place of a folder left empty (its last file deleted here, or emptied by a sync).
    FileStat now = FileStat::of(target);
    if (now.type == FileStat::Type::Directory && expected.type == FileStat::Type::Missing &&
        removeEmptyTree(target))
        now = FileStat::of(target);
    if (!now.sameContentMetadata(expected)) {
        temp.remove();
        return Outcome::Changed;
    }
    if (!replaceFile(temp.fileName(), target)) {
        temp.remove();
        return ioError(QStringLiteral("cannot replace"), target, QStringLiteral("rename failed"));
    }
    return Outcome::Done;
}

Result<FileApplier::Outcome> FileApplier::remove(const QString& relativePath, const FileStat& expected)
{
    if (Status s = checkParents(relativePath); !s)
        return s.error();
    const QString target = absolute(relativePath);
    const FileStat now = FileStat::of(target);
    if (now.type == FileStat::Type::Missing)
        return Outcome::Done;
    if (!now.sameContentMetadata(expected))
        return Outcome::Changed;
    if (!QFile::remove(target))
        return ioError(QStringLiteral("cannot delete"), target, QStringLiteral("permission denied"));
    removeEmptyParents(relativePath);
    return Outcome::Done;
}

Result<FileApplier::Outcome> FileApplier::rename(const QString& fromRelative, const QString& toRelative,
                                                 const FileStat& expected)
{
    if (Status s = checkParents(toRelative); !s)
        return s.error();
    const QString from = absolute(fromRelative);
    const QString to = absolute(toRelative);
    if (!FileStat::of(from).sameContentMetadata(expected))
        return Outcome::Changed;
    if (FileStat::of(to).type != FileStat::Type::Missing)
        return makeError(ErrorKind::Conflict,
                         QStringLiteral("%1 already exists; not overwriting it").arg(to));
    QDir().mkpath(QFileInfo(to).absolutePath());
    if (!QFile::rename(from, to))
        return ioError(QStringLiteral("cannot rename"), from, QStringLiteral("to %1").arg(to));
    return Outcome::Done;
}

void FileApplier::removeEmptyParents(const QString& relativePath) const
{
    QString rel = relativePath;
    for (qsizetype slash = rel.lastIndexOf(u'/'); slash > 0; slash = rel.lastIndexOf(u'/')) {
        rel = rel.left(slash);
        if (!QDir(m_folder).rmdir(rel)) // fails (and stops) at the first folder that is not empty
            break;
    }
}

} // namespace ferry::sync
