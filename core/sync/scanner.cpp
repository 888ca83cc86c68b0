#include "sync/scanner.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentMap>

#ifdef Q_OS_UNIX
#include <dirent.h>
#endif

namespace ferry::sync {

Scanner::Scanner(QList<config::FolderMapping> folders, IgnoreRules ignore)
    : m_folders(std::move(folders)), m_ignore(std::move(ignore))
{
}

QString Scanner::repoPath(const config::FolderMapping& folder, const QString& relativePath)
{
    return folder.repoPath.isEmpty() ? relativePath : folder.repoPath + u'/' + relativePath;
}

Scanner::Hashes Scanner::hashFile(const QString& path, qint64 expectedSize)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {{}, {}, file.errorString()};
    // A git blob id is the SHA-1 of "blob <size>\0" followed by the content: both hashes in one pass.
    QCryptographicHash sha256(QCryptographicHash::Sha256);
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    sha1.addData(QByteArray("blob ") + QByteArray::number(expectedSize) + '\0');
    // One buffer per thread: a fresh 1 MiB buffer per file costs an mmap and an munmap each time.
    thread_local QByteArray buffer(qsizetype(1) << 20, Qt::Uninitialized);
    qint64 total = 0;
    for (;;) {
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0)
            return {{}, {}, file.errorString()};
        if (n == 0)
            break;
        const QByteArrayView chunk(buffer.constData(), n);
        sha256.addData(chunk);
        sha1.addData(chunk);
        total += n;
    }
    if (total != expectedSize)
        return {{}, {}, QStringLiteral("changed while being read")};
    return {QStringLiteral("sha256:") + QString::fromLatin1(sha256.result().toHex()),
            QString::fromLatin1(sha1.result().toHex()),
            {}};
}

namespace {

// What one walker found: files (with hashes reused from the base, or marked for hashing) and notes.
struct Found
{
    QList<QPair<QString, LocalFile>> known;  // metadata unchanged: hashes taken from the base
    QList<QPair<QString, LocalFile>> toHash; // new or changed: read and hash
    QStringList notes;
    QStringList subfolders; // relative paths of folders left for another walker
};

struct Entry
{
    QString name;
    bool isDirHint = false; // d_type said folder; file systems without d_type say "unknown"
    FileStat stat;          // filled for everything but folders the listing already recognised
};

// The entries of a folder, without following symlinks. On POSIX one readdir pass and one fstatat per
// entry relative to the open folder (no path lookup from the root, no QDir stat of its own).
QList<Entry> listFolder(const QString& absoluteDir)
{
    QList<Entry> entries;
#ifdef Q_OS_UNIX
    DIR* dir = ::opendir(QFile::encodeName(absoluteDir).constData());
    if (!dir)
        return entries;
    const int fd = ::dirfd(dir);
    while (const dirent* e = ::readdir(dir)) {
        if (e->d_name[0] == '.' && (e->d_name[1] == 0 || (e->d_name[1] == '.' && e->d_name[2] == 0)))
            continue;
        Entry entry{QFile::decodeName(e->d_name), e->d_type == DT_DIR, {}};
        if (!entry.isDirHint)
            entry.stat = FileStat::at(fd, e->d_name);
        entries.append(std::move(entry));
    }
    ::closedir(dir);
#else
    const QFileInfoList infos =
        QDir(absoluteDir)
            .entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QFileInfo& i : infos) {
        const bool isDir = i.isDir() && !i.isSymLink();
        entries.append({i.fileName(), isDir, isDir ? FileStat{} : FileStat::of(i.absoluteFilePath())});
    }
#endif
    return entries;
}

} // namespace

