// Sync benchmarks against the git CLI on an equivalent working tree, measured in the same run.
// Not a test: it prints figures and ratios. Sizes scale with FERRY_BENCH_SCALE (default 1.0).
//
//   build/tests/bench/bench_sync            # 100,000 / 10,000 files
//   FERRY_BENCH_SCALE=0.1 build/tests/bench/bench_sync
//   build/tests/bench/bench_sync scan       # only the 100,000-file parts (or: first, watch)
//   build/tests/bench/bench_sync first-small   # first sync of 100,000 small files, 2 interleaved rounds
//   build/tests/bench/bench_sync fresh      # the real `ferry sync` binary, fresh process, no change, vs
//                                           # `git status --porcelain`: wall time and peak RSS (5 interleaved
//                                           # runs each, best and median); FERRY_BIN names the binary

#include "core/config/config.h"
#include "core/sync/syncengine.h"
#include "core/sync/syncwatcher.h"

#include <algorithm>
#include <cstdio>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>
#include <sys/resource.h>

using namespace ferry;

namespace {

double seconds(const QElapsedTimer& t)
{
    return double(t.nsecsElapsed()) / 1e9;
}

void git(const QString& dir, const QStringList& args)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("GIT_AUTHOR_NAME"), QStringLiteral("bench"));
    env.insert(QStringLiteral("GIT_AUTHOR_EMAIL"), QStringLiteral("bench@example.invalid"));
    env.insert(QStringLiteral("GIT_COMMITTER_NAME"), QStringLiteral("bench"));
    env.insert(QStringLiteral("GIT_COMMITTER_EMAIL"), QStringLiteral("bench@example.invalid"));
    p.setProcessEnvironment(env);
    p.setStandardOutputFile(QProcess::nullDevice());
    p.start(QStringLiteral("git"), args);
    p.waitForFinished(-1);
    if (p.exitCode() != 0)
        std::fprintf(stderr, "git %s failed: %s\n", qPrintable(args.join(u' ')),
                     p.readAllStandardError().constData());
}

double timeGit(const QString& dir, const QStringList& args)
{
    QElapsedTimer t;
    t.start();
    git(dir, args);
    return seconds(t);
}

// `count` files in folders of 1,000; sizes from `sizeOf(i)`; the same bytes in both trees.
qint64 makeFiles(const QStringList& roots, int count, const std::function<int(int)>& sizeOf)
{
    qint64 total = 0;
    QRandomGenerator rng(7);
    for (int i = 0; i < count; ++i) {
        QByteArray content(sizeOf(i), Qt::Uninitialized);
        for (qsizetype k = 0; k < content.size(); k += 4)
            *reinterpret_cast<quint32*>(content.data() + k) = rng.generate();
        content.truncate(sizeOf(i));
        const QString rel = QStringLiteral("d%1/f%2.dat").arg(i / 1000).arg(i);
        for (const QString& root : roots) {
            QDir().mkpath(root + QStringLiteral("/d%1").arg(i / 1000));
            QFile f(root + u'/' + rel);
            f.open(QIODevice::WriteOnly);
            f.write(content);
        }
        total += content.size();
    }
    return total;
}

struct Setup
{
    QTemporaryDir dir;
    QString folder, worktree, ferryRemote, gitRemote, data;
    config::Profile profile;

    Setup()
    {
        folder = dir.path() + QStringLiteral("/ferry-folder");
        worktree = dir.path() + QStringLiteral("/git-worktree");
        ferryRemote = dir.path() + QStringLiteral("/ferry-remote.git");
        gitRemote = dir.path() + QStringLiteral("/git-remote.git");
        data = dir.path() + QStringLiteral("/data");
        QDir().mkpath(folder);
        QDir().mkpath(worktree);
        git(dir.path(),
            {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), ferryRemote});
        git(dir.path(), {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), gitRemote});
        git(worktree,
            {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("sync")});
        git(worktree, {QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("origin"), gitRemote});
        // No background `git gc --auto` after the commit: it would compete with the timed runs. Ferry
        // does not pack its objects either.
        for (const QString& repo : {worktree, gitRemote, ferryRemote})
            git(repo, {QStringLiteral("config"), QStringLiteral("gc.auto"), QStringLiteral("0")});
        profile.name = QStringLiteral("bench");
        profile.remote = ferryRemote;
        profile.folders = {{folder, QStringLiteral("data")}};
    }
    ~Setup() // git writes its objects read-only, which QTemporaryDir cannot remove
    {
        QProcess::execute(QStringLiteral("chmod"), {QStringLiteral("-R"), QStringLiteral("u+w"), dir.path()});
    }
    sync::SyncResult sync() const { return sync::SyncEngine(profile, data).runCycle(); }
    double gitCommitAndPush() const
    {
        QElapsedTimer t;
        t.start();
        git(worktree, {QStringLiteral("add"), QStringLiteral("-A")});
        git(worktree, {QStringLiteral("commit"), QStringLiteral("-qm"), QStringLiteral("bench")});
        git(worktree,
            {QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("origin"), QStringLiteral("sync")});
        return seconds(t);
    }
};

