#include "core/sync/scanner.h"

#include "core/sync/failpoint.h"
#include "core/util/bytebudget.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentMap>
#include <string>
#include <vector>

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

QString Scanner::relativePath(const config::FolderMapping& folder, const QString& repoPath)
{
    return folder.repoPath.isEmpty() ? repoPath : repoPath.mid(folder.repoPath.size() + 1);
}

QString Scanner::sha256Of(const QByteArray& content)
{
    return QStringLiteral("sha256:") +
           QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
}

QString Scanner::blobOidOf(const QByteArray& content)
{
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    sha1.addData(QByteArray("blob ") + QByteArray::number(content.size()) + '\0');
    sha1.addData(content);
    return QString::fromLatin1(sha1.result().toHex());
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

// What one walker found. Unchanged files cost a pointer to their base record and nothing else.
struct Found
{
    std::vector<qsizetype> seen;             // base records of every file found (their index)
    QList<QPair<QString, LocalFile>> known;  // metadata as recorded but the executable bit: base hashes
    QList<QPair<QString, LocalFile>> toHash; // new or changed: read and hash
    QStringList notes;
    QStringList subfolders;                    // relative paths of folders left for another walker
    QList<QPair<QString, QString>> unreadable; // repository path, why: nothing under it is known
    qsizetype found = 0;
};

// One mapping's walk: the folder, the rules and the records to compare against.
struct Walk
{
    const config::FolderMapping& folder;
    const IgnoreRules& ignore;
    const FileRecords& base;
    qsizetype relativeStart; // where the path inside the folder starts in a repository path
    qint64 trustedBeforeNs;  // records of files with a newer mtime are not trusted (see SyncState)
};

// Appends a file name as the file system gives it (UTF-8 on POSIX); ASCII, the common case, without
// a temporary string.
void appendName(QString& path, const char* name)
{
    const auto length = qsizetype(std::strlen(name));
    for (qsizetype i = 0; i < length; ++i) {
        if (static_cast<unsigned char>(name[i]) >= 0x80) {
            path += QFile::decodeName(QByteArray::fromRawData(name, length));
            return;
        }
    }
    path += QLatin1StringView(name, length);
}

QString errorText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// Calls `visit(name, isDirHint, stat)` for the entries of a folder, without following symlinks. On
// POSIX one readdir pass and one fstatat per entry relative to the open folder (no path lookup from the
// root); `stat` is left empty for entries the listing already knows to be folders. Returns why the
// folder could not be listed (whole or in part), or "" (a folder that vanished meanwhile is no error).
template <typename Visit>
QString forEachEntry(const QString& absoluteDir, Visit visit)
{
#ifdef Q_OS_UNIX
    DIR* dir = Failpoint::unreadable(absoluteDir) ? (errno = EIO, nullptr)
                                                  : ::opendir(QFile::encodeName(absoluteDir).constData());
    if (!dir)
        return errno == ENOENT || errno == ENOTDIR ? QString() : errorText(errno);
    const int fd = ::dirfd(dir);
    for (;;) {
        errno = 0;
        const dirent* e = ::readdir(dir);
        if (!e)
            break;
        if (e->d_name[0] == '.' && (e->d_name[1] == 0 || (e->d_name[1] == '.' && e->d_name[2] == 0)))
            continue;
        const bool isDirHint = e->d_type == DT_DIR;
        visit(e->d_name, isDirHint, isDirHint ? FileStat{} : FileStat::at(fd, e->d_name));
    }
    const int listingError = errno; // readdir ends with NULL and errno set when the listing broke off
    ::closedir(dir);
    return listingError ? errorText(listingError) : QString();
#else
    const QFileInfoList infos =
        QDir(absoluteDir)
            .entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QFileInfo& i : infos) {
        const bool isDir = i.isDir() && !i.isSymLink();
        visit(QFile::encodeName(i.fileName()).constData(), isDir,
              isDir ? FileStat{} : FileStat::of(i.absoluteFilePath()));
    }
    return QDir(absoluteDir).isReadable() || !QFileInfo::exists(absoluteDir) ? QString()
                                                                             : QStringLiteral("cannot read");
#endif
}

