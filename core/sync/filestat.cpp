#include "core/sync/filestat.h"

#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#endif

namespace ferry::sync {

#ifdef Q_OS_UNIX
static FileStat fromStat(const struct stat& st)
{
    FileStat s;
    s.type = S_ISREG(st.st_mode)   ? FileStat::Type::File
             : S_ISDIR(st.st_mode) ? FileStat::Type::Directory
             : S_ISLNK(st.st_mode) ? FileStat::Type::Symlink
                                   : FileStat::Type::Other;
    s.size = qint64(st.st_size);
    s.mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000LL + qint64(st.st_mtim.tv_nsec);
    s.inode = quint64(st.st_ino);
    s.executable = (st.st_mode & S_IXUSR) != 0;
    return s;
}

// A path that is not there is Missing; one that could not be looked at is Unreadable.
static FileStat failed(int error)
{
    FileStat s;
    if (error != ENOENT && error != ENOTDIR) {
        s.type = FileStat::Type::Unreadable;
        s.error = error;
    }
    return s;
}

FileStat FileStat::at(int dirFd, const char* name)
{
    struct stat st;
    return ::fstatat(dirFd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? fromStat(st) : failed(errno);
}
#endif

FileStat FileStat::of(const QString& path)
{
#ifdef Q_OS_UNIX
    struct stat st;
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? fromStat(st) : failed(errno);
#else
    FileStat s;
    // Elsewhere: millisecond times and no file id, which still catches every ordinary edit.
    const QFileInfo info(path);
    if (!info.exists() && !info.isSymLink())
        return s;
    s.type = info.isSymLink() ? Type::Symlink
             : info.isDir()   ? Type::Directory
             : info.isFile()  ? Type::File
                              : Type::Other;
    s.size = info.size();
    s.mtimeNs = info.lastModified().toMSecsSinceEpoch() * 1000000LL;
    s.executable = info.isExecutable();
    return s;
#endif
}

} // namespace ferry::sync