void report(const char* what, double ferry, double peer, const char* peerName, double target)
{
    std::printf("%-46s ferry %8.3f s   %-28s %8.3f s   ratio %5.2f (target <= %.2f)\n", what, ferry, peerName,
                peer, ferry / peer, target);
    std::fflush(stdout);
}

// User and system CPU seconds of this process (all threads) or of its finished children.
std::pair<double, double> cpuTimes(int who)
{
    rusage u{};
    getrusage(who, &u);
    const auto sec = [](const timeval& t) {
        return double(t.tv_sec) + double(t.tv_usec) / 1e6;
    };
    return {sec(u.ru_utime), sec(u.ru_stime)};
}

// First sync of `count` files of 64-127 bytes against `git add -A && commit && push` of the same tree,
// alternating which goes first, each round on new trees; wall, user and system time of each.
void benchFirstSmall(int count, int rounds)
{
    double ferryBest = 1e9, gitBest = 1e9;
    for (int round = 0; round < rounds; ++round) {
        Setup s;
        makeFiles({s.folder, s.worktree}, count, [](int i) { return 64 + i % 64; });
        double ferry = 0, peer = 0;
        std::pair<double, double> ferryCpu, gitCpu;
        for (int turn = 0; turn < 2; ++turn) {
            // Each starts with nothing of the other's unwritten: Ferry fsyncs, and ext4 would make its
            // first fsync write out what git left in the page cache.
            QProcess::execute(QStringLiteral("sync"), {});
            if ((turn + round) % 2 == 0) {
                const auto before = cpuTimes(RUSAGE_SELF);
                QElapsedTimer t;
                t.start();
                const sync::SyncResult r = s.sync();
                ferry = seconds(t);
                const auto after = cpuTimes(RUSAGE_SELF);
                ferryCpu = {after.first - before.first, after.second - before.second};
                if (!r.ok || r.uploaded != count)
                    std::fprintf(stderr, "first sync failed: %s (%d uploaded)\n", qPrintable(r.error),
                                 r.uploaded);
                std::printf("  ferry phases: %s\n",
                            QJsonDocument(r.timings).toJson(QJsonDocument::Compact).constData());
            } else {
                const auto before = cpuTimes(RUSAGE_CHILDREN);
                peer = s.gitCommitAndPush();
                const auto after = cpuTimes(RUSAGE_CHILDREN);
                gitCpu = {after.first - before.first, after.second - before.second};
            }
        }
        std::printf("  round %d: ferry %.2f s (user %.2f, sys %.2f)   git %.2f s (user %.2f, sys %.2f)\n",
                    round + 1, ferry, ferryCpu.first, ferryCpu.second, peer, gitCpu.first, gitCpu.second);
        ferryBest = std::min(ferryBest, ferry);
        gitBest = std::min(gitBest, peer);
    }
    std::printf("first sync: %d files of 64-127 bytes\n", count);
    report("first sync of small files (best of rounds)", ferryBest, gitBest, "git add -A && commit && push",
           1.0);
}

// One run of a program as its own process: wall time and its peak resident memory.
struct ProcessRun
{
    double seconds = 0;
    double peakMb = 0;
    int exitCode = -1;
};

// Through /usr/bin/time, not wait4 on our own child: a child spawned from this large process inherits
// its peak resident memory (Linux carries it over exec), which would hide the program's own.
ProcessRun runProcess(const QString& dir, const QStringList& args)
{
    const QString report = dir + QStringLiteral("/.time-report");
    QProcess p;
    p.setWorkingDirectory(dir);
    p.setStandardOutputFile(QProcess::nullDevice());
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral("/usr/bin/time"),
            QStringList{QStringLiteral("-f"), QStringLiteral("%M"), QStringLiteral("-o"), report} + args);
    p.waitForFinished(-1);
    ProcessRun run;
    run.seconds = seconds(t);
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    QFile f(report);
    if (f.open(QIODevice::ReadOnly))
        run.peakMb = f.readAll().trimmed().split('\n').last().toDouble() / 1024.0;
    f.remove();
    return run;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

double best(const QList<double>& v)
{
    return v.isEmpty() ? 0 : *std::min_element(v.begin(), v.end());
}