// Sorts one non-folder entry into `found`: skipped with a note, unchanged, known (hashes from the base)
// or to hash. `known` is its record in the base, or the base's end().
void classify(const Walk& w, const QString& path, const QString& absoluteDir, const char* name,
              const FileStat& st, const FileRecords::const_iterator& known, Found& found)
{
    if (st.type == FileStat::Type::Symlink || st.type == FileStat::Type::Other) {
        found.notes.append(QStringLiteral("%1: %2 not synced")
                               .arg(path, st.type == FileStat::Type::Symlink
                                              ? QStringLiteral("symlink")
                                              : QStringLiteral("special file")));
        return;
    }
    if (st.type == FileStat::Type::Unreadable) {
        found.unreadable.append({path, errorText(st.error)});
        return;
    }
    if (st.type != FileStat::Type::File)
        return; // vanished since the listing
    ++found.found;
    const bool inBase = known != w.base.constEnd();
    if (inBase)
        found.seen.push_back(known.index());
    // Compared as held: an unchanged file builds no record.
    const FileRecords::Metadata m = inBase ? known.metadata() : FileRecords::Metadata{};
    const bool sameContent = inBase && m.size == st.size && m.mtimeNs == st.mtimeNs && m.inode == st.inode &&
                             m.hashed && st.mtimeNs < w.trustedBeforeNs;
    if (sameContent && m.executable == st.executable)
        return;
    LocalFile file{absoluteDir + u'/' + QFile::decodeName(name), {}, {}, st, true};
    if (sameContent) {
        const FileRecord record = known.value();
        file.hash = record.hash;
        file.oid = record.oid;
        found.known.append({path, std::move(file)});
    } else {
        found.toHash.append({path, std::move(file)});
    }
}

// One folder's entries, listed whole before any of them is looked up: the folder's records are then
// compared one after another while they are in the cache (with a stat call between two look-ups, each
// look-up missed it), and the folder is closed before its subfolders are opened.
class Listing
{
public:
    void add(const char* name, bool isDirHint, const FileStat& st)
    {
        m_entries.push_back({m_names.size(), isDirHint, st});
        m_names.append(name).push_back('\0');
    }
    template <typename Visit>
    void forEach(Visit visit) const
    {
        for (const Entry& e : m_entries)
            visit(m_names.data() + e.nameAt, e.isDirHint, e.st);
    }

private:
    struct Entry
    {
        size_t nameAt;
        bool isDirHint;
        FileStat st;
    };
    std::string m_names; // every name, each ended by a NUL
    std::vector<Entry> m_entries;
};

// The folder's files as the records key them (UTF-8 repository paths), for one FileRecords::findMany.
class FolderKeys
{
public:
    explicit FolderKeys(const QString& dirPath) : m_prefix(dirPath.toUtf8()) {}
    // `path` is the file's repository path; `name` its name as listed (the bytes are the key when ASCII,
    // else the path's own UTF-8, as the records hold it).
    void add(const QString& path, const char* name)
    {
        const size_t length = std::strlen(name);
        const bool ascii = std::all_of(name, name + length, [](char c) { return (c & 0x80) == 0; });
        m_offsets.push_back(m_keys.size());
        if (ascii)
            m_keys.append(m_prefix.constData(), size_t(m_prefix.size())).append(name, length);
        else
            m_keys.append(path.toUtf8().toStdString());
    }
    std::vector<QByteArrayView> views() const
    {
        std::vector<QByteArrayView> v;
        v.reserve(m_offsets.size());
        for (size_t i = 0; i < m_offsets.size(); ++i) {
            const size_t end = i + 1 < m_offsets.size() ? m_offsets[i + 1] : m_keys.size();
            v.emplace_back(m_keys.data() + m_offsets[i], qsizetype(end - m_offsets[i]));
        }
        return v;
    }

private:
    QByteArray m_prefix;
    std::string m_keys;
    std::vector<size_t> m_offsets;
};