// Sorts one non-folder entry into `found`: skipped with a note, known (hashes from the base), or to hash.
static void classify(const config::FolderMapping& folder, const QString& relative, const QString& absolute,
                     const FileStat& st, const FileRecords& base, Found& found)
{
    const QString path = Scanner::repoPath(folder, relative);
    if (st.type == FileStat::Type::Symlink || st.type == FileStat::Type::Other) {
        found.notes.append(QStringLiteral("%1: %2 not synced")
                               .arg(path, st.type == FileStat::Type::Symlink
                                              ? QStringLiteral("symlink")
                                              : QStringLiteral("special file")));
        return;
    }
    if (st.type != FileStat::Type::File)
        return; // vanished since the listing
    LocalFile file{absolute, {}, {}, st, true};
    const auto known = base.constFind(path);
    if (known != base.constEnd() && known->size == st.size && known->mtimeNs == st.mtimeNs &&
        known->inode == st.inode && !known->hash.isEmpty()) {
        file.hash = known->hash;
        file.oid = known->oid;
        found.known.append({path, std::move(file)});
    } else {
        found.toHash.append({path, std::move(file)});
    }
}

// Walks one folder; its subfolders are walked too when `recurse`, else handed back in `subfolders`
// so that another thread can take them.
static void walkFolder(const config::FolderMapping& folder, const IgnoreRules& ignore,
                       const FileRecords& base, const QString& relativeDir, bool recurse, Found& found)
{
    const QString absoluteDir = relativeDir.isEmpty() ? folder.local : folder.local + u'/' + relativeDir;
    const QString prefix = relativeDir.isEmpty() ? QString() : relativeDir + u'/';
    for (const Entry& entry : listFolder(absoluteDir)) {
        const QString relative = prefix + entry.name;
        const bool isDir = entry.isDirHint || entry.stat.type == FileStat::Type::Directory;
        if (ignore.ignores(relative, isDir))
            continue;
        if (!isDir)
            classify(folder, relative, absoluteDir + u'/' + entry.name, entry.stat, base, found);
        else if (recurse)
            walkFolder(folder, ignore, base, relative, true, found);
        else
            found.subfolders.append(relative);
    }
}

// The folder's top level here, its subfolders in parallel (each subtree by one thread): listing and
// stat calls dominate a scan in which nothing changed, and they overlap well.
static Found walkMapping(const config::FolderMapping& folder, const IgnoreRules& ignore,
                         const FileRecords& base)
{
    Found top;
    walkFolder(folder, ignore, base, QString(), false, top);
    const QList<Found> parts = QtConcurrent::blockingMapped(top.subfolders, [&](const QString& relativeDir) {
        Found part;
        walkFolder(folder, ignore, base, relativeDir, true, part);
        return part;
    });
    for (const Found& part : parts) {
        top.known += part.known;
        top.toHash += part.toHash;
        top.notes += part.notes;
    }
    return top;
}

// Reads and hashes the new and changed files in parallel, and adds them to the result.
static void hashInto(const QList<QPair<QString, LocalFile>>& toHash, ScanResult& result)
{
    const QList<QPair<QString, LocalFile>> hashed =
        QtConcurrent::blockingMapped(toHash, [](const QPair<QString, LocalFile>& item) {
            QPair<QString, LocalFile> out = item;
            const Scanner::Hashes h = Scanner::hashFile(item.second.absolutePath, item.second.stat.size);
            out.second.hash = h.sha256;
            out.second.oid = h.oid;
            // Written to while we read it: its content is not final yet.
            const FileStat after = FileStat::of(item.second.absolutePath);
            out.second.stable = h.error.isEmpty() && after.sameContentMetadata(item.second.stat);
            return out;
        });
    for (const auto& [path, file] : hashed) {
        if (!file.stable)
            result.notes.append(
                QStringLiteral("%1: not synced this time (being written, or unreadable)").arg(path));
        result.files.insert(path, file);
        ++result.hashed;
        result.bytesHashed += file.stat.size;
    }
    result.notes.sort();
}

ScanResult Scanner::scan(const FileRecords& base) const
{
    ScanResult result;
    result.files.reserve(base.size() + 16);
    QList<QPair<QString, LocalFile>> toHash;
    for (const config::FolderMapping& folder : m_folders) {
        if (FileStat::of(folder.local).type != FileStat::Type::Directory) {
            result.missingFolders.append(folder.local);
            continue;
        }
        Found found = walkMapping(folder, m_ignore, base);
        result.filesPerFolder.insert(folder.repoPath, int(found.known.size() + found.toHash.size()));
        for (auto& [path, file] : found.known)
            result.files.insert(path, file);
        toHash += found.toHash;
        result.notes += found.notes;
    }
    hashInto(toHash, result);
    return result;
}

