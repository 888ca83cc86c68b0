#include "core/sync/folderwatcher.h"

#include "core/sync/scanner.h"
#include "core/util/logging.h"

#include <QFile>
#include <QSocketNotifier>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <dirent.h>
#include <sys/inotify.h>
#include <sys/vfs.h>
#include <unistd.h>
#endif

namespace ferry::sync {
namespace {

#ifdef Q_OS_LINUX
constexpr uint32_t kEvents = IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM |
                             IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW |
                             IN_EXCL_UNLINK;

// File systems on which inotify only sees this machine's own changes.
QString networkFileSystem(const QString& path)
{
    struct statfs fs;
    if (::statfs(QFile::encodeName(path).constData(), &fs) != 0)
        return {};
    switch (static_cast<unsigned long>(fs.f_type)) {
    case 0x6969UL:
        return QStringLiteral("NFS");
    case 0x517BUL:
        return QStringLiteral("SMB");
    case 0xFF534D42UL:
        return QStringLiteral("CIFS");
    case 0xFE534D42UL:
        return QStringLiteral("SMB2");
    case 0x65735546UL:
        return QStringLiteral("FUSE (sshfs, rclone, …)");
    case 0x01021997UL:
        return QStringLiteral("9P");
    case 0x00C36400UL:
        return QStringLiteral("Ceph");
    default:
        return {};
    }
}

int systemWatchLimit()
{
    QFile f(QStringLiteral("/proc/sys/fs/inotify/max_user_watches"));
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toInt() : -1;
}
#endif

} // namespace

FolderWatcher::FolderWatcher(QList<config::FolderMapping> folders, IgnoreRules ignore, QObject* parent)
    : QObject(parent), m_folders(std::move(folders)), m_ignore(std::move(ignore))
{
    bool ok = false;
    const int limit = qEnvironmentVariableIntValue("FERRY_WATCH_LIMIT", &ok);
    if (ok)
        m_limit = limit;
}

FolderWatcher::~FolderWatcher()
{
#ifdef Q_OS_LINUX
    if (m_fd >= 0)
        ::close(m_fd);
#endif
}

void FolderWatcher::start()
{
#ifdef Q_OS_LINUX
    m_fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (m_fd < 0) {
        noteProblem(QStringLiteral("cannot start inotify (%1): full scans only")
                        .arg(QString::fromLocal8Bit(strerror(errno))));
        return;
    }
    m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &FolderWatcher::readEvents);
    for (const config::FolderMapping& f : m_folders) {
        if (const QString fs = networkFileSystem(f.local); !fs.isEmpty())
            noteProblem(QStringLiteral("%1 is on a network file system (%2): changes made on other machines "
                                       "raise no event and are found by the periodic full scan")
                            .arg(f.local, fs));
        watchTree(f.local, QString());
    }
#else
    noteProblem(QStringLiteral("file watching is not implemented on this platform: full scans only"));
#endif
}

FolderWatcher::Changes FolderWatcher::takeChanges()
{
    Changes c{QStringList(m_changed.begin(), m_changed.end()), m_lost};
    c.paths.sort();
    m_changed.clear();
    m_lost = false;
    return c;
}

void FolderWatcher::putBack(const Changes& changes)
{
    for (const QString& p : changes.paths)
        m_changed.insert(p);
    m_lost = m_lost || changes.lost;
}

void FolderWatcher::noteProblem(const QString& problem)
{
    if (m_coverageProblem.contains(problem))
        return;
    qCWarning(lcSync).noquote() << "watcher:" << problem;
    m_coverageProblem =
        m_coverageProblem.isEmpty() ? problem : m_coverageProblem + QStringLiteral("; ") + problem;
    emit coverageChanged(m_coverageProblem);
}