// Walks one folder (relative to the mapping); its subfolders are walked too when `recurse`, else handed
// back in `subfolders` so that another thread can take them.
void walkFolder(const Walk& w, const QString& relativeDir, bool recurse, Found& found)
{
    const QString absoluteDir = relativeDir.isEmpty() ? w.folder.local : w.folder.local + u'/' + relativeDir;
    Listing listing;
    const QString error =
        forEachEntry(absoluteDir, [&listing](const char* name, bool isDirHint, const FileStat& st) {
            listing.add(name, isDirHint, st);
        });
    // One buffer for every repository path of the folder: an unchanged file needs no string of its own.
    QString path = relativeDir.isEmpty() ? w.folder.repoPath : Scanner::repoPath(w.folder, relativeDir);
    if (!path.isEmpty())
        path += u'/';
    const qsizetype dirLength = path.size();
    // The files the rules keep, looked up together; the subfolders, walked after them.
    struct File
    {
        const char* name;
        const FileStat* st;
    };
    std::vector<File> files;
    QStringList subfolders;
    FolderKeys keys(path);
    listing.forEach([&](const char* name, bool isDirHint, const FileStat& st) {
        path.truncate(dirLength);
        appendName(path, name);
        const bool isDir = isDirHint || st.type == FileStat::Type::Directory;
        const QStringView relative = QStringView(path).mid(w.relativeStart);
        if (w.ignore.ignores(relative, isDir))
            return;
        if (isDir) {
            subfolders.append(relative.toString());
        } else {
            files.push_back({name, &st});
            keys.add(path, name);
        }
    });
    std::vector<FileRecords::const_iterator> known;
    w.base.findMany(keys.views(), known);
    for (size_t i = 0; i < files.size(); ++i) {
        path.truncate(dirLength);
        appendName(path, files[i].name);
        classify(w, path, absoluteDir, files[i].name, *files[i].st, known[i], found);
    }
    if (recurse) {
        for (const QString& subfolder : std::as_const(subfolders))
            walkFolder(w, subfolder, true, found);
    } else {
        found.subfolders += subfolders;
    }
    if (!error.isEmpty())
        found.unreadable.append({Scanner::repoPath(w.folder, relativeDir), error});
}

void mergeInto(Found& into, Found&& part)
{
    into.seen.insert(into.seen.end(), part.seen.begin(), part.seen.end());
    into.known += std::move(part.known);
    into.toHash += std::move(part.toHash);
    into.notes += std::move(part.notes);
    into.unreadable += std::move(part.unreadable);
    into.found += part.found;
}

// The folder's top level here, its subfolders in parallel (each subtree by one thread): listing and
// stat calls dominate a scan in which nothing changed, and they overlap well.
Found walkMapping(const Walk& w)
{
    Found top;
    walkFolder(w, QString(), false, top);
    QList<Found> parts = QtConcurrent::blockingMapped(top.subfolders, [&](const QString& relativeDir) {
        Found part;
        walkFolder(w, relativeDir, true, part);
        return part;
    });
    for (Found& part : parts)
        mergeInto(top, std::move(part));
    return top;
}

qsizetype relativeStart(const config::FolderMapping& folder)
{
    return folder.repoPath.isEmpty() ? 0 : folder.repoPath.size() + 1;
}

