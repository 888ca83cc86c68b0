// Repository size and maintenance: one-line edits of a 1 MB text file synced by Ferry, with its automatic
// repack (git::Repacker) and without, against the same history after `git gc`; the time of one repack;
// bytes pushed per edit; the size of the maintained clone after every cycle (its largest and its last);
// the peak memory of one full repack and of `git gc`, each in a child process measured with GNU time.
// Not a test: it prints figures.
//
//   build/tests/bench/bench_repack          # checkpoints at 100 and 1,000 edits
//   build/tests/bench/bench_repack 200      # checkpoints at 100 and 200
//   build/tests/bench/bench_repack --repack REPO   # one full repack of REPO (the child)

#include "core/config/config.h"
#include "core/git/repacker.h"
#include "core/sync/syncengine.h"

#include <cstdio>
#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

using namespace ferry;

namespace {

double seconds(const QElapsedTimer& t)
{
    return double(t.nsecsElapsed()) / 1e9;
}

qint64 bytesUnder(const QString& dir)
{
    qint64 total = 0;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

double mb(qint64 bytes)
{
    return double(bytes) / 1e6;
}

bool run(const QString& program, const QStringList& args, const QString& dir = {})
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.setStandardOutputFile(QProcess::nullDevice());
    p.start(program, args);
    p.waitForFinished(-1);
    if (p.exitCode() != 0)
        std::fprintf(stderr, "%s %s failed: %s\n", qPrintable(program), qPrintable(args.join(u' ')),
                     p.readAllStandardError().constData());
    return p.exitCode() == 0;
}

struct Child
{
    bool ok = false;
    double seconds = 0;
    double peakMiB = 0;
};

// Runs `command` as a child process and measures it: its wall time and its own peak resident set, from
// GNU time (wait4 on a child of this process would report this process's peak: the child starts as a
// copy of it).
Child measure(const QStringList& command, const QString& dir = {})
{
    const QString report = QDir::tempPath() + QStringLiteral("/bench_repack-time-%1.txt").arg(getpid());
    QList<QByteArray> args = {"/usr/bin/time", "-f", "%M", "-o", QFile::encodeName(report)};
    for (const QString& a : command)
        args.append(QFile::encodeName(a));
    std::vector<char*> argv;
    for (const QByteArray& a : args)
        argv.push_back(const_cast<char*>(a.constData()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (!dir.isEmpty())
        posix_spawn_file_actions_addchdir_np(&actions, QFile::encodeName(dir).constData());
    QElapsedTimer t;
    t.start();
    pid_t pid = 0;
    Child child;
    const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return child;
    int status = 0;
    if (waitpid(pid, &status, 0) != pid)
        return child;
    child.seconds = seconds(t);
    child.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    QFile peak(report);
    if (peak.open(QIODevice::ReadOnly))
        child.peakMiB = peak.readAll().trimmed().toDouble() / 1024.0; // KiB
    QFile::remove(report);
    if (!child.ok)
        std::fprintf(stderr, "%s failed\n", qPrintable(command.join(u' ')));
    return child;
}

// This process's resident set now (VmRSS), in MiB.
double residentMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return 0;
}

double peakMiB()
{
    struct rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

// The child: one full repack, as the bench's parent measures it.
int repackChild(const QString& repo)
{
    const Result<git::Repacker::Report> report = git::Repacker(repo, {1, 1}).repack();
    if (!report) {
        std::fprintf(stderr, "repack failed: %s\n", qPrintable(report.error().message));
        return 1;
    }
    return 0;
}

// About 1 MB of text lines; `edit` changes one line in the middle.
QByteArray text(int edit)
{
    QByteArray out;
    out.reserve(1 << 20);
    for (int line = 0; out.size() < (1 << 20); ++line) {
        out += "line " + QByteArray::number(line) + ": the quick brown fox jumps over the lazy dog " +
               QByteArray::number(line * 7919 % 10007);
        if (line == 9000)
            out += " edit " + QByteArray::number(edit);
        out += '\n';
    }
    return out;
}

struct Checkpoint
{
    int edits = 0;
    qint64 repoBytes = 0;
    QString copy; // a copy of repo.git at this point (maintenance off only)
};

struct Run
{
    QList<Checkpoint> checkpoints;
    qint64 bytesPushed = 0;
    int pushes = 0;
    double cycleSeconds = 0; // a cycle, without the maintenance after it
    int repacks = 0;         // automatic ones, after cycles
    int fullRepacks = 0;
    double repackSeconds = 0; // all of them
    double longestRepack = 0;
    qint64 largestRepo = 0; // after any cycle (and its maintenance)
    int largestAt = 0;
    double peakRiseInCycles = 0; // this process's peak resident set, raised by cycles / by repacks
    double peakRiseInRepacks = 0;
    qint64 lastRepo = 0;
};

// `edits` cycles of a one-line edit, with the repack thresholds as given (0, 0: maintenance off).
Run editCycles(const QString& root, int edits, const QList<int>& at, bool maintenance, bool keepCopies)
{
    qputenv("FERRY_REPACK_LOOSE_OBJECTS", maintenance ? "1000" : "0");
    qputenv("FERRY_REPACK_PACKS", maintenance ? "20" : "0");
    static const QByteArray callersWeight = qgetenv("FERRY_REPACK_LOOSE_MB"); // empty: the default
    if (!maintenance)
        qputenv("FERRY_REPACK_LOOSE_MB", "0");
    else if (callersWeight.isEmpty())
        qunsetenv("FERRY_REPACK_LOOSE_MB");
    else
        qputenv("FERRY_REPACK_LOOSE_MB", callersWeight);
    const QString remote = root + QStringLiteral("/remote.git");
    run(QStringLiteral("git"),
        {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), remote});
    config::Profile profile;
    profile.name = QStringLiteral("bench");
    profile.remote = remote;
    profile.folders = {{root + QStringLiteral("/folder"), QStringLiteral("docs")}};
    QDir().mkpath(root + QStringLiteral("/folder"));
    const QString data = root + QStringLiteral("/data");
    const QString repo = data + QStringLiteral("/profiles/bench/repo.git");
    sync::SyncEngine engine(profile, data);
    Run out;
    QElapsedTimer t;
    t.start();
    double maintaining = 0;
    for (int i = 0; i <= edits; ++i) {
        QFile f(root + QStringLiteral("/folder/big.txt"));
        if (!f.open(QIODevice::WriteOnly) || f.write(text(i)) < 0)
            std::fprintf(stderr, "cannot write %s\n", qPrintable(f.fileName()));
        f.close();
        const double beforeCycle = peakMiB();
        const sync::SyncResult r = engine.runCycle();
        const double beforeRepack = peakMiB();
        out.peakRiseInCycles += beforeRepack - beforeCycle;
        const std::optional<git::Repacker::Report> repacked = engine.maintain();
        out.peakRiseInRepacks += peakMiB() - beforeRepack;
        if (repacked) {
            ++out.repacks;
            out.fullRepacks += repacked->full ? 1 : 0;
            out.repackSeconds += repacked->seconds;
            out.longestRepack = qMax(out.longestRepack, repacked->seconds);
            maintaining += repacked->seconds;
        }
        if (!r.ok)
            std::fprintf(stderr, "cycle %d failed: %s\n", i, qPrintable(r.error));
        if (i > 0) { // edits, not the first upload
            out.bytesPushed += r.bytesPushed;
            ++out.pushes;
        }
        const qint64 now = bytesUnder(repo);
        if (now > out.largestRepo) {
            out.largestRepo = now;
            out.largestAt = i;
        }
        out.lastRepo = now;
        if (at.contains(i)) {
            Checkpoint c{i, now, {}};
            if (keepCopies) {
                c.copy = root + QStringLiteral("/copy-%1.git").arg(i);
                run(QStringLiteral("cp"), {QStringLiteral("-a"), repo, c.copy});
            }
            out.checkpoints.append(c);
        }
    }
    out.cycleSeconds = (seconds(t) - maintaining) / (edits + 1);
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc > 2 && QByteArray(argv[1]) == "--repack")
        return repackChild(QFile::decodeName(argv[2]));
    const int edits = argc > 1 ? QByteArray(argv[1]).toInt() : 1000;
    const QList<int> at = {100, edits};
    QTemporaryDir off;
    QTemporaryDir on;

    std::printf("bench_repack: %d one-line edits of a 1 MB text file, one cycle each\n", edits);
    const Run plain = editCycles(off.path(), edits, at, false, true);
    const double plainPeak = peakMiB();
    const double plainNow = residentMiB();
    const Run kept = editCycles(on.path(), edits, at, true, false);
    std::printf("this process's resident set (peak): %.0f (%.0f) MiB after the run without maintenance, %.0f "
                "(%.0f) MiB after the one with\n",
                plainNow, plainPeak, residentMiB(), peakMiB());
    std::printf("cycle: %.3f s without maintenance, %.3f s with; bytes pushed per one-line edit: %.0f\n",
                plain.cycleSeconds, kept.cycleSeconds, double(plain.bytesPushed) / qMax(1, plain.pushes));
    std::printf("automatic repacks: %d (%d full), %.2f s in all, the longest %.2f s\n", kept.repacks,
                kept.fullRepacks, kept.repackSeconds, kept.longestRepack);
    std::printf("peak resident set raised by the maintained run's cycles: %.0f MiB, by its repacks: %.0f "
                "MiB\n",
                kept.peakRiseInCycles, kept.peakRiseInRepacks);
    std::printf("maintained repo.git: largest %.2f MB (after edit %d), last %.2f MB\n", mb(kept.largestRepo),
                kept.largestAt, mb(kept.lastRepo));
    std::printf("%-8s %12s %10s %10s %10s %10s %10s %10s %10s\n", "edits", "no maint. MB", "Ferry MB",
                "repack MB", "git gc MB", "repack s", "git gc s", "repack MiB", "gc MiB");
    for (qsizetype i = 0; i < plain.checkpoints.size(); ++i) {
        const Checkpoint& c = plain.checkpoints[i];
        // One full repack of the unmaintained clone (every version loose) and `git gc` of the same
        // history, each in a child process: wall time and peak resident set.
        const QString gcCopy = c.copy + QStringLiteral(".gc");
        run(QStringLiteral("cp"), {QStringLiteral("-a"), c.copy, gcCopy});
        const Child repack =
            measure({QCoreApplication::applicationFilePath(), QStringLiteral("--repack"), c.copy});
        const Child gc = measure({QStringLiteral("git"), QStringLiteral("gc"), QStringLiteral("-q")}, gcCopy);
        std::printf("%-8d %12.2f %10.2f %10.2f %10.2f %10.2f %10.2f %10.0f %10.0f\n", c.edits,
                    mb(c.repoBytes), mb(kept.checkpoints.value(i).repoBytes), mb(bytesUnder(c.copy)),
                    mb(bytesUnder(gcCopy)), repack.seconds, gc.seconds, repack.peakMiB, gc.peakMiB);
    }
    return 0;
}
