#include "core/sync/conflictresolver.h"

#include "core/config/paths.h"
#include "core/git/repository.h"
#include "core/sync/fileapplier.h"
#include "core/sync/filestat.h"
#include "core/sync/profilelock.h"
#include "core/sync/reconciler.h"
#include "core/sync/scanner.h"
#include "core/sync/versionstore.h"
#include "core/util/atomicfile.h"

namespace ferry::sync {

std::optional<ConflictResolver::Take> ConflictResolver::parseTake(const QString& text)
{
    if (text == u"local")
        return Take::Local;
    if (text == u"remote")
        return Take::Remote;
    if (text == u"both")
        return Take::Both;
    if (text == u"merged")
        return Take::Merged;
    return std::nullopt;
}

ConflictResolver::ConflictResolver(config::Profile profile, QString dataDir)
    : m_profile(std::move(profile)), m_dataDir(std::move(dataDir))
{
}

Result<QList<PendingConflict>> ConflictResolver::pending() const
{
    const QString path = config::Paths::stateFile(m_dataDir, m_profile.name);
    if (!QFile::exists(path))
        return QList<PendingConflict>();
    const Result<SyncState> state = SyncState::load(path, SyncState::Access::ReadOnly);
    if (!state)
        return state.error();
    return state->pendingConflicts;
}

Result<QByteArray> ConflictResolver::version(const PendingConflict& conflict, const QString& side) const
{
    const QString oid = side == u"base"    ? conflict.baseOid
                        : side == u"local" ? conflict.localOid
                                           : conflict.remoteOid;
    if (oid.isEmpty())
        return QByteArray();
    Result<std::unique_ptr<git::Repository>> repo = git::Repository::openOrInit(
        config::Paths::profileDir(m_dataDir, m_profile.name) + QStringLiteral("/repo.git"), m_profile.remote);
    if (!repo)
        return repo.error();
    return (*repo)->readBlob(oid);
}

Result<ConflictResolver::Located> ConflictResolver::locate(const PendingConflict& conflict) const
{
    const config::FolderMapping* folder = Reconciler::folderOf(m_profile.folders, conflict.path);
    if (!folder)
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("%1 is no longer under a mapped folder of profile %2")
                             .arg(conflict.path, m_profile.name));
    return Located{folder->local, Scanner::relativePath(*folder, conflict.path),
                   conflict.copyPath.isEmpty() ? QString()
                                               : Scanner::relativePath(*folder, conflict.copyPath)};
}

// Writes `content` at `relative`, archiving what was there; nothing is written if it cannot be archived.
Status ConflictResolver::replaceFile(const Located& where, const QString& path, const QByteArray& content,
                                     const QString& reason) const
{
    const QString absolute = where.folder + u'/' + where.relative;
    const FileStat before = FileStat::of(absolute);
    if (before.type == FileStat::Type::File) {
        VersionStore versions(config::Paths::versionsDir(m_dataDir, m_profile.name));
        if (const Result<ArchivedVersion> kept = versions.archive(path, absolute, reason); !kept)
            return kept.error();
    }
    const Result<FileApplier::Outcome> written =
        FileApplier(where.folder).write(where.relative, content, before.executable, before);
    if (!written)
        return written.error();
    if (*written == FileApplier::Outcome::Changed)
        return makeError(
            ErrorKind::Conflict,
            QStringLiteral("%1 changed while resolving; nothing was replaced, try again").arg(absolute));
    return Status::success();
}

Status ConflictResolver::removeCopy(const Located& where, const PendingConflict& conflict) const
{
    if (where.copyRelative.isEmpty())
        return Status::success();
    const QString absolute = where.folder + u'/' + where.copyRelative;
    const FileStat st = FileStat::of(absolute);
    if (st.type == FileStat::Type::Missing)
        return Status::success();
    VersionStore versions(config::Paths::versionsDir(m_dataDir, m_profile.name));
    if (const Result<ArchivedVersion> kept = versions.archive(
            conflict.copyPath, absolute, QStringLiteral("conflict copy removed by a resolution"));
        !kept)
        return kept.error();
    const Result<FileApplier::Outcome> removed = FileApplier(where.folder).remove(where.copyRelative, st);
    if (!removed)
        return removed.error();
    return Status::success();
}

Status ConflictResolver::resolve(const QString& id, Take take, const QByteArray& merged)
{
    // A cycle in progress finishes first; otherwise its save could bring the resolved conflict back.
    const Result<std::unique_ptr<ProfileLock>> lock = ProfileLock::acquire(m_dataDir, m_profile.name, 60000);
    if (!lock)
        return lock.error();
    const QString statePath = config::Paths::stateFile(m_dataDir, m_profile.name);
    Result<SyncState> loaded = SyncState::load(statePath);
    if (!loaded)
        return loaded.error();
    SyncState state = std::move(loaded.value());
    const auto isIt = [&](const PendingConflict& c) {
        return c.id == id;
    };
    const auto it = std::find_if(state.pendingConflicts.cbegin(), state.pendingConflicts.cend(), isIt);
    if (it == state.pendingConflicts.cend())
        return makeError(ErrorKind::NotFound,
                         QStringLiteral("no pending conflict %1 in profile %2 (ferry conflicts lists them)")
                             .arg(id, m_profile.name));
    const PendingConflict& conflict = *it; // the list changes only after its last use, below
    const Result<Located> where = locate(conflict);
    if (!where)
        return where.error();
    const bool keptBoth = !conflict.copyPath.isEmpty();
    const QString reason = QStringLiteral("replaced by resolving conflict %1").arg(id);

    Status done = Status::success();
    if (take == Take::Merged) {
        done = replaceFile(*where, conflict.path, merged, reason);
        if (done && keptBoth)
            done = removeCopy(*where, conflict);
    } else if (take == Take::Local) {
        const Result<QByteArray> local = keptBoth
                                             ? util::readWholeFile(where->folder + u'/' + where->copyRelative)
                                             : version(conflict, QStringLiteral("local"));
        done = local ? replaceFile(*where, conflict.path, *local, reason) : Status(local.error());
        if (done && keptBoth)
            done = removeCopy(*where, conflict);
    } else if (take == Take::Remote) {
        if (keptBoth) {
            done = removeCopy(*where, conflict);
        } else {
            const Result<QByteArray> remote = version(conflict, QStringLiteral("remote"));
            done = remote ? replaceFile(*where, conflict.path, *remote, reason) : Status(remote.error());
        }
    }
    if (!done)
        return done;
    // Saved last: a crash before this leaves the conflict listed, and resolving it again is harmless.
    state.pendingConflicts.removeIf(isIt);
    ++state.metrics.conflictsResolved;
    return state.save(statePath);
}

} // namespace ferry::sync