// Reads and hashes the new and changed files in parallel, and adds them to the result.
void hashInto(const QList<QPair<QString, LocalFile>>& toHash, ScanResult& result)
{
    // Many small files in parallel, large ones in turn (the same byte budget as the upload's reads).
    util::ByteBudget budget(util::ByteBudget::kDefault);
    const QList<QPair<QString, LocalFile>> hashed =
        QtConcurrent::blockingMapped(toHash, [&budget](const QPair<QString, LocalFile>& item) {
            const util::ByteBudget::Lease lease = budget.acquire(item.second.stat.size);
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
        result.changed.insert(path, file);
        ++result.hashed;
        result.bytesHashed += file.stat.size;
    }
    result.notes.sort();
}

// Adds what the walkers found, and sorts the records the walkers could have seen but did not (those in
// `candidates`, or every record of the base when it is null): under something unreadable they are
// unknown, ignored by the rules now they are ignored, else gone.
void finish(Found& found, const QList<FileRecords::const_iterator>* candidates, ScanResult& result,
            const std::function<bool(const QString&)>& isIgnored)
{
    for (const auto& [path, why] : std::as_const(found.unreadable)) {
        result.unreadable.append(QStringLiteral("%1: cannot read (%2); nothing under it is synced this time")
                                     .arg(path.isEmpty() ? QStringLiteral("(folder root)") : path, why));
        result.unreadableDirs.append(path);
    }
    result.unreadable.sort();
    for (const auto& [path, file] : found.known)
        result.changed.insert(path, file);
    result.notes += found.notes;
    result.found += found.found;
    // Two mappings can reach one repository path (nested repo_paths): count each record once. A bitmap,
    // not a sort: 100,000 indexes were sorted here, on one thread, after the parallel walk.
    std::vector<bool> seen(size_t(result.base.end().index()));
    qsizetype seenCount = 0;
    for (const qsizetype i : found.seen) {
        if (!seen[size_t(i)]) {
            seen[size_t(i)] = true;
            ++seenCount;
        }
    }
    const qsizetype expected = candidates ? candidates->size() : result.base.size();
    if (seenCount != expected) { // a scan that saw every record has nothing gone
        const auto visit = [&](const FileRecords::const_iterator& it) {
            if (seen[size_t(it.index())])
                return;
            const QString path = it.key();
            if (result.underUnreadable(path))
                result.unknown.insert(path);
            else if (isIgnored(path))
                result.ignored.insert(path);
            else
                result.gone.insert(path);
        };
        if (candidates)
            std::for_each(candidates->begin(), candidates->end(), visit);
        else
            for (auto it = result.base.constBegin(); it != result.base.constEnd(); ++it)
                visit(it);
    }
    hashInto(found.toHash, result);
}

} // namespace

ScanResult Scanner::scan(const FileRecords& base) const
{
    ScanResult result;
    result.base = base;
    Found all;
    for (const config::FolderMapping& folder : m_folders) {
        const FileStat root = FileStat::of(folder.local);
        if (root.type == FileStat::Type::Unreadable) { // a stale mount, no permission on the way
            all.unreadable.append({folder.repoPath, errorText(root.error)});
            continue;
        }
        if (root.type != FileStat::Type::Directory) {
            result.missingFolders.append(folder.local);
            result.filesPerFolder.insert(folder.repoPath, 0);
            continue;
        }
        Found found = walkMapping(Walk{folder, m_ignore, base, relativeStart(folder), m_trustedBeforeNs});
        result.filesPerFolder.insert(folder.repoPath, int(found.found));
        mergeInto(all, std::move(found));
    }
    finish(all, nullptr, result, [this](const QString& path) { return ignores(path); });
    return result;
}

bool ScanResult::contains(const QString& path) const
{
    return changed.contains(path) || unchanged(path);
}

bool ScanResult::unchanged(const QString& path) const
{
    return !changed.contains(path) && base.contains(path) && !gone.contains(path) &&
           !ignored.contains(path) && !unknown.contains(path);
}

bool ScanResult::underUnreadable(const QString& path) const
{
    for (const QString& dir : unreadableDirs) {
        if (dir.isEmpty() || path == dir || (path.startsWith(dir) && path.at(dir.size()) == u'/'))
            return true;
    }
    return false;
}

bool Scanner::ignores(const QString& repoPath) const
{
    QString relative;
    return mappingOfRepo(repoPath, &relative) && m_ignore.ignoresPath(relative);
}

LocalFile ScanResult::file(const QString& path) const
{
    if (const auto it = changed.constFind(path); it != changed.constEnd())
        return *it;
    if (!unchanged(path))
        return LocalFile{};
    const FileRecord r = base.value(path);
    return LocalFile{
        {}, r.hash, r.oid, FileStat{FileStat::Type::File, r.size, r.mtimeNs, r.inode, r.executable}};
}

