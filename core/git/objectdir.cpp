#include "core/git/objectdir.h"

#include <cerrno>
#include <fcntl.h>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#ifdef Q_OS_WIN
#include <io.h>
#else
#include <unistd.h>
#endif

namespace ferry::git {
namespace {

bool isHex(const QString& s)
{
    for (const QChar c : s) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

// Unsorted (QDir::entryList sorts by name, locale-aware): the check after every cycle lists up to 256
// folders, and only counts them.
QStringList looseIn(const QDir& fanOut)
{
    QStringList names;
    for (QDirIterator it(fanOut.path(), QDir::Files | QDir::Hidden | QDir::System); it.hasNext();) {
        it.next();
        const QString name = it.fileName();
        if (name.size() == 38 && isHex(name))
            names.append(name);
    }
    return names;
}

} // namespace

ObjectDir::ObjectDir(const QString& repoPath) : m_objects(repoPath + QStringLiteral("/objects")) {}

int ObjectDir::estimatedLooseObjects() const
{
    return int(looseIn(QDir(m_objects + QStringLiteral("/17"))).size()) * 256;
}

qint64 ObjectDir::estimatedLooseBytes() const
{
    const QDir fanOut(m_objects + QStringLiteral("/17"));
    qint64 total = 0;
    for (const QString& name : looseIn(fanOut))
        total += QFileInfo(fanOut.filePath(name)).size();
    return total * 256;
}

QStringList ObjectDir::looseObjects() const
{
    QStringList oids;
    for (int i = 0; i < 256; ++i) {
        const QString dir = QStringLiteral("%1").arg(i, 2, 16, QLatin1Char('0'));
        for (const QString& name : looseIn(QDir(m_objects + u'/' + dir)))
            oids.append(dir + name);
    }
    return oids;
}

QString ObjectDir::loosePath(const QString& oid) const
{
    return m_objects + u'/' + oid.left(2) + u'/' + oid.mid(2);
}

QStringList ObjectDir::packs(bool withKept) const
{
    QStringList out;
    const QDir dir(packDir());
    for (const QString& name : dir.entryList({QStringLiteral("pack-*.pack")}, QDir::Files)) {
        const QString base = dir.filePath(name.chopped(5));
        if (!QFileInfo::exists(base + QStringLiteral(".idx")))
            continue; // being written, or the leftover of a crash: not a pack yet
        if (!withKept && QFileInfo::exists(base + QStringLiteral(".keep")))
            continue;
        out.append(base + QStringLiteral(".pack"));
    }
    return out;
}

qint64 ObjectDir::bytes() const
{
    qint64 total = 0;
    QDirIterator it(m_objects, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

int ObjectDir::removeStaleTemporaries(qint64 seconds) const
{
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-seconds);
    const QDir dir(packDir());
    int removed = 0;
    const QFileInfoList entries = dir.entryInfoList(QDir::Files | QDir::Hidden);
    for (const QFileInfo& f : entries) {
        const QString name = f.fileName();
        const bool temporary =
            name.startsWith(QStringLiteral("pack_git2_")) || // libgit2's indexer
            name.startsWith(QStringLiteral("tmp_pack_")) ||  // git's
            name.startsWith(QStringLiteral("tmp_idx_")) ||
            // BlobPackStream's index under QSaveFile's temporary name ("pack-<id>.idx.XXXXXX"), where
            // the file system has no unnamed temporary files
            (name.startsWith(QStringLiteral("pack-")) && name.contains(QStringLiteral(".idx."))) ||
            (name.endsWith(QStringLiteral(".idx")) &&
             !QFileInfo::exists(dir.filePath(name.chopped(4) + QStringLiteral(".pack")))) ||
            (name.endsWith(QStringLiteral(".pack")) &&
             !QFileInfo::exists(dir.filePath(name.chopped(5) + QStringLiteral(".idx"))));
        if (temporary && (seconds <= 0 || f.lastModified() < before) && QFile::remove(f.filePath()))
            ++removed;
    }
    const QFileInfo settings(repackSettingsPath());
    if (settings.exists() && (seconds <= 0 || settings.lastModified() < before) &&
        QFile::remove(settings.filePath()))
        ++removed;
    return removed;
}

QString ObjectDir::repackSettingsPath() const
{
    return QDir::cleanPath(m_objects + QStringLiteral("/../ferry-repack.config"));
}

void ObjectDir::removeEmptyFanOut() const
{
    QDir objects(m_objects);
    for (int i = 0; i < 256; ++i)
        objects.rmdir(QStringLiteral("%1").arg(i, 2, 16, QLatin1Char('0'))); // fails unless empty
}

bool ObjectDir::syncPath(const QString& path)
{
#ifdef Q_OS_WIN
    QFile file(path);
    if (QFileInfo(path).isDir())
        return true; // Windows has no directory fsync; renames are durable with the file's own flush
    if (!file.open(QIODevice::ReadWrite))
        return false;
    return _commit(file.handle()) == 0;
#else
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    const int saved = errno;
    ::close(fd);
    errno = saved;
    return ok;
#endif
}

} // namespace ferry::git
