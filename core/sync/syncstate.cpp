#include "core/sync/syncstate.h"

#include "core/sync/failpoint.h"
#include "core/sync/filestat.h"
#include "core/sync/recordfile.h"
#include "core/util/atomicfile.h"
#include "core/util/logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

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

QByteArray compactTime(const QDateTime& t)
{
    return '"' + t.toUTC().toString(Qt::ISODateWithMs).toLatin1() + '"';
}

QJsonValue nullIfEmpty(const QString& s)
{
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}

// A JSON string literal (UTF-8), for the keys and values written by hand below.
void appendString(QByteArray& out, const QString& s)
{
    out += '"';
    for (const char c : s.toUtf8()) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            out += "\\u00";
            out += "0123456789abcdef"[u >> 4];
            out += "0123456789abcdef"[u & 15];
        } else {
            out += c;
        }
    }
    out += '"';
}

// Any JSON value, compact, through Qt (for the small parts of the file).
QByteArray compact(const QJsonValue& v)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

// One line per file, written by hand: with 100,000 files a QJsonObject tree costs seconds to build
// and serialise, and this is written after every cycle that changed anything.
void appendFileRecord(QByteArray& out, const QString& path, const FileRecord& f)
{
    out += "    ";
    appendString(out, path);
    out += ": {\"hash\": ";
    appendString(out, f.hash);
    out += ", \"oid\": ";
    appendString(out, f.oid);
    out += ", \"size\": " + QByteArray::number(f.size);
    // As strings: beyond a double's exact range, and many JSON readers use doubles.
    out += R"(, "mtime_ns": ")" + QByteArray::number(f.mtimeNs);
    out += R"(", "inode": ")" + QByteArray::number(f.inode);
    out += f.executable ? R"(", "executable": true)" : R"(", "executable": false)";
    // For people reading the file; the mtime above is what the scan compares.
    out += ", \"last_modified\": " +
           compactTime(QDateTime::fromMSecsSinceEpoch(f.mtimeNs / 1000000, QTimeZone::utc()));
    out += ", \"source\": ";
    appendString(out, f.source);
    out += '}';
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
    // Shared, not one copy per record (as RecordFile reads them).
    static const QString local = QStringLiteral("local");
    static const QString remote = QStringLiteral("remote");
    const QString source = o[QStringLiteral("source")].toString();
    f.source = source == local ? local : source == remote ? remote : source;
    return f;
}

QJsonObject toJson(const PendingConflict& c)
{
    return {{QStringLiteral("id"), c.id},
            {QStringLiteral("path"), c.path},
            {QStringLiteral("policy"), config::policyName(c.policy)},
            {QStringLiteral("kind"), c.kind},
            {QStringLiteral("base_oid"), nullIfEmpty(c.baseOid)},
            {QStringLiteral("local_oid"), nullIfEmpty(c.localOid)},
            {QStringLiteral("remote_oid"), nullIfEmpty(c.remoteOid)},
            {QStringLiteral("copy_path"), nullIfEmpty(c.copyPath)},
            {QStringLiteral("detected"), iso(c.detected)}};
}

PendingConflict conflictFromJson(const QJsonObject& o)
{
    return {o[QStringLiteral("id")].toString(),
            o[QStringLiteral("path")].toString(),
            config::policyNamed(o[QStringLiteral("policy")].toString())
                .value_or(config::ConflictPolicy::KeepBoth),
            o[QStringLiteral("kind")].toString(),
            o[QStringLiteral("base_oid")].toString(),
            o[QStringLiteral("local_oid")].toString(),
            o[QStringLiteral("remote_oid")].toString(),
            o[QStringLiteral("copy_path")].toString(),
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
            {QStringLiteral("conflicts_resolved"), m.conflictsResolved},
            {QStringLiteral("conflicts_auto_resolved"), m.conflictsAutoResolved}};
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
    m.conflictsAutoResolved = o[QStringLiteral("conflicts_auto_resolved")].toInt();
    return m;
}

} // namespace

Result<SyncState> SyncState::load(const QString& path, Access access)
{
    // The binary copy of the records when it was written with this very state.json: no 30 MB parse.
    const QString recordsPath = RecordFile::pathFor(path);
    const FileStat before = FileStat::of(path);
    if (std::optional<SyncState> fast = RecordFile::read(recordsPath, path, before))
        return std::move(*fast);
    const Result<QByteArray> text = util::readWholeFile(path);
    if (!text)
        return text.error().kind == ErrorKind::NotFound ? Result<SyncState>(SyncState{})
                                                        : Result<SyncState>(text.error());
    Result<SyncState> parsed = fromText(*text, path);
    if (access == Access::ReadOnly)
        return parsed;
    // Missing, corrupt, of another version or stale: rebuilt, tied to the state.json just read (if it
    // did not change meanwhile). Failing to write it only costs the next start its speed.
    const quint64 generation = parsed ? RecordFile::generationOf(*text) : 0;
    if (generation != 0 && before.sameContentMetadata(FileStat::of(path))) {
        const Status written =
            RecordFile::write(recordsPath, *parsed, parsed->toText(false, generation), {generation, before});
        if (!written)
            qCInfo(lcSync).noquote() << written.message() << "; state.json is read again next time";
    }
    return parsed;
}

