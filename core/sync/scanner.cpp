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
    QByteArray buffer(qsizetype(1) << 20, Qt::Uninitialized);
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

// The names in a folder and whether each is a folder, without following symlinks. On POSIX one readdir
// pass (QDir would stat every entry, and we stat each one again below).
static QList<QPair<QString, bool>> listFolder(const QString& absoluteDir)
{
    QList<QPair<QString, bool>> entries;
#ifdef Q_OS_UNIX
    DIR* dir = ::opendir(QFile::encodeName(absoluteDir).constData());
    if (!dir)
        return entries;
    while (const dirent* e = ::readdir(dir)) {
        if (e->d_name[0] == '.' && (e->d_name[1] == 0 || (e->d_name[1] == '.' && e->d_name[2] == 0)))
            continue;
        entries.append({QFile::decodeName(e->d_name), e->d_type == DT_DIR});
    }
    ::closedir(dir);
#else
    const QFileInfoList infos =
        QDir(absoluteDir)
            .entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QFileInfo& i : infos)
        entries.append({i.fileName(), i.isDir() && !i.isSymLink()});
#endif
    return entries;
}

void Scanner::walk(const config::FolderMapping& folder, const QString& relativeDir, ScanResult& result,
                   QList<QPair<QString, LocalFile>>& toHash, const QMap<QString, FileRecord>& base) const
{
    const QString absoluteDir = relativeDir.isEmpty() ? folder.local : folder.local + u'/' + relativeDir;
    const QString prefix = relativeDir.isEmpty() ? QString() : relativeDir + u'/';
    for (const auto& [name, isDirHint] : listFolder(absoluteDir)) {
        const QString relative = prefix + name;
        const QString absolute = absoluteDir + u'/' + name;
        if (isDirHint) {
            if (!m_ignore.ignores(relative, true))
                walk(folder, relative, result, toHash, base);
            continue;
        }
        const FileStat st = FileStat::of(absolute);
        const bool isDir = st.type == FileStat::Type::Directory; // file systems without d_type
        if (m_ignore.ignores(relative, isDir))
            continue;
        if (isDir) {
            walk(folder, relative, result, toHash, base);
            continue;
        }
        const QString path = repoPath(folder, relative);
        if (st.type == FileStat::Type::Symlink || st.type == FileStat::Type::Other) {
            result.notes.append(QStringLiteral("%1: %2 not synced")
                                    .arg(path, st.type == FileStat::Type::Symlink
                                                   ? QStringLiteral("symlink")
                                                   : QStringLiteral("special file")));
            continue;
        }
        if (st.type != FileStat::Type::File)
            continue; // vanished since the listing
        result.filesPerFolder[folder.repoPath]++;
        LocalFile file{absolute, {}, {}, st, true};
        const auto known = base.constFind(path);
        if (known != base.constEnd() && known->size == st.size && known->mtimeNs == st.mtimeNs &&
            known->inode == st.inode && !known->hash.isEmpty()) {
            file.hash = known->hash;
            file.oid = known->oid;
            result.files.insert(path, file);
        } else {
            toHash.append({path, file});
        }
    }
}

ScanResult Scanner::scan(const QMap<QString, FileRecord>& base) const
{
    ScanResult result;
    QList<QPair<QString, LocalFile>> toHash;
    for (const config::FolderMapping& folder : m_folders) {
        if (FileStat::of(folder.local).type != FileStat::Type::Directory) {
            result.missingFolders.append(folder.local);
            continue;
        }
        result.filesPerFolder.insert(folder.repoPath, 0);
        walk(folder, QString(), result, toHash, base);
    }

    const QList<QPair<QString, LocalFile>> hashed =
        QtConcurrent::blockingMapped(toHash, [](const QPair<QString, LocalFile>& item) {
            QPair<QString, LocalFile> out = item;
            const Hashes h = hashFile(item.second.absolutePath, item.second.stat.size);
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
    return result;
}

} // namespace ferry::sync