FileRecords ScanResult::records() const
{
    FileRecords records;
    for (auto it = base.begin(); it != base.end(); ++it) {
        if (const QString path = it.key(); unchanged(path))
            records.insert(path, *it);
    }
    for (auto it = changed.begin(); it != changed.end(); ++it)
        records.insert(it.key(),
                       FileRecord{it->hash, it->oid, it->stat.size, it->stat.mtimeNs, it->stat.inode,
                                  it->stat.executable, base.value(it.key()).source});
    return records;
}

ScanResult ScanResult::rebased(const FileRecords& newBase, const QList<config::FolderMapping>& folders) const
{
    ScanResult out = *this;
    out.base = newBase;
    out.changed.clear();
    out.gone.clear();
    const auto absolutePathOf = [&](const QString& path) {
        for (const config::FolderMapping& f : folders) {
            if (f.repoPath.isEmpty() || (path.startsWith(f.repoPath) && path.size() > f.repoPath.size() &&
                                         path.at(f.repoPath.size()) == u'/'))
                return f.local + u'/' + Scanner::relativePath(f, path);
        }
        return QString();
    };
    const FileRecords here = records();
    for (auto it = here.begin(); it != here.end(); ++it) {
        const QString path = it.key();
        const FileRecord mine = it.value();
        const auto known = newBase.constFind(path);
        const FileRecord theirs = known != newBase.constEnd() ? known.value() : FileRecord();
        const bool same = known != newBase.constEnd() && theirs.oid == mine.oid && theirs.size == mine.size &&
                          theirs.mtimeNs == mine.mtimeNs && theirs.inode == mine.inode &&
                          theirs.executable == mine.executable;
        if (same)
            continue;
        LocalFile file = this->file(path);
        if (file.absolutePath.isEmpty())
            file.absolutePath = absolutePathOf(path);
        out.changed.insert(path, file);
    }
    for (auto it = newBase.begin(); it != newBase.end(); ++it) {
        if (!here.contains(it.key()) && !out.changed.contains(it.key()))
            out.gone.insert(it.key());
    }
    return out;
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
        const QString path = repoPath(*folder, relative);
        if (dirty.contains(path))
            continue; // reported twice: looked at once
        dirty.insert(path);
        targets.append({folder, relative});
    }

    ScanResult result;
    result.base = base;
    for (const config::FolderMapping& folder : m_folders) {
        result.filesPerFolder.insert(folder.repoPath, 0);
        const FileStat root = FileStat::of(folder.local);
        if (root.type == FileStat::Type::Unreadable)
            return scan(base); // nothing of it can be vouched for: the full scan says what it can
        if (root.type != FileStat::Type::Directory)
            result.missingFolders.append(folder.local);
    }
    // Everything else is as the last cycle left it; the records under changed paths are looked at again.
    QList<FileRecords::const_iterator> candidates;
    for (auto it = base.constBegin(); it != base.constEnd(); ++it) {
        QString relative;
        const QString path = it.key();
        const config::FolderMapping* folder = mappingOfRepo(path, &relative);
        if (!folder || underAny(path, dirty)) {
            candidates.append(it);
            continue;
        }
        ++result.found;
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
        if (st.type == FileStat::Type::Unreadable) {
            found.unreadable.append({path, errorText(st.error)});
            continue;
        }
        const bool isDir = st.type == FileStat::Type::Directory;
        if (st.type == FileStat::Type::Missing || m_ignore.ignoresPath(relative) ||
            (isDir && m_ignore.ignores(relative, true)))
            continue;
        const qsizetype before = found.found;
        const Walk walk{*folder, m_ignore, base, relativeStart(*folder), m_trustedBeforeNs};
        if (st.type == FileStat::Type::Directory) {
            walkFolder(walk, relative, true, found);
        } else {
            const qsizetype slash = absolute.lastIndexOf(u'/');
            classify(walk, path, absolute.left(slash), QFile::encodeName(absolute.mid(slash + 1)).constData(),
                     st, base.constFind(path), found);
        }
        result.filesPerFolder[folder->repoPath] += int(found.found - before);
    }
    finish(found, &candidates, result, [this](const QString& p) { return ignores(p); });
    return result;
}

} // namespace ferry::sync
