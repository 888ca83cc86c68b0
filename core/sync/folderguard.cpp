#include "core/sync/folderguard.h"

#include "core/sync/reconciler.h"

#include <QFile>

namespace ferry::sync {

const QString FolderGuard::kMarker = QStringLiteral(".ferry-folder");

std::optional<QString> FolderGuard::problem(const QList<config::FolderMapping>& folders,
                                            const ScanResult& scan, const SyncState& state,
                                            bool allowMassDelete)
{
    for (const QString& missing : scan.missingFolders)
        return QStringLiteral("folder %1 is missing (unmounted drive or moved folder?); the profile is "
                              "paused, nothing was deleted")
            .arg(missing);
    for (const config::FolderMapping& f : folders) {
        if (QFile::exists(f.local + u'/' + kMarker) || allowMassDelete)
            continue;
        bool heldFiles = false;
        for (auto it = state.files.begin(); it != state.files.end() && !heldFiles; ++it)
            heldFiles = Reconciler::folderOf({f}, it.key()) != nullptr;
        if (heldFiles)
            return QStringLiteral(
                       "folder %1 lost its %2 marker since the last sync (unmounted, or replaced by "
                       "an empty folder?); the profile is paused, nothing was deleted (ferry sync "
                       "--allow-mass-delete if this is the folder now)")
                .arg(f.local, kMarker);
    }
    return std::nullopt;
}

Status FolderGuard::mark(const QList<config::FolderMapping>& folders)
{
    for (const config::FolderMapping& f : folders) {
        QFile marker(f.local + u'/' + kMarker);
        if (marker.exists())
            continue;
        if (!marker.open(QIODevice::WriteOnly) ||
            marker.write(
                "Ferry keeps this folder in sync. This file tells a mounted folder from an empty one; "
                "deleting it pauses syncing.\n") < 0)
            return makeError(
                ErrorKind::Io,
                QStringLiteral("cannot write %1: %2").arg(marker.fileName(), marker.errorString()));
    }
    return Status::success();
}

} // namespace ferry::sync
