#pragma once

#include <QString>

namespace ferry::sync {

// What the scanner and the applier need to know about a path, without following symlinks.
struct FileStat
{
    // Unreadable: the path may exist but could not be looked at (permissions, I/O error, a stale
    // mount): never to be taken for Missing.
    enum class Type { Missing, File, Directory, Symlink, Other, Unreadable };
    Type type = Type::Missing;
    qint64 size = 0;
    qint64 mtimeNs = 0;
    quint64 inode = 0; // the file id: a replaced file has a new one even with the same size and time
    bool executable = false;
    int error = 0; // errno, for Unreadable

    bool sameContentMetadata(const FileStat& o) const
    {
        return type == o.type && type != Type::Unreadable && size == o.size && mtimeNs == o.mtimeNs &&
               inode == o.inode;
    }
    static FileStat of(const QString& path);
#ifdef Q_OS_UNIX
    static FileStat at(int dirFd, const char* name); // relative to an open folder
#endif
};

} // namespace ferry::sync
