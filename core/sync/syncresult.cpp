#include "core/sync/syncresult.h"

#include "core/store/runrecord.h"

#include <QJsonArray>

namespace ferry::sync {

QString SyncResult::profileOfTask(const QString& task)
{
    const QString prefix = taskName(QString());
    return task.startsWith(prefix) ? task.mid(prefix.size()) : QString();
}

QJsonObject SyncResult::toMetadata() const
{
    QJsonArray noteArray;
    for (qsizetype i = 0; i < notes.size() && i < 200; ++i)
        noteArray.append(notes[i]);
    return {{QStringLiteral("profile"), profile},
            {QStringLiteral("head"), head},
            {QStringLiteral("commit"), commit},
            {QStringLiteral("uploaded"), uploaded},
            {QStringLiteral("deleted_remote"), deletedRemote},
            {QStringLiteral("downloaded"), downloaded},
            {QStringLiteral("deleted_local"), deletedLocal},
            {QStringLiteral("conflicts"), conflicts},
            {QStringLiteral("conflicts_auto_resolved"), settled},
            {QStringLiteral("conflicts_pending"), pending},
            {QStringLiteral("pending_conflicts_total"), pendingTotal},
            {QStringLiteral("merged"), merged},
            {QStringLiteral("held_deletions"), held},
            {QStringLiteral("refused"), refused},
            {QStringLiteral("too_large"), tooLarge},
            {QStringLiteral("unreadable"), QJsonArray::fromStringList(unreadable.mid(0, 50))},
            {QStringLiteral("waiting"), waiting},
            {QStringLiteral("archived"), archived},
            {QStringLiteral("bytes_uploaded"), bytesUploaded},
            {QStringLiteral("bytes_downloaded"), bytesDownloaded},
            {QStringLiteral("bytes_pushed"), bytesPushed},
            {QStringLiteral("push_attempts"), pushAttempts},
            {QStringLiteral("files_scanned"), scanned},
            {QStringLiteral("files_hashed"), hashed},
            {QStringLiteral("paused"), paused},
            {QStringLiteral("remote_reset"), remoteReset},
            {QStringLiteral("scan"), scanKind},
            {QStringLiteral("trigger"), trigger.isEmpty() ? QJsonValue() : QJsonValue(trigger)},
            {QStringLiteral("watcher"), watcher.isEmpty() ? QJsonValue() : QJsonValue(watcher)},
            {QStringLiteral("timings"), timings},
            {QStringLiteral("notes"), noteArray},
            {QStringLiteral("changes"), changes},
            {QStringLiteral("changes_total"), changesTotal}};
}

void SyncResult::addChanges(const QString& action, const QStringList& paths)
{
    changesTotal += int(paths.size());
    for (const QString& path : paths) {
        if (changes.size() >= kChangesKept)
            return;
        changes.append(QJsonObject{{QStringLiteral("action"), action}, {QStringLiteral("path"), path}});
    }
}

QString SyncResult::summary() const
{
    if (!ok)
        return QStringLiteral("%1: %2: %3")
            .arg(profile,
                 paused    ? QStringLiteral("paused")
                 : stopped ? QStringLiteral("stopped")
                           : QStringLiteral("failed"),
                 error);
    QString line = QStringLiteral("%1: ok, %2 up, %3 down")
                       .arg(profile)
                       .arg(uploaded + deletedRemote)
                       .arg(downloaded + deletedLocal);
    if (conflicts)
        line += QStringLiteral(", %1 conflicts (%2 settled by policy, %3 left for you: ferry conflicts)")
                    .arg(conflicts)
                    .arg(settled)
                    .arg(pending);
    if (held)
        line += QStringLiteral(", %1 deletions held (ferry sync --allow-mass-delete to apply)").arg(held);
    if (refused)
        line += QStringLiteral(", %1 remote paths refused").arg(refused);
    if (tooLarge)
        line += QStringLiteral(", %1 files too large to upload (see ferry status)").arg(tooLarge);
    if (!unreadable.isEmpty())
        line += QStringLiteral(", %1 paths unreadable, nothing under them synced: %2")
                    .arg(unreadable.size())
                    .arg(unreadable.first());
    if (waiting)
        line += QStringLiteral(", %1 files wait for the next cycle").arg(waiting);
    line += QStringLiteral(" (%1 s").arg(durationSeconds, 0, 'f', 2);
    if (!trigger.isEmpty())
        line += QStringLiteral(", %1, %2 scan").arg(trigger, scanKind);
    return line + u')';
}

QString SyncResult::runStatus() const
{
    if (!ok)
        return store::RunStatus::Failed;
    return pending == 0 && held == 0 && refused == 0 && tooLarge == 0 && problems.isEmpty()
               ? store::RunStatus::Success
               : store::RunStatus::Partial;
}

} // namespace ferry::sync
