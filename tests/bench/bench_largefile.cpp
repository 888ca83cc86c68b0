// Peak memory of a sync moving one large file through `git daemon`: one replica uploads it, another
// downloads it, each cycle in a fresh child process (this program run again with `--child`, doing what `ferry
// sync` does: one SyncEngine cycle of the profile) whose peak resident set comes from wait4(2), the child's
// own rusage. Not a test: it prints figures next to the file's size.
//
//   build/tests/bench/bench_largefile          # 512 MiB
//   FERRY_BENCH_LARGE_MIB=64 build/tests/bench/bench_largefile
//
// The file and both replicas live in a temporary folder under TMPDIR (about 3 × the file on disk).

#include "tests/support/gitcli.h"
#include "tests/support/gitdaemon.h"
#include "tests/support/replica.h"

#include <cstdio>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <vector>

extern char** environ;

using namespace ferry;

namespace {

struct Run
{
    int exitCode = -1;
    double seconds = 0;
    double peakMiB = 0;
};

// Runs one sync cycle of `name`'s replica under `root` in a fresh process and measures that process.
Run childSync(const QString& root, const QString& name, const QString& remoteUrl)
{
    const QList<QByteArray> args = {QFile::encodeName(QCoreApplication::applicationFilePath()), "--child",
                                    QFile::encodeName(root), name.toUtf8(), remoteUrl.toUtf8()};
    std::vector<char*> argv;
    for (const QByteArray& a : args)
        argv.push_back(const_cast<char*>(a.constData()));
    argv.push_back(nullptr);
    QElapsedTimer t;
    t.start();
    pid_t pid = 0;
    Run run;
    if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0)
        return run;
    int status = 0;
    struct rusage usage = {};
    if (wait4(pid, &status, 0, &usage) != pid)
        return run;
    run.seconds = double(t.nsecsElapsed()) / 1e9;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.peakMiB = double(usage.ru_maxrss) / 1024.0; // KiB on Linux
    return run;
}

bool writeRandomFile(const QString& path, qint64 bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    QByteArray chunk(1 << 20, Qt::Uninitialized);
    QRandomGenerator rng(42);
    for (qint64 left = bytes; left > 0; left -= chunk.size()) {
        rng.fillRange(reinterpret_cast<quint32*>(chunk.data()), chunk.size() / 4);
        const qint64 n = qMin<qint64>(left, chunk.size());
        if (f.write(chunk.constData(), n) != n)
            return false;
    }
    return true;
}

bool sameFiles(const QString& a, const QString& b)
{
    QFile fa(a), fb(b);
    if (!fa.open(QIODevice::ReadOnly) || !fb.open(QIODevice::ReadOnly) || fa.size() != fb.size())
        return false;
    while (!fa.atEnd()) {
        if (fa.read(1 << 20) != fb.read(1 << 20))
            return false;
    }
    return true;
}

void report(const char* what, const Run& run, double fileMiB, const char* target)
{
    std::printf("%-34s exit %d  %7.2f s  peak RSS %7.1f MiB  = %.2f x the file  (target %s)\n", what,
                run.exitCode, run.seconds, run.peakMiB, run.peakMiB / fileMiB, target);
    std::fflush(stdout);
}

} // namespace

// The child: one cycle, as `ferry sync` runs it; exit 0 when it synced.
int runChild(const QString& root, const QString& name, const QString& remoteUrl)
{
    test::Replica replica(root, name, remoteUrl);
    replica.profile().maxFileMb = 1024 * 1024; // the default (100, GitHub's limit) would hold the file back
    const sync::SyncResult r = replica.sync();
    if (!r.ok)
        std::fprintf(stderr, "%s: %s\n", qPrintable(name), qPrintable(r.error));
    return r.ok ? 0 : 1;
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (app.arguments().value(1) == QStringLiteral("--child"))
        return runChild(app.arguments().value(2), app.arguments().value(3), app.arguments().value(4));
    for (const char* var : {"FERRY_CONFIG", "FERRY_DATA_DIR", "DATABASE_URL"})
        qunsetenv(var);
    bool ok = false;
    qint64 mib = qEnvironmentVariable("FERRY_BENCH_LARGE_MIB").toLongLong(&ok);
    if (!ok || mib <= 0)
        mib = 512;
    QTemporaryDir dir;
    const QString remote = dir.path() + QStringLiteral("/remote.git");
    test::GitCli::run(dir.path(),
                      {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), remote});
    // Served by `git daemon`, as by a hosting service: the server's side of a push or fetch runs in
    // git's processes, not in the measured one (a file:// remote would run both sides in it).
    const test::GitDaemon daemon(dir.path());
    if (!daemon.isRunning()) {
        std::fprintf(stderr, "git daemon did not start\n");
        return 1;
    }
    const QString url = daemon.url(QStringLiteral("remote.git"));
    test::Replica up(dir.path(), QStringLiteral("up"), url);
    test::Replica down(dir.path(), QStringLiteral("down"), url);

    // The footprint of the process itself, for reference: a sync with nothing to move.
    report("sync of an empty folder", childSync(dir.path(), QStringLiteral("up"), url), double(mib), "-");
    if (!writeRandomFile(up.folder() + QStringLiteral("/large.bin"), mib << 20)) {
        std::fprintf(stderr, "cannot write the %lld MiB file under %s\n", mib, qPrintable(dir.path()));
        return 1;
    }
    std::printf("file: %lld MiB of random bytes (incompressible)\n", mib);
    report("upload (first sync of the file)", childSync(dir.path(), QStringLiteral("up"), url), double(mib),
           "<= 256 MiB");
    report("download (into another replica)", childSync(dir.path(), QStringLiteral("down"), url), double(mib),
           "<= 1.2 x");
    if (!sameFiles(up.folder() + QStringLiteral("/large.bin"),
                   down.folder() + QStringLiteral("/large.bin"))) {
        std::fprintf(stderr, "the downloaded file differs from the uploaded one\n");
        return 1;
    }
    return 0;
}