const config::FolderMapping* Scanner::mappingOfLocal(const QList<config::FolderMapping>& folders,
                                                     const QString& absolute, QString* relative)
{
    for (const config::FolderMapping& f : folders) {
        if (absolute == f.local) {
            *relative = QString();
            return &f;
        }
        if (absolute.size() > f.local.size() && absolute.startsWith(f.local) &&
            absolute.at(f.local.size()) == u'/') {
            *relative = absolute.mid(f.local.size() + 1);
            return &f;
        }
    }
    return nullptr;
}

const config::FolderMapping* Scanner::mappingOfRepo(const QString& path, QString* relative) const
{
    for (const config::FolderMapping& f : m_folders) {
        if (f.repoPath.isEmpty()) {
            *relative = path;
            return &f;
        }
        if (path.size() > f.repoPath.size() && path.startsWith(f.repoPath) &&
            path.at(f.repoPath.size()) == u'/') {
            *relative = path.mid(f.repoPath.size() + 1);
            return &f;
        }
    }
    return nullptr;
}

// True when `path` or one of its parent folders is in `set`.
static bool underAny(const QString& path, const QSet<QString>& set)
{
    if (set.contains(path))
        return true;
    for (qsizetype slash = path.lastIndexOf(u'/'); slash > 0; slash = path.lastIndexOf(u'/', slash - 1)) {
        if (set.contains(path.left(slash)))
            return true;
    }
    return false;
}

ScanResult Scanner::scanChanges(const FileRecords& base, const QStringList& changed) const
{
    // Each changed path (file or folder, existing or gone) in repository terms. A changed mapping root
    // (moved, replaced) is everything: scan it all.
    QSet<QString> dirty;
    QList<QPair<const config::FolderMapping*, QString>> targets;
    for (const QString& absolute : changed) {
        QString relative;
        const config::FolderMapping* folder = mappingOfLocal(m_folders, absolute, &relative);
        if (!folder)
            continue;
        if (relative.isEmpty())
            return scan(base);
        dirty.insert(repoPath(*folder, relative));
        targets.append({folder, relative});
    }

    ScanResult result;
    result.files.reserve(base.size() + 16);
    for (const config::FolderMapping& folder : m_folders) {
        result.filesPerFolder.insert(folder.repoPath, 0);
        if (FileStat::of(folder.local).type != FileStat::Type::Directory)
            result.missingFolders.append(folder.local);
    }
    // Everything else is as the last cycle left it.
    for (auto it = base.begin(); it != base.end(); ++it) {
        QString relative;
        const config::FolderMapping* folder = mappingOfRepo(it.key(), &relative);
        if (!folder || underAny(it.key(), dirty))
            continue;
        const FileStat st{FileStat::Type::File, it->size, it->mtimeNs, it->inode, it->executable};
        result.files.insert(it.key(),
                            LocalFile{folder->local + u'/' + relative, it->hash, it->oid, st, true});
        result.filesPerFolder[folder->repoPath]++;
    }
    // The changed paths, looked at again (a folder with everything under it).
    Found found;
    for (const auto& [folder, relative] : targets) {
        const QString path = repoPath(*folder, relative);
        if (underAny(path.left(qMax(0, path.lastIndexOf(u'/'))), dirty))
            continue; // its parent folder is looked at anyway
        const QString absolute = folder->local + u'/' + relative;
        const FileStat st = FileStat::of(absolute);
        if (st.type == FileStat::Type::Missing ||
            m_ignore.ignores(relative, st.type == FileStat::Type::Directory))
            continue;
        const qsizetype before = found.known.size() + found.toHash.size();
        if (st.type == FileStat::Type::Directory)
            walkFolder(*folder, m_ignore, base, relative, true, found);
        else
            classify(*folder, relative, absolute, st, base, found);
        result.filesPerFolder[folder->repoPath] += int(found.known.size() + found.toHash.size() - before);
    }
    for (auto& [path, file] : found.known)
        result.files.insert(path, file);
    result.notes += found.notes;
    hashInto(found.toHash, result);
    return result;
}

} // namespace ferry::sync
