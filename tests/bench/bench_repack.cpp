// Repository size and maintenance: one-line edits of a 1 MB text file synced by Ferry, with its automatic
// repack (git::Repacker) and without, against the same history after `git gc`; the time of one repack;
// bytes pushed per edit. Not a test: it prints figures.
//
//   build/tests/bench/bench_repack          # checkpoints at 100 and 1,000 edits
//   build/tests/bench/bench_repack 200      # checkpoints at 100 and 200

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
};

// `edits` cycles of a one-line edit, with the repack thresholds as given (0, 0: maintenance off).
Run editCycles(const QString& root, int edits, const QList<int>& at, bool maintenance, bool keepCopies)
{
    qputenv("FERRY_REPACK_LOOSE_OBJECTS", maintenance ? "1000" : "0");
    qputenv("FERRY_REPACK_PACKS", maintenance ? "20" : "0");
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
        const sync::SyncResult r = engine.runCycle();
        if (const std::optional<git::Repacker::Report> repacked = engine.maintain()) {
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
        if (at.contains(i)) {
            Checkpoint c{i, bytesUnder(repo), {}};
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
    const int edits = argc > 1 ? QByteArray(argv[1]).toInt() : 1000;
    const QList<int> at = {100, edits};
    QTemporaryDir off;
    QTemporaryDir on;

    std::printf("bench_repack: %d one-line edits of a 1 MB text file, one cycle each\n", edits);
    const Run plain = editCycles(off.path(), edits, at, false, true);
    const Run kept = editCycles(on.path(), edits, at, true, false);
    std::printf("cycle: %.3f s without maintenance, %.3f s with; bytes pushed per one-line edit: %.0f\n",
                plain.cycleSeconds, kept.cycleSeconds, double(plain.bytesPushed) / qMax(1, plain.pushes));
    std::printf("automatic repacks: %d (%d full), %.2f s in all, the longest %.2f s\n", kept.repacks,
                kept.fullRepacks, kept.repackSeconds, kept.longestRepack);
    std::printf("%-8s %14s %14s %14s %12s %12s %10s\n", "edits", "no maint. MB", "Ferry MB", "git gc MB",
                "repack s", "git gc s", "ratio");
    for (qsizetype i = 0; i < plain.checkpoints.size(); ++i) {
        const Checkpoint& c = plain.checkpoints[i];
        // One repack of the unmaintained clone (every version loose), then `git gc` of the same history.
        const QString gcCopy = c.copy + QStringLiteral(".gc");
        run(QStringLiteral("cp"), {QStringLiteral("-a"), c.copy, gcCopy});
        QElapsedTimer t;
        t.start();
        const Result<git::Repacker::Report> report = git::Repacker(c.copy, {1, 1}).repack();
        const double repackSeconds = seconds(t);
        if (!report)
            std::fprintf(stderr, "repack failed: %s\n", qPrintable(report.error().message));
        t.restart();
        run(QStringLiteral("git"), {QStringLiteral("gc"), QStringLiteral("-q")}, gcCopy);
        const double gcSeconds = seconds(t);
        const qint64 gcBytes = bytesUnder(gcCopy);
        const qint64 ferryBytes = kept.checkpoints.value(i).repoBytes;
        std::printf("%-8d %14.2f %14.2f %14.2f %12.2f %12.2f %10.2f\n", c.edits, mb(c.repoBytes),
                    mb(ferryBytes), mb(gcBytes), repackSeconds, gcSeconds,
                    double(ferryBytes) / double(qMax<qint64>(1, gcBytes)));
        std::printf("%-8s one repack of the unmaintained clone: %.2f MB\n", "", mb(bytesUnder(c.copy)));
    }
    return 0;
}
