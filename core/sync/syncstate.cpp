#include "sync/syncstate.h"

#include "util/atomicfile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ferry::sync {
namespace {

QJsonValue iso(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QDateTime fromIso(const QJsonValue& v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}

QJsonValue nullIfEmpty(const QString& s)
{
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}

QJsonObject toJson(const FileRecord& f)
{
    return {{QStringLiteral("hash"), f.hash},
            {QStringLiteral("oid"), f.oid},
            {QStringLiteral("size"), f.size},
            {QStringLiteral("mtime_ns"), QString::number(f.mtimeNs)}, // beyond a double's exact range
            {QStringLiteral("inode"), QString::number(f.inode)},
            {QStringLiteral("executable"), f.executable},
            {QStringLiteral("last_modified"), iso(f.lastModified)},
            {QStringLiteral("source"), f.source}};
}

FileRecord fileFromJson(const QJsonObject& o)
{
    FileRecord f;
    f.hash = o[QStringLiteral("hash")].toString();
    f.oid = o[QStringLiteral("oid")].toString();
    f.size = o[QStringLiteral("size")].toInteger();
    const QJsonValue mtime = o[QStringLiteral("mtime_ns")];
    f.mtimeNs = mtime.isString() ? mtime.toString().toLongLong() : mtime.toInteger();
    f.inode = o[QStringLiteral("inode")].toString().toULongLong();
    f.executable = o[QStringLiteral("executable")].toBool();
    f.lastModified = fromIso(o[QStringLiteral("last_modified")]);
    f.source = o[QStringLiteral("source")].toString();
    return f;
}

QJsonObject toJson(const PendingConflict& c)
{
    return {{QStringLiteral("id"), c.id},
            {QStringLiteral("path"), c.path},
            {QStringLiteral("policy"), c.policy},
            {QStringLiteral("kind"), c.kind},
            {QStringLiteral("base_oid"), nullIfEmpty(c.baseOid)},
            {QStringLiteral("local_oid"), nullIfEmpty(c.localOid)},
            {QStringLiteral("remote_oid"), nullIfEmpty(c.remoteOid)},
            {QStringLiteral("copy_path"), nullIfEmpty(c.copyPath)},
            {QStringLiteral("detected"), iso(c.detected)}};
}

PendingConflict conflictFromJson(const QJsonObject& o)
{
    return {o[QStringLiteral("id")].toString(),         o[QStringLiteral("path")].toString(),
            o[QStringLiteral("policy")].toString(),     o[QStringLiteral("kind")].toString(),
            o[QStringLiteral("base_oid")].toString(),   o[QStringLiteral("local_oid")].toString(),
            o[QStringLiteral("remote_oid")].toString(), o[QStringLiteral("copy_path")].toString(),
            fromIso(o[QStringLiteral("detected")])};
}

QJsonObject toJson(const SyncMetrics& m)
{
    return {{QStringLiteral("total_syncs"), m.totalSyncs},
            {QStringLiteral("successful_syncs"), m.successfulSyncs},
            {QStringLiteral("failed_syncs"), m.failedSyncs},
            {QStringLiteral("average_duration_seconds"),
             m.totalSyncs ? m.totalDurationSeconds / m.totalSyncs : 0.0},
            {QStringLiteral("total_duration_seconds"), m.totalDurationSeconds},
            {QStringLiteral("files_uploaded"), m.filesUploaded},
            {QStringLiteral("files_downloaded"), m.filesDownloaded},
            {QStringLiteral("bytes_uploaded"), m.bytesUploaded},
            {QStringLiteral("bytes_downloaded"), m.bytesDownloaded},
            {QStringLiteral("conflicts_resolved"), m.conflictsResolved}};
}

SyncMetrics metricsFromJson(const QJsonObject& o)
{
    SyncMetrics m;
    m.totalSyncs = o[QStringLiteral("total_syncs")].toInt();
    m.successfulSyncs = o[QStringLiteral("successful_syncs")].toInt();
    m.failedSyncs = o[QStringLiteral("failed_syncs")].toInt();
    m.totalDurationSeconds = o[QStringLiteral("total_duration_seconds")].toDouble();
    m.filesUploaded = o[QStringLiteral("files_uploaded")].toInteger();
    m.filesDownloaded = o[QStringLiteral("files_downloaded")].toInteger();
    m.bytesUploaded = o[QStringLiteral("bytes_uploaded")].toInteger();
    m.bytesDownloaded = o[QStringLiteral("bytes_downloaded")].toInteger();
    m.conflictsResolved = o[QStringLiteral("conflicts_resolved")].toInt();
    return m;
}

} // namespace

Result<SyncState> SyncState::load(const QString& path)
{
    const Result<QByteArray> text = util::readWholeFile(path);
    if (!text)
        return text.error().kind == ErrorKind::NotFound ? Result<SyncState>(SyncState{})
                                                        : Result<SyncState>(text.error());
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(*text, &parseError);
    if (!doc.isObject())
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("%1 is corrupt (%2 at byte %3); move it aside to start "
                                        "over, and Ferry will treat every file as new")
                             .arg(path, parseError.errorString())
                             .arg(parseError.offset));
    const QJsonObject o = doc.object();
    SyncState s;
    s.version = o[QStringLiteral("version")].toString(s.version);
    const QJsonObject last = o[QStringLiteral("last_sync")].toObject();
    s.lastLocalToRemote = fromIso(last[QStringLiteral("local_to_remote")]);
    s.lastRemoteToLocal = fromIso(last[QStringLiteral("remote_to_local")]);
    s.lastSync = fromIso(last[QStringLiteral("completed")]);
    s.head = o[QStringLiteral("head")].toString();
    s.baseIsHead = o[QStringLiteral("base_is_head")].toBool();
    const QJsonObject files = o[QStringLiteral("files")].toObject();
    for (auto it = files.begin(); it != files.end(); ++it)
        s.files.insert(it.key(), fileFromJson(it.value().toObject()));
    for (const QJsonValue& c : o[QStringLiteral("pending_conflicts")].toArray())
        s.pendingConflicts.append(conflictFromJson(c.toObject()));
    for (const QJsonValue& p : o[QStringLiteral("held_deletions")].toArray())
        s.heldDeletions.append(p.toString());
    const QJsonObject health = o[QStringLiteral("sync_health")].toObject();
    s.health.status = health[QStringLiteral("status")].toString(s.health.status);
    s.health.lastError = health[QStringLiteral("last_error")].toString();
    s.health.consecutiveFailures = health[QStringLiteral("consecutive_failures")].toInt();
    s.metrics = metricsFromJson(o[QStringLiteral("metrics")].toObject());
    return s;
}