// `ferry sync` as people run it, a fresh process on a profile of `many` files synced before, against
// `git status --porcelain` on the same files; runs interleaved so that both see the same machine.
void freshProcess(int many, const QString& ferryBin)
{
    Setup s;
    makeFiles({s.folder, s.worktree}, many, [](int i) { return 64 + i % 64; });
    if (!s.sync().ok)
        std::fprintf(stderr, "initial sync failed\n");
    s.gitCommitAndPush();
    const QString config = s.dir.path() + QStringLiteral("/config.json");
    QFile f(config);
    f.open(QIODevice::WriteOnly);
    f.write(QJsonDocument::fromVariant(
                QVariantMap{
                    {QStringLiteral("profiles"),
                     QVariantList{QVariantMap{{QStringLiteral("name"), s.profile.name},
                                              {QStringLiteral("remote"), s.ferryRemote},
                                              {QStringLiteral("folders"),
                                               QVariantList{QVariantMap{{QStringLiteral("local"), s.folder},
                                                                        {QStringLiteral("repo_path"),
                                                                         QStringLiteral("data")}}}}}}}})
                .toJson());
    f.close();
    qputenv("FERRY_CONFIG", config.toLocal8Bit());
    qputenv("FERRY_DATA_DIR", s.data.toLocal8Bit());
    const QStringList ferry{ferryBin, QStringLiteral("sync")};
    const QStringList status{QStringLiteral("git"), QStringLiteral("status"), QStringLiteral("--porcelain")};
    runProcess(s.dir.path(), ferry); // warm both caches alike (and the state's side files)
    runProcess(s.worktree, status);
    QList<double> ferryTime, ferryMb, gitTime, gitMb;
    for (int i = 0; i < 5; ++i) {
        const ProcessRun a = runProcess(s.dir.path(), ferry);
        if (a.exitCode != 0)
            std::fprintf(stderr, "ferry sync exited with %d\n", a.exitCode);
        ferryTime.append(a.seconds);
        ferryMb.append(a.peakMb);
        const ProcessRun b = runProcess(s.worktree, status);
        gitTime.append(b.seconds);
        gitMb.append(b.peakMb);
    }
    std::printf("fresh process, no change, %d files (5 interleaved runs each)\n", many);
    report("`ferry sync`, wall time, best", best(ferryTime), best(gitTime), "git status --porcelain", 1.0);
    report("`ferry sync`, wall time, median", median(ferryTime), median(gitTime), "git status --porcelain",
           1.0);
    std::printf("%-46s ferry %8.1f MB  %-28s %8.1f MB  ratio %5.2f (target <= 2.00)\n", "peak RSS, median",
                median(ferryMb), "git status --porcelain", median(gitMb), median(ferryMb) / median(gitMb));
    std::fflush(stdout);
    qunsetenv("FERRY_CONFIG");
    qunsetenv("FERRY_DATA_DIR");
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    bool ok = false;
    double scale = qEnvironmentVariable("FERRY_BENCH_SCALE").toDouble(&ok);
    if (!ok || scale <= 0)
        scale = 1.0;
    const int many = int(100000 * scale);
    const int first = int(10000 * scale);
    std::printf("bench_sync: %d files for the scan, %d (~%d MB) for the first sync; %d cores\n", many, first,
                int(200 * scale), QThread::idealThreadCount());

    const QString only = app.arguments().value(1);
    if (only.isEmpty() ||
        only == QStringLiteral("first")) { // 1. First sync of `first` files, mixed sizes averaging ~20 KB.
        Setup s;
        const qint64 bytes = makeFiles({s.folder, s.worktree}, first,
                                       [](int i) { return i % 100 == 0 ? 1000000 : 10000 + (i % 17) * 100; });
        QElapsedTimer t;
        t.start();
        const sync::SyncResult r = s.sync();
        const double ferry = seconds(t);
        if (!r.ok || r.uploaded != first)
            std::fprintf(stderr, "first sync failed: %s (%d uploaded)\n", qPrintable(r.error), r.uploaded);
        const double peer = s.gitCommitAndPush();
        std::printf("first sync: %d files, %.1f MB\n", first, double(bytes) / 1e6);
        report("first sync to a local bare remote", ferry, peer, "git add -A && commit && push", 1.0);
        std::printf("  phases: %s\n", QJsonDocument(r.timings).toJson(QJsonDocument::Compact).constData());
    }
    if (only.isEmpty() || only == QStringLiteral("first-small"))
        benchFirstSmall(many, qEnvironmentVariableIsSet("FERRY_BENCH_ROUNDS")
                                  ? qMax(1, qEnvironmentVariableIntValue("FERRY_BENCH_ROUNDS"))
                                  : 2);
    if (only.isEmpty() ||
        only == QStringLiteral(
                    "scan")) { // 2. No-change cycle over `many` files, and 3. one changed file among them.
        Setup s;
        makeFiles({s.folder, s.worktree}, many, [](int i) { return 64 + i % 64; });
        if (!s.sync().ok)
            std::fprintf(stderr, "initial sync failed\n");
        s.gitCommitAndPush();
        timeGit(s.worktree,
                {QStringLiteral("status"), QStringLiteral("--porcelain")}); // warm both caches alike
        // The daemon's engine keeps its state between cycles; `ferry sync` starts a fresh one.
        sync::SyncEngine engine(s.profile, s.data);
        engine.runCycle();
        double ferryBest = 1e9, gitBest = 1e9, oneShotBest = 1e9;
        for (int i = 0; i < 3; ++i) {
            QElapsedTimer t;
            t.start();
            const sync::SyncResult r = engine.runCycle();
            ferryBest = std::min(ferryBest, seconds(t));
            if (r.filesChanged() != 0 || r.hashed != 0)
                std::fprintf(stderr, "no-change cycle changed %d files, hashed %d\n", r.filesChanged(),
                             r.hashed);
            gitBest = std::min(
                gitBest, timeGit(s.worktree, {QStringLiteral("status"), QStringLiteral("--porcelain")}));
            t.restart();
            s.sync();
            oneShotBest = std::min(oneShotBest, seconds(t));
        }
        report("no-change cycle, running engine (best of 3)", ferryBest, gitBest, "git status --porcelain",
               1.0);
        report("no-change cycle, fresh engine (ferry sync)", oneShotBest, gitBest, "git status --porcelain",
               1.0);
        std::printf("  phases of a no-change cycle: %s\n",
                    QJsonDocument(engine.runCycle().timings).toJson(QJsonDocument::Compact).constData());

        QFile f(s.folder + QStringLiteral("/d3/f3500.dat"));
        f.open(QIODevice::Append);
        f.write("changed\n");
        f.close();
        QElapsedTimer t;
        t.start();
        const sync::SyncResult r = engine.runCycle();
        const double ferry = seconds(t);
        std::printf("%-46s ferry %8.3f s   (%d uploaded, %s scan)\n", "one changed file: full scan -> pushed",
                    ferry, r.uploaded, qPrintable(r.scanKind));
        std::printf("  phases: %s\n", QJsonDocument(r.timings).toJson(QJsonDocument::Compact).constData());
    }
    if (only.isEmpty() || only == QStringLiteral("fresh"))
        freshProcess(many, qEnvironmentVariable("FERRY_BIN", app.applicationDirPath() +
                                                                 QStringLiteral("/../../app/ferry")));
    if (only.isEmpty() || only == QStringLiteral("scan") || only == QStringLiteral("watch")) {
        // 3. The watcher's path: a real SyncWatcher (inotify, debounce) on the same 100,000 files; the
        // time from the write to the pushed commit, minus the quiet period.
        Setup s;
        makeFiles({s.folder}, many, [](int i) { return 64 + i % 64; });
        s.profile.debounceMs = 2000;
        if (!s.sync().ok)
            std::fprintf(stderr, "initial sync failed\n");
        QThread thread;
        auto* watcher = new sync::SyncWatcher(s.profile, s.data);
        watcher->moveToThread(&thread);
        QObject::connect(&thread, &QThread::started, watcher, &sync::SyncWatcher::start);
        QObject::connect(&thread, &QThread::finished, watcher, &QObject::deleteLater);
        QList<sync::SyncResult> results;
        QEventLoop loop;
        QObject::connect(watcher, &sync::SyncWatcher::cycleFinished, &loop, [&](const sync::SyncResult& r) {
            results.append(r);
            loop.quit();
        });
        thread.start();
        loop.exec(); // the first, full cycle
        for (int round = 0; round < 3; ++round) {
            // A file the tree has at any scale (folders of 1,000: d0 .. d(many/1000 - 1)).
            const int folder = (10 + round) % qMax(1, many / 1000);
            QFile f(s.folder + QStringLiteral("/d%1/f%2.dat").arg(folder).arg(folder * 1000 + 7));
            if (!f.open(QIODevice::Append)) {
                std::fprintf(stderr, "cannot change %s\n", qPrintable(f.fileName()));
                break;
            }
            f.write("changed\n");
            f.close();
            QElapsedTimer t;
            t.start();
            loop.exec();
            const sync::SyncResult& r = results.last();
            std::printf("%-46s ferry %8.3f s   (%d uploaded, %s scan, %s; target < 1 s)\n",
                        "one changed file, watcher: detect -> pushed",
                        seconds(t) - s.profile.debounceMs / 1000.0, r.uploaded, qPrintable(r.scanKind),
                        qPrintable(r.trigger));
            std::printf("  phases: %s\n",
                        QJsonDocument(r.timings).toJson(QJsonDocument::Compact).constData());
        }
        thread.quit();
        thread.wait();
    }
    return 0;
}