Result<SyncState> SyncState::fromText(const QByteArray& text, const QString& path)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
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
    s.lastScanStarted = fromIso(last[QStringLiteral("scan_started")]);
    s.head = o[QStringLiteral("head")].toString();
    s.baseIsHead = o[QStringLiteral("base_is_head")].toBool();
    s.ignoreRules = o[QStringLiteral("ignore_rules")].toString();
    const QJsonObject files = o[QStringLiteral("files")].toObject();
    for (auto it = files.begin(); it != files.end(); ++it)
        s.files.insert(it.key(), fileFromJson(it.value().toObject()));
    for (const QJsonValue& c : o[QStringLiteral("pending_conflicts")].toArray())
        s.pendingConflicts.append(conflictFromJson(c.toObject()));
    for (const QJsonValue& p : o[QStringLiteral("held_deletions")].toArray())
        s.heldDeletions.append(p.toString());
    for (const QJsonValue& p : o[QStringLiteral("held_files")].toArray())
        s.heldFiles.append(p.toString());
    if (const QJsonObject reset = o[QStringLiteral("remote_reset")].toObject(); !reset.isEmpty())
        s.remoteReset = RemoteReset{
            reset[QStringLiteral("last_head")].toString(), reset[QStringLiteral("new_head")].toString(),
            reset[QStringLiteral("reason")].toString(), fromIso(reset[QStringLiteral("detected")])};
    const QJsonObject health = o[QStringLiteral("sync_health")].toObject();
    s.health.status = healthNamed(health[QStringLiteral("status")].toString()).value_or(Health::Healthy);
    s.health.lastError = health[QStringLiteral("last_error")].toString();
    s.health.consecutiveFailures = health[QStringLiteral("consecutive_failures")].toInt();
    s.metrics = metricsFromJson(o[QStringLiteral("metrics")].toObject());
    const QJsonObject watch = o[QStringLiteral("watch")].toObject();
    s.watchStatus = watch[QStringLiteral("status")].toString();
    s.watchProblem = watch[QStringLiteral("problem")].toString();
    return s;
}

Status SyncState::save(const QString& path) const
{
    // state.json first (it is authoritative), then the records file tied to it: a crash in between
    // leaves a records file that does not match, which the next load ignores and rebuilds.
    QByteArray text = toText(true, 0);
    const quint64 generation = RecordFile::stamp(text);
    if (Status s = util::writeFileAtomically(path, text); !s)
        return s;
    Failpoint::hit("between-state-and-records");
    const FileStat written = FileStat::of(path);
    if (Status s = RecordFile::write(RecordFile::pathFor(path), *this, toText(false, generation),
                                     {generation, written});
        !s)
        qCWarning(lcSync).noquote() << s.message() << "; the next start reads state.json instead";
    return Status::success();
}

QByteArray SyncState::toText(bool withFiles, quint64 generation) const
{
    QJsonArray conflicts;
    for (const PendingConflict& c : pendingConflicts)
        conflicts.append(toJson(c));
    const QList<QPair<const char*, QJsonValue>> before{
        {"version", version},
        // Ties the binary records file (state.records) to this file: see RecordFile.
        {"generation", RecordFile::generationText(generation)},
        {"last_sync", QJsonObject{{QStringLiteral("local_to_remote"), iso(lastLocalToRemote)},
                                  {QStringLiteral("remote_to_local"), iso(lastRemoteToLocal)},
                                  {QStringLiteral("completed"), iso(lastSync)},
                                  {QStringLiteral("scan_started"), iso(lastScanStarted)}}},
        {"head", nullIfEmpty(head)},
        {"base_is_head", baseIsHead},
        {"ignore_rules", nullIfEmpty(ignoreRules)},
    };
    const QList<QPair<const char*, QJsonValue>> after{
        {"pending_conflicts", conflicts},
        {"held_deletions", QJsonArray::fromStringList(heldDeletions)},
        {"held_files", QJsonArray::fromStringList(heldFiles)},
        {"remote_reset",
         remoteReset ? QJsonValue(QJsonObject{{QStringLiteral("last_head"), remoteReset->lastHead},
                                              {QStringLiteral("new_head"), nullIfEmpty(remoteReset->newHead)},
                                              {QStringLiteral("reason"), remoteReset->reason},
                                              {QStringLiteral("detected"), iso(remoteReset->detected)}})
                     : QJsonValue()},
        {"sync_health", QJsonObject{{QStringLiteral("status"), healthName(health.status)},
                                    {QStringLiteral("last_error"), nullIfEmpty(health.lastError)},
                                    {QStringLiteral("consecutive_failures"), health.consecutiveFailures}}},
        {"metrics", toJson(metrics)},
        {"watch", watchStatus.isEmpty()
                      ? QJsonValue()
                      : QJsonObject{{QStringLiteral("status"), watchStatus},
                                    {QStringLiteral("problem"), nullIfEmpty(watchProblem)}}},
    };
    const auto appendMember = [](QByteArray& out, const char* key, const QJsonValue& value) {
        out += "  \"";
        out += key;
        out += "\": " + compact(value);
    };

    QByteArray out;
    out.reserve(withFiles ? qsizetype(files.size()) * 300 + 4096 : 4096);
    out += "{\n";
    for (const auto& [key, value] : before) {
        appendMember(out, key, value);
        out += ",\n";
    }
    out += "  \"files\": {";
    QStringList paths = withFiles ? files.keys() : QStringList();
    paths.sort(); // a stable order: two saves of the same state are the same bytes
    for (qsizetype i = 0; i < paths.size(); ++i) {
        out += i == 0 ? "\n" : ",\n";
        appendFileRecord(out, paths[i], *files.constFind(paths[i]));
    }
    out += paths.isEmpty() ? "}" : "\n  }";
    for (const auto& [key, value] : after) {
        out += ",\n";
        appendMember(out, key, value);
    }
    out += "\n}\n";
    return out;
}

} // namespace ferry::sync