bool FolderWatcher::addWatch(const QString& absoluteDir)
{
#ifdef Q_OS_LINUX
    const bool overLimit = m_limit >= 0 && m_folderOfWatch.size() >= m_limit;
    const int wd =
        overLimit ? -1 : ::inotify_add_watch(m_fd, QFile::encodeName(absoluteDir).constData(), kEvents);
    if (wd >= 0) {
        m_folderOfWatch.insert(wd, absoluteDir);
        return true;
    }
    const int error = errno;
    if (overLimit || error == ENOSPC) {
        const int limit = overLimit ? m_limit : systemWatchLimit();
        noteProblem(QStringLiteral("the inotify watch limit (fs.inotify.max_user_watches = %1) is reached "
                                   "after %2 folders: the rest is covered by the periodic full scan only "
                                   "(raise it, e.g. sysctl fs.inotify.max_user_watches=524288)")
                        .arg(limit)
                        .arg(m_folderOfWatch.size()));
        return false;
    }
    // Vanished meanwhile, or unreadable: the scan reports what it cannot read.
    if (error != ENOENT && error != ENOTDIR)
        qCInfo(lcSync).noquote() << "cannot watch" << absoluteDir << QString::fromLocal8Bit(strerror(error));
    return true;
#else
    Q_UNUSED(absoluteDir);
    return false;
#endif
}

void FolderWatcher::watchTree(const QString& absoluteDir, const QString& relativeDir)
{
#ifdef Q_OS_LINUX
    if (!addWatch(absoluteDir))
        return;
    DIR* dir = ::opendir(QFile::encodeName(absoluteDir).constData());
    if (!dir)
        return;
    QList<QPair<QString, QString>> subfolders;
    while (const dirent* e = ::readdir(dir)) {
        if (e->d_type != DT_DIR && e->d_type != DT_UNKNOWN)
            continue;
        if (e->d_name[0] == '.' && (e->d_name[1] == 0 || (e->d_name[1] == '.' && e->d_name[2] == 0)))
            continue;
        const QString name = QFile::decodeName(e->d_name);
        const QString relative = relativeDir.isEmpty() ? name : relativeDir + u'/' + name;
        if (!m_ignore.ignores(relative, true))
            subfolders.append({absoluteDir + u'/' + name, relative});
    }
    ::closedir(dir);
    for (const auto& [absolute, relative] : subfolders)
        watchTree(absolute, relative); // a DT_UNKNOWN file fails inotify's IN_ONLYDIR: harmless
#else
    Q_UNUSED(absoluteDir);
    Q_UNUSED(relativeDir);
#endif
}

void FolderWatcher::readEvents()
{
#ifdef Q_OS_LINUX
    bool any = false;
    alignas(inotify_event) char buffer[64 * 1024];
    for (;;) {
        const ssize_t n = ::read(m_fd, buffer, sizeof buffer);
        if (n <= 0)
            break;
        for (const char* p = buffer; p < buffer + n;) {
            const auto* e = reinterpret_cast<const inotify_event*>(p);
            p += sizeof(inotify_event) + e->len;
            if (e->mask & IN_Q_OVERFLOW) {
                m_lost = any = true;
                continue;
            }
            if (e->mask & IN_IGNORED) {
                m_folderOfWatch.remove(e->wd);
                continue;
            }
            const QString folder = m_folderOfWatch.value(e->wd);
            if (folder.isEmpty())
                continue;
            const QString path = e->len ? folder + u'/' + QFile::decodeName(e->name) : folder;
            QString relative;
            const config::FolderMapping* mapping = Scanner::mappingOfLocal(m_folders, path, &relative);
            const bool isDir = (e->mask & IN_ISDIR) != 0;
            if (!mapping || (!relative.isEmpty() && m_ignore.ignores(relative, isDir)))
                continue;
            if (isDir && (e->mask & (IN_MOVED_FROM | IN_DELETE))) {
                // Moved away (or deleted): its watches would report under the old name.
                for (auto it = m_folderOfWatch.begin(); it != m_folderOfWatch.end();) {
                    if (*it == path || it->startsWith(path + u'/')) {
                        ::inotify_rm_watch(m_fd, it.key());
                        it = m_folderOfWatch.erase(it);
                    } else {
                        ++it;
                    }
                }
            }
            if (isDir && (e->mask & (IN_CREATE | IN_MOVED_TO)))
                watchTree(path, relative); // new subfolders are watched too
            m_changed.insert(path);
            any = true;
        }
    }
    if (any)
        emit changed();
#endif
}

} // namespace ferry::sync
