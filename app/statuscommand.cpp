#include "app/statuscommand.h"

#include "app/commandcontext.h"
#include "app/exitcode.h"
#include "app/runformat.h"
#include "core/config/paths.h"
#include "core/schedule/dailytimes.h"
#include "core/schedule/scheduler.h"
#include "core/store/jobstate.h"
#include "core/store/runlog.h"
#include "core/store/store.h"
#include "core/sync/syncstate.h"

#include <QCommandLineParser>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace ferry::app {
namespace {

// The profile's sync state as the engine last saved it, or null before its first sync.
QJsonValue iso(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonValue profileState(const QString& dataDir, const QString& profile)
{
    const QString path = config::Paths::stateFile(dataDir, profile);
    if (!QFile::exists(path))
        return {};
    const Result<sync::SyncState> state = sync::SyncState::load(path, sync::SyncState::Access::ReadOnly);
    if (!state)
        return QJsonObject{{QStringLiteral("error"), state.message()}};
    const sync::SyncState& s = *state;
    return QJsonObject{
        {QStringLiteral("last_sync"),
         QJsonObject{{QStringLiteral("local_to_remote"), iso(s.lastLocalToRemote)},
                     {QStringLiteral("remote_to_local"), iso(s.lastRemoteToLocal)},
                     {QStringLiteral("completed"), iso(s.lastSync)}}},
        {QStringLiteral("head"), s.head},
        {QStringLiteral("files"), s.files.size()},
        {QStringLiteral("pending_conflicts"), s.pendingConflicts.size()},
        {QStringLiteral("held_deletions"), s.heldDeletions.size()},
        {QStringLiteral("held_files"), QJsonArray::fromStringList(s.heldFiles)},
        {QStringLiteral("remote_reset"), s.remoteReset ? QJsonValue(s.remoteReset->reason) : QJsonValue()},
        // What the last watching process (ferry sync --watch, the daemon, the app) could see.
        {QStringLiteral("watch"),
         s.watchStatus.isEmpty()
             ? QJsonValue()
             : QJsonObject{{QStringLiteral("status"), s.watchStatus},
                           {QStringLiteral("problem"),
                            s.watchProblem.isEmpty() ? QJsonValue() : QJsonValue(s.watchProblem)}}},
        {QStringLiteral("sync_health"),
         QJsonObject{{QStringLiteral("status"), sync::healthName(s.health.status)},
                     {QStringLiteral("last_error"),
                      s.health.lastError.isEmpty() ? QJsonValue() : QJsonValue(s.health.lastError)},
                     {QStringLiteral("consecutive_failures"), s.health.consecutiveFailures}}},
        {QStringLiteral("metrics"),
         QJsonObject{{QStringLiteral("total_syncs"), s.metrics.totalSyncs},
                     {QStringLiteral("successful_syncs"), s.metrics.successfulSyncs},
                     {QStringLiteral("failed_syncs"), s.metrics.failedSyncs},
                     {QStringLiteral("average_duration_seconds"),
                      s.metrics.totalSyncs ? s.metrics.totalDurationSeconds / s.metrics.totalSyncs : 0.0},
                     {QStringLiteral("files_uploaded"), s.metrics.filesUploaded},
                     {QStringLiteral("files_downloaded"), s.metrics.filesDownloaded},
                     {QStringLiteral("bytes_uploaded"), s.metrics.bytesUploaded},
                     {QStringLiteral("bytes_downloaded"), s.metrics.bytesDownloaded},
                     {QStringLiteral("conflicts_auto_resolved"), s.metrics.conflictsAutoResolved},
                     {QStringLiteral("conflicts_resolved"), s.metrics.conflictsResolved}}}};
}

QJsonObject profileJson(const config::Profile& p, const QString& dataDir)
{
    QJsonArray folders;
    for (const config::FolderMapping& f : p.folders)
        folders.append(
            QJsonObject{{QStringLiteral("local"), f.local}, {QStringLiteral("repo_path"), f.repoPath}});
    return QJsonObject{{QStringLiteral("name"), p.name},
                       {QStringLiteral("remote"), p.remote},
                       {QStringLiteral("branch"), p.branch},
                       {QStringLiteral("folders"), folders},
                       {QStringLiteral("state"), profileState(dataDir, p.name)}};
}

// Each scheduled pipeline: its schedule, its last completed run (job_runs) and when it runs next ("due"
// when a due instant has not been run yet: the daemon or the app starts it at its next look).
QJsonArray schedulesJson(const config::Config& config, store::Store* store)
{
    QHash<QString, store::JobState> states;
    if (store)
        if (const Result<QList<store::JobState>> read = store->jobStates())
            for (const store::JobState& j : *read)
                states.insert(j.jobName, j);
    QJsonArray out;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const schedule::ScheduledPipeline& p : schedule::ScheduledPipeline::fromConfig(config)) {
        const schedule::DailyTimes times(p.schedule);
        const store::JobState state = states.value(p.name);
        const bool due = times.overdue(state.lastDue, now).isValid();
        QJsonArray days;
        for (int d : p.schedule.days)
            days.append(config::Schedule::dayNames().value(d - 1));
        out.append(QJsonObject{{QStringLiteral("pipeline"), p.name},
                               {QStringLiteral("time"), p.schedule.time.toString(QStringLiteral("HH:mm"))},
                               {QStringLiteral("timezone"), p.schedule.timezone},
                               {QStringLiteral("days"), days},
                               {QStringLiteral("last_status"),
                                state.lastStatus.isEmpty() ? QJsonValue() : QJsonValue(state.lastStatus)},
                               {QStringLiteral("last_finished"), iso(state.lastFinished)},
                               {QStringLiteral("due"), due},
                               {QStringLiteral("next_run"), iso(times.nextRun(state.lastDue, now))}});
    }
    return out;
}

QJsonObject storeJson(CommandContext& ctx, const config::Config& config, QJsonArray& tasks,
                      QJsonArray& schedules)
{
    QJsonObject json;
    Result<std::unique_ptr<store::Store>> opened = ctx.openStore(config);
    const store::RunQueue queue(config::Paths::runQueue(ctx.dataDir()));
    json[QStringLiteral("queued_runs")] = queue.size();
    if (!opened) {
        json[QStringLiteral("reachable")] = false;
        json[QStringLiteral("error")] = opened.error().message;
        schedules = schedulesJson(config, nullptr);
        return json;
    }
    store::Store& store = **opened;
    store::RunLog(store, queue.path())
        .flush()
        .ok(); // best effort: show what was queued, if it can be written now
    json[QStringLiteral("backend")] = store.backendName();
    json[QStringLiteral("location")] = store.location();
    json[QStringLiteral("reachable")] = true;
    json[QStringLiteral("error")] = QJsonValue();
    json[QStringLiteral("queued_runs")] = queue.size();
    if (const Result<int> version = store.schemaVersion())
        json[QStringLiteral("schema_version")] = *version;
    if (const auto latest = store.latestPerTask()) {
        for (const store::RunRecord& r : *latest)
            tasks.append(r.toJson());
    }
    schedules = schedulesJson(config, &store);
    return json;
}

void printHuman(QTextStream& out, const QJsonObject& s)
{
    const QJsonObject store = s[QStringLiteral("store")].toObject();
    out << "Ferry " << s[QStringLiteral("version")].toString() << Qt::endl;
    out << "Config: " << s[QStringLiteral("config")].toObject()[QStringLiteral("path")].toString()
        << (s[QStringLiteral("config")].toObject()[QStringLiteral("exists")].toBool()
                ? ""
                : " (not created yet: run ferry init)")
        << Qt::endl;
    out << "Data:   " << s[QStringLiteral("data_dir")].toString() << Qt::endl;
    if (store[QStringLiteral("reachable")].toBool())
        out << "Store:  " << store[QStringLiteral("backend")].toString() << " "
            << store[QStringLiteral("location")].toString() << " (schema "
            << store[QStringLiteral("schema_version")].toInt() << ")";
    else
        out << "Store:  unreachable: " << store[QStringLiteral("error")].toString();
    out << ", " << store[QStringLiteral("queued_runs")].toInt() << " runs queued" << Qt::endl;

    const QJsonArray profiles = s[QStringLiteral("profiles")].toArray();
    out << Qt::endl << "Profiles (" << profiles.size() << ")" << Qt::endl;
    for (const QJsonValue& v : profiles) {
        const QJsonObject p = v.toObject();
        const QJsonObject health =
            p[QStringLiteral("state")].toObject()[QStringLiteral("sync_health")].toObject();
        out << "  " << p[QStringLiteral("name")].toString() << "  " << p[QStringLiteral("remote")].toString()
            << " @ " << p[QStringLiteral("branch")].toString() << "  "
            << (p[QStringLiteral("state")].isNull() ? QStringLiteral("never synced")
                                                    : health[QStringLiteral("status")].toString())
            << Qt::endl;
        for (const QJsonValue& f : p[QStringLiteral("folders")].toArray())
            out << "      " << f[QStringLiteral("local")].toString() << " -> "
                << f[QStringLiteral("repo_path")].toString() << Qt::endl;
        const QJsonObject state = p[QStringLiteral("state")].toObject();
        if (!health[QStringLiteral("last_error")].toString().isEmpty())
            out << "      last error: " << health[QStringLiteral("last_error")].toString() << Qt::endl;
        if (const int held = state[QStringLiteral("held_deletions")].toInt(); held > 0)
            out << "      " << held << " deletions held: ferry sync --allow-mass-delete to apply them"
                << Qt::endl;
        for (const QJsonValue& held : state[QStringLiteral("held_files")].toArray())
            out << "      held: " << held.toString() << Qt::endl;
        const QJsonObject watch = state[QStringLiteral("watch")].toObject();
        if (watch[QStringLiteral("status")].toString() == u"scanning")
            out << "      watcher incomplete, scanning instead: "
                << watch[QStringLiteral("problem")].toString() << Qt::endl;
    }
    const QJsonArray tasks = s[QStringLiteral("tasks")].toArray();
    out << Qt::endl << "Tasks, latest run (" << tasks.size() << ")" << Qt::endl;
    for (const QJsonValue& t : tasks)
        out << "  " << RunFormat::line(store::RunRecord::fromStoredJson(t.toObject())) << Qt::endl;
    const QJsonArray schedules = s[QStringLiteral("schedules")].toArray();
    if (schedules.isEmpty())
        return;
    out << Qt::endl << "Schedules (" << schedules.size() << ")" << Qt::endl;
    for (const QJsonValue& v : schedules) {
        const QJsonObject j = v.toObject();
        QStringList days;
        for (const QJsonValue& d : j[QStringLiteral("days")].toArray())
            days.append(d.toString());
        out << "  " << j[QStringLiteral("pipeline")].toString() << "  "
            << j[QStringLiteral("time")].toString() << " " << j[QStringLiteral("timezone")].toString() << " "
            << (days.size() == 7 ? QStringLiteral("daily") : days.join(u',')) << "  last: "
            << (j[QStringLiteral("last_status")].isNull()
                    ? QStringLiteral("never")
                    : j[QStringLiteral("last_finished")].toString() + u' ' +
                          j[QStringLiteral("last_status")].toString())
            << "  next: "
            << (j[QStringLiteral("due")].toBool() ? QStringLiteral("due now")
                                                  : j[QStringLiteral("next_run")].toString())
            << Qt::endl;
    }
}

} // namespace