Status SyncState::save(const QString& path) const
{
    QJsonObject fileObjects;
    for (auto it = files.begin(); it != files.end(); ++it)
        fileObjects.insert(it.key(), toJson(it.value()));
    QJsonArray conflicts;
    for (const PendingConflict& c : pendingConflicts)
        conflicts.append(toJson(c));
    const QJsonObject root{
        {QStringLiteral("version"), version},
        {QStringLiteral("last_sync"), QJsonObject{{QStringLiteral("local_to_remote"), iso(lastLocalToRemote)},
                                                  {QStringLiteral("remote_to_local"), iso(lastRemoteToLocal)},
                                                  {QStringLiteral("completed"), iso(lastSync)}}},
        {QStringLiteral("head"), nullIfEmpty(head)},
        {QStringLiteral("base_is_head"), baseIsHead},
        {QStringLiteral("files"), fileObjects},
        {QStringLiteral("pending_conflicts"), conflicts},
        {QStringLiteral("held_deletions"), QJsonArray::fromStringList(heldDeletions)},
        {QStringLiteral("sync_health"),
         QJsonObject{{QStringLiteral("status"), health.status},
                     {QStringLiteral("last_error"), nullIfEmpty(health.lastError)},
                     {QStringLiteral("consecutive_failures"), health.consecutiveFailures}}},
        {QStringLiteral("metrics"), toJson(metrics)},
    };
    return util::writeFileAtomically(path, QJsonDocument(root).toJson(QJsonDocument::Indented));
}

} // namespace ferry::sync