QString StatusCommand::summary() const
{
    return QStringLiteral("show profiles, their health, the store and each task's latest run");
}

QList<QCommandLineOption> StatusCommand::options() const
{
    return {{QStringLiteral("json"), QStringLiteral("Print JSON (format in docs/cli.md).")}};
}

int StatusCommand::run(CommandContext& ctx, const QCommandLineParser& parser)
{
    const Result<config::LoadedConfig> loaded = ctx.loadConfig();
    if (!loaded) {
        ctx.err() << "ferry status: " << loaded.message() << Qt::endl;
        return loaded.error().kind == ErrorKind::Invalid ? ExitUsage : ExitRunFailed;
    }
    QJsonArray profiles;
    for (const config::Profile& p : loaded->config.profiles)
        profiles.append(profileJson(p, ctx.dataDir()));
    QJsonArray tasks, schedules;
    const QJsonObject store = storeJson(ctx, loaded->config, tasks, schedules);
    const QJsonObject status{
        {QStringLiteral("version"), QStringLiteral(FERRY_VERSION)},
        {QStringLiteral("config"), QJsonObject{{QStringLiteral("path"), ctx.configPath()},
                                               {QStringLiteral("exists"), loaded->existed}}},
        {QStringLiteral("data_dir"), ctx.dataDir()},
        {QStringLiteral("store"), store},
        {QStringLiteral("profiles"), profiles},
        {QStringLiteral("tasks"), tasks},
        {QStringLiteral("schedules"), schedules},
    };
    if (parser.isSet(QStringLiteral("json")))
        ctx.out() << QJsonDocument(status).toJson(QJsonDocument::Indented);
    else
        printHuman(ctx.out(), status);
    return ExitSuccess;
}

} // namespace ferry::app
