#include "core/config/paths.h"
#include "core/git/objectdir.h"
#include "core/git/packplan.h"
#include "core/git/repacker.h"
#include "core/git/repacktrigger.h"
#include "core/git/repository.h"
#include "core/sync/filestat.h"
#include "core/sync/syncwatcher.h"
#include "tests/support/ferryprocess.h"
#include "tests/support/gitcli.h"
#include "tests/support/remotefolder.h"
#include "tests/support/replica.h"

#include <QDir>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace ferry;
using test::GitCli;
using test::Replica;

// Repository maintenance on real bare repositories, checked with the git CLI (`git count-objects`,
// `git fsck --full`): a profile's clone past the threshold is repacked with deltas after a cycle, and a
// crash (the `ferry` binary killed at each step) leaves a valid repository that the next cycle repacks.
class TestRepack : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void cyclesPastTheThresholdRepackTheCloneWithDeltas();
    void aCloneUnderTheThresholdIsNotRepacked();
    void theThresholdSamplesOneFanOutFolderAndCountsPacks();
    void aCrashAtEachStepLeavesAValidRepository_data();
    void aCrashAtEachStepLeavesAValidRepository();
    void bytesPushedAreInTheCycleMetadata();
    // Issue 16 follow-up: geometric repacks, the result before the repack, leftovers at the cycle's start.
    void theGeometricRuleKeepsPacksTwiceTheRest();
    void aRepackLeavesTheLargePackAloneUntilTheSmallOnesWeighHalfOfIt();
    void theCycleResultDoesNotWaitForTheRepack();
    void ferrySyncPrintsItsResultBeforeItRepacks();
    void leftoversOfAPackWriteGoAtTheNextCycle();
    // Issue 16.1 (repack2): a trigger by weight, and the repack's settings file inside the clone.
    void editsOfALargeFilePassTheWeightBudgetAndTheCloneShrinks();
    void theWeightBudgetIsHalfTheLargestPack();
    void aKilledRepackLeavesNoSettingsFileBehind();

private:
    struct Objects
    {
        int loose = 0;
        int packs = 0;
        qint64 kib = 0; // loose and packed
    };
    static Objects countObjects(const QString& repo);
    static void verifyValid(const QString& repo, const QString& branch);
    static QByteArray bigText(int edit);
    static QByteArray noise(int edit);
    QString remote() const { return m_dir->path() + QStringLiteral("/remote.git"); }
    static QString cloneOf(const Replica& r);
    int ferrySync(const Replica& r, const QString& threshold, const QByteArray& failpoint = {},
                  bool* crashed = nullptr);
    static QString packObjects(const QString& repo, const QByteArray& revListArgs);
    static QStringList packFiles(const QString& repo);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRepack::init()
{
    m_dir = test::makeRemoteFolder();
    QVERIFY(m_dir);
}

void TestRepack::cleanup()
{
    qunsetenv("FERRY_REPACK_LOOSE_OBJECTS");
    qunsetenv("FERRY_REPACK_PACKS");
    qunsetenv("FERRY_REPACK_LOOSE_MB");
    qunsetenv("FERRY_TEST_PAUSE");
}

TestRepack::Objects TestRepack::countObjects(const QString& repo)
{
    Objects o;
    const QByteArray out = GitCli::ok(repo, {QStringLiteral("count-objects"), QStringLiteral("-v")});
    for (const QByteArray& line : out.split('\n')) {
        const QList<QByteArray> kv = line.split(':');
        if (kv.size() != 2)
            continue;
        const qint64 value = kv[1].trimmed().toLongLong();
        if (kv[0] == "count")
            o.loose = int(value);
        else if (kv[0] == "packs")
            o.packs = int(value);
        if (kv[0] == "size" || kv[0] == "size-pack")
            o.kib += value;
    }
    return o;
}

void TestRepack::verifyValid(const QString& repo, const QString& branch)
{
    const GitCli::Output fsck = GitCli::run(repo, {QStringLiteral("fsck"), QStringLiteral("--full")});
    QVERIFY2(fsck.exitCode == 0, fsck.err.constData());
    for (const QString& ref : {QStringLiteral("refs/heads/"), QStringLiteral("refs/remotes/origin/")}) {
        const GitCli::Output tree = GitCli::run(
            repo, {QStringLiteral("ls-tree"), QStringLiteral("-r"), QStringLiteral("-l"), ref + branch});
        QVERIFY2(tree.exitCode == 0,
                 (ref + branch + QStringLiteral(": ") + QString::fromUtf8(tree.err)).toUtf8());
    }
}

// About 1 MB of text; `edit` changes one line near the middle.
QByteArray TestRepack::bigText(int edit)
{
    QByteArray text;
    text.reserve(1 << 20);
    for (int line = 0; text.size() < (1 << 20); ++line) {
        text += "line " + QByteArray::number(line) + ": the quick brown fox jumps over the lazy dog " +
                QByteArray::number(line * 7919 % 10007);
        if (line == 9000)
            text += " edit " + QByteArray::number(edit);
        text += '\n';
    }
    return text;
}

// 3 MiB that zlib cannot shrink (the same bytes every run); `edit` overwrites 16 of them.
QByteArray TestRepack::noise(int edit)
{
    QByteArray data(3 << 20, Qt::Uninitialized);
    QRandomGenerator random(161);
    random.fillRange(reinterpret_cast<quint32*>(data.data()), data.size() / 4);
    const QByteArray mark = QByteArray::number(edit).rightJustified(16, '#');
    data.replace(100'000 + edit * 4096, mark.size(), mark);
    return data;
}

QString TestRepack::cloneOf(const Replica& r)
{
    return config::Paths::profileDir(r.dataDir(), QFileInfo(r.folder()).dir().dirName()) +
           QStringLiteral("/repo.git");
}

// A pack of the objects `git rev-list --objects ARGS` lists (as a fetch leaves one), written by git;
// returns its path.
QString TestRepack::packObjects(const QString& repo, const QByteArray& revListArgs)
{
    QStringList args = {QStringLiteral("rev-list"), QStringLiteral("--objects")};
    for (const QByteArray& a : revListArgs.split(' '))
        args.append(QString::fromUtf8(a));
    const QByteArray objects = GitCli::ok(repo, args);
    const QByteArray name = GitCli::ok(
        repo, {QStringLiteral("pack-objects"), QStringLiteral("-q"), QStringLiteral("objects/pack/pack")},
        objects);
    return repo + QStringLiteral("/objects/pack/pack-") + QString::fromLatin1(name.trimmed()) +
           QStringLiteral(".pack");
}

QStringList TestRepack::packFiles(const QString& repo)
{
    QStringList out;
    for (const QString& name :
         QDir(repo + QStringLiteral("/objects/pack")).entryList({QStringLiteral("*.pack")}, QDir::Files))
        out.append(repo + QStringLiteral("/objects/pack/") + name);
    return out;
}

int TestRepack::ferrySync(const Replica& r, const QString& threshold, const QByteArray& failpoint,
                          bool* crashed)
{
    test::FerryProcess ferry(r.writeConfig(), r.dataDir());
    ferry.env(QStringLiteral("FERRY_RETRY_BASE_MS"), QStringLiteral("1"));
    ferry.env(QStringLiteral("FERRY_REPACK_LOOSE_OBJECTS"), threshold);
    if (!failpoint.isEmpty())
        ferry.env(QStringLiteral("FERRY_FAILPOINT"), QString::fromLatin1(failpoint));
    const test::FerryProcess::Result run = ferry.run({QStringLiteral("sync")});
    if (crashed)
        *crashed = run.crashed || run.exitCode == 137;
    else if (run.exitCode != 0)
        qWarning().noquote() << run.output();
    return run.exitCode;
}

void TestRepack::cyclesPastTheThresholdRepackTheCloneWithDeltas()
{
    qputenv("FERRY_REPACK_LOOSE_OBJECTS", "40");
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    const QString clone = cloneOf(a);
    Objects peak;
    bool repacked = false;
    int cycles = 0;
    // Each cycle: one edit of a 1 MB text file and a new small file, so 5 loose objects (2 blobs, 2 trees, a
    // commit).
    for (; cycles < 20 && !repacked; ++cycles) {
        a.write(QStringLiteral("big.txt"), bigText(cycles));
        a.write(QStringLiteral("notes/n%1.md").arg(cycles), "note " + QByteArray::number(cycles) + '\n');
        const sync::SyncResult result = a.sync();
        QVERIFY2(result.ok, qPrintable(result.error));
        repacked = result.timings.contains(QStringLiteral("repack"));
        if (!repacked) {
            const Objects now = countObjects(clone);
            QVERIFY(now.loose > peak.loose); // nothing repacked under the threshold
            QVERIFY(now.loose < 40);
            peak = now;
        }
    }
    QVERIFY2(repacked, "no repack after 20 cycles");
    QVERIFY(cycles >= 5); // not before 40 loose objects (at most 8 a cycle)
    const Objects after = countObjects(clone);
    QCOMPARE(after.loose, 0);
    QCOMPARE(after.packs, 1);
    // Every version of the 1 MB file was ~250 KB compressed; as deltas the whole history is a fraction.
    QVERIFY2(after.kib * 4 < peak.kib,
             qPrintable(QStringLiteral("%1 KiB after, %2 KiB before").arg(after.kib).arg(peak.kib)));
    verifyValid(clone, a.profile().branch);
    // Every version is still there, and the next cycles work on the repacked clone.
    const QByteArray first = GitCli::ok(
        clone,
        {QStringLiteral("show"),
         QStringLiteral("refs/heads/%1~%2:shared/docs/big.txt").arg(a.profile().branch).arg(cycles - 1)});
    QCOMPARE(first, bigText(0));
    a.write(QStringLiteral("big.txt"), bigText(1000));
    QVERIFY(a.sync().ok);
    QCOMPARE(test::filesInBranch(remote(), a.profile().branch, QStringLiteral("shared/docs"))
                 .value(QStringLiteral("big.txt")),
             bigText(1000));
    Replica b(m_dir->path(), QStringLiteral("b"), remote());
    QVERIFY(b.sync().ok);
    QCOMPARE(b.read(QStringLiteral("big.txt")), bigText(1000));
}

void TestRepack::aCloneUnderTheThresholdIsNotRepacked()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote()); // the default thresholds: 1,000 and 20
    for (int i = 0; i < 5; ++i) {
        a.write(QStringLiteral("f.txt"), "version " + QByteArray::number(i) + '\n');
        const sync::SyncResult result = a.sync();
        QVERIFY(result.ok);
        QVERIFY(!result.timings.contains(QStringLiteral("repack")));
    }
    const Objects o = countObjects(cloneOf(a));
    QCOMPARE(o.packs, 0);
    QVERIFY(o.loose >= 15);
}

void TestRepack::theThresholdSamplesOneFanOutFolderAndCountsPacks()
{
    const QString path = m_dir->path() + QStringLiteral("/sample.git");
    auto repo = git::Repository::openOrInit(path, remote());
    QVERIFY(repo);
    const git::Repacker::Thresholds defaults{1000, 20, 0};
    for (int i = 0; i < 200; ++i)
        QVERIFY((*repo)->writeBlob("blob " + QByteArray::number(i)));
    QVERIFY(!git::Repacker(path, defaults).needed()); // objects/17 holds about 200 / 256 of them
    for (int i = 200; i < 3000; ++i)
        QVERIFY((*repo)->writeBlob("blob " + QByteArray::number(i)));
    QVERIFY(git::Repacker(path, defaults).needed());    // about 11 in objects/17: ~2,800 estimated
    QVERIFY(!git::Repacker(path, {0, 20, 0}).needed()); // 0: that trigger is off
    // The loose objects' bytes, from the same sample: large files trigger before their count does.
    QRandomGenerator random(16); // incompressible, and the same objects every run
    for (int i = 0; i < 512; ++i) {
        QByteArray noise(20'000, '\0');
        random.fillRange(reinterpret_cast<quint32*>(noise.data()), noise.size() / 4);
        QVERIFY((*repo)->writeBlob(noise));
    }
    const int looseMb = int(git::ObjectDir(path).estimatedLooseBytes() / (1024 * 1024));
    QVERIFY(looseMb >= 1); // about 10 MB: two or so of 20 KB in objects/17
    QVERIFY(git::Repacker(path, {0, 0, looseMb}).needed());
    QVERIFY(!git::Repacker(path, {0, 0, looseMb + 1}).needed());

    // Twenty packs (as twenty fetches leave) pass the pack threshold.
    const QString packs = m_dir->path() + QStringLiteral("/packs.git");
    GitCli::ok(m_dir->path(),
               {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), packs});
    for (int i = 0; i < 20; ++i) {
        const QByteArray oid = GitCli::ok(
            packs, {QStringLiteral("hash-object"), QStringLiteral("-w"), QStringLiteral("--stdin")},
            "pack " + QByteArray::number(i));
        GitCli::ok(
            packs,
            {QStringLiteral("pack-objects"), QStringLiteral("-q"), QStringLiteral("objects/pack/pack")}, oid);
        QCOMPARE(git::Repacker(packs, {0, 20, 0}).needed(), i == 19);
    }
    const Result<git::Repacker::Report> report = git::Repacker(packs, {0, 20, 0}).repack();
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QCOMPARE(report->packsBefore, 20);
    QCOMPARE(report->packsRemoved, 20);
    QCOMPARE(report->looseRemoved, 20);
    QCOMPARE(countObjects(packs).packs, 1);
    QCOMPARE(countObjects(packs).loose, 0);
    QCOMPARE(GitCli::run(packs, {QStringLiteral("fsck"), QStringLiteral("--full")}).exitCode, 0);
}

void TestRepack::aCrashAtEachStepLeavesAValidRepository_data()
{
    QTest::addColumn<QByteArray>("failpoint");
    QTest::addColumn<bool>("full");
    for (const bool full : {false, true}) {
        for (const char* point :
             {"repack-starting", "repack-writing", "repack-written", "repack-pruning", "repack-dropping"})
            QTest::addRow("%s %s", full ? "full" : "geometric", point) << QByteArray(point) << full;
    }
}

void TestRepack::aCrashAtEachStepLeavesAValidRepository()
{
    QFETCH(QByteArray, failpoint);
    QFETCH(bool, full);
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    const QString clone = cloneOf(a);
    const QString never = QStringLiteral("1000000");
    const QString low = QStringLiteral("10");
    // A first repack leaves a pack for the crashing one to merge and drop.
    for (int i = 0; i < 3; ++i) {
        a.write(QStringLiteral("big.txt"), bigText(i));
        a.write(QStringLiteral("n%1.md").arg(i), "note\n");
        QCOMPARE(ferrySync(a, i < 2 ? never : low), 0);
    }
    QCOMPARE(countObjects(clone).packs, 1);
    QCOMPARE(countObjects(clone).loose, 0);
    for (int i = 3; i < 6; ++i) {
        a.write(QStringLiteral("big.txt"), bigText(i));
        a.write(QStringLiteral("n%1.md").arg(i), "note\n");
        QCOMPARE(ferrySync(a, never), 0);
    }
    // Packs as fetches leave them: two small ones that the geometric repack merges and drops (the large
    // pack of the first repack stays); or, for a full repack, one as large as that pack.
    const QString branch = QStringLiteral("refs/heads/") + a.profile().branch;
    const QString large = packFiles(clone).value(0);
    if (full) {
        packObjects(clone, branch.toUtf8() + "~1");
    } else {
        for (const QByteArray content : {"fetched one\n", "fetched two\n"}) {
            const QByteArray oid = GitCli::ok(
                clone, {QStringLiteral("hash-object"), QStringLiteral("-w"), QStringLiteral("--stdin")},
                content);
            packObjects(clone, oid.trimmed());
        }
    }
    QCOMPARE(git::PackPlan::choose(git::ObjectDir(clone).packs()).full(), full);
    const Objects before = countObjects(clone);
    QVERIFY(before.loose >= 10);

    a.write(QStringLiteral("big.txt"), bigText(6));
    bool crashed = false;
    ferrySync(a, low, failpoint, &crashed);
    QVERIFY2(crashed, "the failpoint was not reached");
    verifyValid(clone, a.profile().branch);
    if (!full)
        QVERIFY(QFileInfo::exists(large)); // never rewritten by a geometric repack
    if (failpoint == "repack-pruning") {
        QVERIFY(countObjects(clone).loose < before.loose + 5);
        QVERIFY(countObjects(clone).loose > 0);
    }
    // The cycle itself was done before the repack: the edit is on the remote.
    QCOMPARE(test::filesInBranch(remote(), a.profile().branch, QStringLiteral("shared/docs"))
                 .value(QStringLiteral("big.txt")),
             bigText(6));

    // The next cycle syncs and finishes the repack (it brings the clone past the threshold again even where
    // the crash came after pruning).
    a.write(QStringLiteral("big.txt"), bigText(7));
    for (int i = 0; i < 8; ++i)
        a.write(QStringLiteral("more/m%1.md").arg(i), "more " + QByteArray::number(i) + '\n');
    QCOMPARE(ferrySync(a, low), 0);
    const Objects after = countObjects(clone);
    QCOMPARE(after.loose, 0);
    QVERIFY(after.packs <= 2); // the large one and a new one, or one after a full repack
    QVERIFY(QDir(clone + QStringLiteral("/objects/pack"))
                .entryList({QStringLiteral("pack_git2_*"), QStringLiteral("tmp_*")}, QDir::Files)
                .isEmpty()); // a killed write's temporary files went at the start of the next cycle
    verifyValid(clone, a.profile().branch);
    Replica b(m_dir->path(), QStringLiteral("b"), remote());
    QVERIFY(b.sync().ok);
    QCOMPARE(b.read(QStringLiteral("big.txt")), bigText(7));
    QCOMPARE(b.read(QStringLiteral("n0.md")), QByteArray("note\n"));
}

void TestRepack::bytesPushedAreInTheCycleMetadata()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    a.write(QStringLiteral("big.txt"), bigText(0));
    sync::SyncResult pushed = a.sync();
    QVERIFY(pushed.ok);
    // The compressed 1 MB text, its trees and the commit.
    QVERIFY2(pushed.bytesPushed > 10'000, qPrintable(QString::number(pushed.bytesPushed)));
    QVERIFY(pushed.bytesPushed < (1 << 20));
    QCOMPARE(pushed.toMetadata().value(QStringLiteral("bytes_pushed")).toInteger(), pushed.bytesPushed);

    const sync::SyncResult idle = a.sync();
    QVERIFY(idle.ok);
    QCOMPARE(idle.bytesPushed, 0);
    QCOMPARE(idle.toMetadata().value(QStringLiteral("bytes_pushed")).toInteger(), 0);

    a.write(QStringLiteral("small.txt"), "one line\n");
    const sync::SyncResult small = a.sync();
    QVERIFY(small.ok);
    QVERIFY(small.bytesPushed > 0);
    QVERIFY(small.bytesPushed < 2000); // a blob, two trees and a commit
}

void TestRepack::theGeometricRuleKeepsPacksTwiceTheRest()
{
    using Plan = git::PackPlan;
    const auto plan = [](const QList<qint64>& sizes, bool forceFull = false) {
        QList<Plan::Pack> packs;
        for (qsizetype i = 0; i < sizes.size(); ++i)
            packs.append({QStringLiteral("p%1").arg(i), sizes[i]});
        return Plan::choose(packs, forceFull);
    };
    QCOMPARE(plan({}).rollUp(), QStringList());
    QCOMPARE(plan({1000}).keep(), QStringList{QStringLiteral("p0")}); // the loose objects alone
    QCOMPARE(plan({1000, 10, 100}).rollUp(), QStringList());          // 10, 100, 1000: a progression
    // 10 and 15 together: 25; 1,000 weighs more than twice that and stays.
    QCOMPARE(plan({1000, 15, 10}).rollUp(), (QStringList{QStringLiteral("p2"), QStringLiteral("p1")}));
    QCOMPARE(plan({1000, 15, 10}).keep(), QStringList{QStringLiteral("p0")});
    QVERIFY(!plan({1000, 15, 10}).full());
    // A break higher up takes everything below it: 10, 50 (≥ 20), 100 (< 120), 1,000 (≥ 320).
    QCOMPARE(plan({10, 50, 100, 1000}).rollUp().size(), 3);
    // The small ones weigh half the largest: everything, the full repack.
    QVERIFY(plan({400, 600, 1000}).full());
    QVERIFY(plan({1, 1000}, true).full());
}

// A clone with a large pack of its history: the next repacks pack the loose objects beside it and leave it
// as it is, until the new packs together weigh half of it; then one full repack makes one pack again.
void TestRepack::aRepackLeavesTheLargePackAloneUntilTheSmallOnesWeighHalfOfIt()
{
    qputenv("FERRY_REPACK_LOOSE_OBJECTS", "1000000");
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    const QString clone = cloneOf(a);
    QRandomGenerator random(16);
    const auto noise = [&random](int bytes) {
        QByteArray data(bytes, '\0');
        random.fillRange(reinterpret_cast<quint32*>(data.data()), bytes / 4);
        return data;
    };
    a.write(QStringLiteral("history.bin"), noise(400'000)); // incompressible: the pack weighs what it holds
    QVERIFY(a.sync().ok);
    const git::Repacker::Thresholds any{1, 20, 0};
    Result<git::Repacker::Report> first = git::Repacker(clone, any).repack();
    QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
    QVERIFY(first->full);
    const QString large = packFiles(clone).value(0);
    QVERIFY(!large.isEmpty());
    const sync::FileStat written =
        sync::FileStat::of(large); // libgit2 freshens its time: the inode says more

    QList<int> packsAfter;
    QList<bool> fullAfter;
    for (int round = 0; round < 5; ++round) {
        a.write(QStringLiteral("new%1.bin").arg(round), noise(60'000));
        a.write(QStringLiteral("notes/%1.md").arg(round), "note " + QByteArray::number(round) + '\n');
        QVERIFY(a.sync().ok);
        const Result<git::Repacker::Report> report = git::Repacker(clone, any).repack();
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        QVERIFY(report->looseRemoved > 0);
        QCOMPARE(countObjects(clone).loose, 0);
        packsAfter.append(countObjects(clone).packs);
        fullAfter.append(report->full);
        verifyValid(clone, a.profile().branch);
        if (!report->full) {
            QCOMPARE(sync::FileStat::of(large).inode, written.inode); // untouched, not rewritten
            QCOMPARE(sync::FileStat::of(large).size, written.size);
            QVERIFY(report->packsKept >= 1);
        }
    }
    // A new pack of 60 KB; another beside it (400 ≥ 2 × 60); the two merged with the third (60 < 2 × 60):
    // 180; one more beside it; then 400 < 2 × (60 + 180): everything, one pack.
    QCOMPARE(fullAfter, (QList<bool>{false, false, false, false, true}));
    QCOMPARE(packsAfter, (QList<int>{2, 3, 2, 3, 1}));
    QVERIFY(!QFileInfo::exists(large));
    Replica b(m_dir->path(), QStringLiteral("b"), remote());
    QVERIFY(b.sync().ok);
    QCOMPARE(b.read(QStringLiteral("new0.bin")), a.read(QStringLiteral("new0.bin")));
}

// The tray, the run log and `ferry status` hear of a cycle when it is done, not when a repack after it is:
// with the repack held up for seconds, the result is in first, and the repack still follows.
void TestRepack::theCycleResultDoesNotWaitForTheRepack()
{
    qputenv("FERRY_REPACK_LOOSE_OBJECTS", "10");
    qputenv("FERRY_TEST_PAUSE", "repack-starting:4000");
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    for (int i = 0; i < 12; ++i)
        a.write(QStringLiteral("f%1.txt").arg(i), "file " + QByteArray::number(i) + '\n');
    a.profile().pollSeconds = 600;
    QThread thread;
    auto* watcher = new sync::SyncWatcher(a.profile(), a.dataDir());
    watcher->moveToThread(&thread);
    connect(&thread, &QThread::started, watcher, &sync::SyncWatcher::start);
    connect(&thread, &QThread::finished, watcher, &QObject::deleteLater);
    QList<sync::SyncResult> results;
    int looseAtResult = -1;
    QElapsedTimer sinceStart;
    qint64 resultAfterMs = -1;
    connect(watcher, &sync::SyncWatcher::cycleFinished, this, [&](const sync::SyncResult& r) {
        results.append(r);
        resultAfterMs = sinceStart.elapsed();
        looseAtResult = countObjects(cloneOf(a)).loose;
    });
    sinceStart.start();
    thread.start();
    QTRY_VERIFY_WITH_TIMEOUT(!results.isEmpty(), 3500); // before the paused repack could have ended
    QVERIFY2(results.first().ok, qPrintable(results.first().error));
    QVERIFY(resultAfterMs < 4000);
    QVERIFY(looseAtResult > 10); // the repack had not run when the result came
    QTRY_COMPARE_WITH_TIMEOUT(countObjects(cloneOf(a)).loose, 0, 30000); // and then it did, in the worker
    QCOMPARE(countObjects(cloneOf(a)).packs, 1);
    thread.quit();
    thread.wait();
    verifyValid(cloneOf(a), a.profile().branch);
}

// `ferry sync` writes the run's sync_logs row and prints its line (WatcherGroup::report), then repacks:
// with the repack held up, the line is out while the process is still at it.
void TestRepack::ferrySyncPrintsItsResultBeforeItRepacks()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    for (int i = 0; i < 12; ++i)
        a.write(QStringLiteral("f%1.txt").arg(i), "file " + QByteArray::number(i) + '\n');
    test::FerryProcess ferry(a.writeConfig(), a.dataDir());
    ferry.env(QStringLiteral("FERRY_RETRY_BASE_MS"), QStringLiteral("1"));
    ferry.env(QStringLiteral("FERRY_REPACK_LOOSE_OBJECTS"), QStringLiteral("10"));
    ferry.env(QStringLiteral("FERRY_TEST_PAUSE"), QStringLiteral("repack-starting:5000"));
    QProcess process;
    ferry.start(process, {QStringLiteral("sync")});
    QByteArray out;
    QElapsedTimer waited;
    waited.start();
    while (!out.contains(": ok, 12 up") && waited.elapsed() < 60000 &&
           process.state() != QProcess::NotRunning) {
        process.waitForReadyRead(100);
        out += process.readAllStandardOutput();
    }
    QVERIFY2(out.contains(": ok, 12 up"), out.constData());
    QCOMPARE(process.state(), QProcess::Running); // in the paused repack
    QVERIFY(countObjects(cloneOf(a)).loose > 10);
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 0);
    QCOMPARE(countObjects(cloneOf(a)).loose, 0); // and then it repacked
    verifyValid(cloneOf(a), a.profile().branch);
}

// libgit2's indexer writes pack_git2_* files before it names a pack; a process killed meanwhile (a
// fetch, PackWriter's first sync, a repack) leaves them. The next cycle removes them under the profile
// lock, whatever their age, and nothing else.
void TestRepack::leftoversOfAPackWriteGoAtTheNextCycle()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    for (int i = 0; i < 600; ++i) // enough for PackWriter: the clone has a real pack
        a.write(QStringLiteral("many/f%1.txt").arg(i), "file " + QByteArray::number(i) + '\n');
    QVERIFY(a.sync().ok);
    const QString clone = cloneOf(a);
    const QStringList packs = packFiles(clone);
    QVERIFY(!packs.isEmpty());
    const QString dir = clone + QStringLiteral("/objects/pack/");
    const QStringList leftovers = {QStringLiteral("pack_git2_a1B2c3"), QStringLiteral("tmp_pack_x7Yz"),
                                   QStringLiteral("pack-") + QString(40, u'e') + QStringLiteral(".pack"),
                                   QStringLiteral("pack-") + QString(40, u'd') +
                                       QStringLiteral(".idx.Ab12Cd")};
    for (const QString& name : leftovers) {
        QFile f(dir + name);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("PACK half written");
    }
    a.write(QStringLiteral("one.txt"), "one more\n");
    QVERIFY(a.sync().ok);
    for (const QString& name : leftovers)
        QVERIFY2(!QFileInfo::exists(dir + name), qPrintable(name));
    for (const QString& pack : packs) {
        QVERIFY(QFileInfo::exists(pack));
        QVERIFY(QFileInfo::exists(pack.chopped(5) + QStringLiteral(".idx")));
    }
    verifyValid(clone, a.profile().branch);
}

// With the default thresholds: three edits of a 3 MiB file are 12 loose objects, far below the count of
// 1,000, but 9 MiB, past the weight budget's floor of 8 MiB: the cycle that passes it repacks, and the
// clone comes back to about one copy of the file. Over nine edits the clone, after each cycle, never
// holds more than the budget and a version (without the weight trigger: 27 MiB, every version whole).
void TestRepack::editsOfALargeFilePassTheWeightBudgetAndTheCloneShrinks()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    const QString clone = cloneOf(a);
    QList<int> repackedAt;
    qint64 largestKib = 0;
    for (int edit = 0; edit < 9; ++edit) {
        a.write(QStringLiteral("data.bin"), noise(edit));
        const sync::SyncResult result = a.sync();
        QVERIFY2(result.ok, qPrintable(result.error));
        const Objects now = countObjects(clone);
        largestKib = qMax(largestKib, now.kib);
        if (result.timings.contains(QStringLiteral("repack"))) {
            repackedAt.append(edit);
            QCOMPARE(now.loose, 0);
            // One whole copy and deltas; a geometric pack beside the first holds a second whole copy.
            const qint64 most = repackedAt.size() == 1 ? 4 * 1024 : 7 * 1024;
            QVERIFY2(now.kib < most, qPrintable(QStringLiteral("%1 KiB after a repack").arg(now.kib)));
        }
    }
    QVERIFY2(!repackedAt.isEmpty(), "no repack after 9 edits of a 3 MiB file");
    QCOMPARE(repackedAt.first(), 2); // the third version passes 8 MiB, not before
    QVERIFY2(largestKib < 12 * 1024, qPrintable(QStringLiteral("the clone reached %1 KiB").arg(largestKib)));
    verifyValid(clone, a.profile().branch);
    Replica b(m_dir->path(), QStringLiteral("b"), remote());
    QVERIFY(b.sync().ok);
    QCOMPARE(b.read(QStringLiteral("data.bin")), noise(8));
}

// The budget grows with the history: half the largest pack, never under the floor; loose objects and
// the smaller packs count, the largest pack does not.
void TestRepack::theWeightBudgetIsHalfTheLargestPack()
{
    const QString path = m_dir->path() + QStringLiteral("/weight.git");
    GitCli::ok(m_dir->path(), {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), path});
    const auto pack = [&path](int seed, int kib) {
        QByteArray data(kib * 1024, Qt::Uninitialized);
        QRandomGenerator random{quint32(seed)};
        random.fillRange(reinterpret_cast<quint32*>(data.data()), data.size() / 4);
        const QByteArray oid = GitCli::ok(
            path, {QStringLiteral("hash-object"), QStringLiteral("-w"), QStringLiteral("--stdin")}, data);
        GitCli::ok(
            path, {QStringLiteral("pack-objects"), QStringLiteral("-q"), QStringLiteral("objects/pack/pack")},
            oid);
        QFile::remove(path + QStringLiteral("/objects/") + QString::fromLatin1(oid.left(2)) + u'/' +
                      QString::fromLatin1(oid.mid(2).trimmed()));
    };
    const git::RepackTrigger::Thresholds byWeight{0, 0, 1, 50};
    pack(1, 4096); // the history: a budget of 2 MiB
    git::RepackTrigger::Weight w = git::RepackTrigger(path, byWeight).weigh();
    QVERIFY(w.largestPack > 4096 * 1024);
    QCOMPARE(w.smallPacks, 0);
    QCOMPARE(w.budget, w.largestPack / 2);
    pack(2, 1024);
    QCOMPARE(git::RepackTrigger(path, byWeight).check(), git::RepackTrigger::Reason::None);
    pack(3, 1200); // 2.2 MiB beside a 4 MiB pack
    w = git::RepackTrigger(path, byWeight).weigh();
    QVERIFY(w.smallPacks > 2200 * 1024);
    QCOMPARE(git::RepackTrigger(path, byWeight).check(), git::RepackTrigger::Reason::Weight);
    // The floor: 8 MiB, whatever the packs.
    QCOMPARE(git::RepackTrigger(path, {0, 0, 8, 50}).check(), git::RepackTrigger::Reason::None);
    QCOMPARE(git::RepackTrigger(path, {0, 0, 0, 50}).check(), git::RepackTrigger::Reason::None); // off
    // A full repack (the geometric rule rolls everything up past half the largest) ends it.
    const Result<git::Repacker::Report> report = git::Repacker(path, byWeight).repack();
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QVERIFY(report->full);
    QCOMPARE(git::RepackTrigger(path, byWeight).check(), git::RepackTrigger::Reason::None);
}

// libgit2's pack builder reads its settings from a config file; the repack writes it inside the bare
// clone and removes it once the builder is made. A process killed with it in place (or, before, with
// its file in TMPDIR while the pack was written) leaves it for the next cycle's cleanup of leftovers.
void TestRepack::aKilledRepackLeavesNoSettingsFileBehind()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    const QString clone = cloneOf(a);
    const QString tmp = m_dir->path() + QStringLiteral("/tmp");
    QVERIFY(QDir().mkpath(tmp));
    for (int i = 0; i < 3; ++i) {
        a.write(QStringLiteral("big.txt"), bigText(i));
        a.write(QStringLiteral("n%1.md").arg(i), "note\n");
        QCOMPARE(ferrySync(a, QStringLiteral("1000000")), 0);
    }
    test::FerryProcess ferry(a.writeConfig(), a.dataDir());
    ferry.env(QStringLiteral("FERRY_REPACK_LOOSE_OBJECTS"), QStringLiteral("10"));
    ferry.env(QStringLiteral("FERRY_FAILPOINT"), QStringLiteral("repack-writing"));
    ferry.env(QStringLiteral("TMPDIR"), tmp);
    const test::FerryProcess::Result killed = ferry.run({QStringLiteral("sync")});
    QVERIFY2(killed.crashed || killed.exitCode == 137, "the failpoint was not reached");
    QVERIFY2(QDir(tmp).isEmpty(), qPrintable(QDir(tmp).entryList(QDir::Files).join(u' ')));
    const QString settings = clone + QStringLiteral("/ferry-repack.config");
    QCOMPARE(git::Repacker::settingsPath(clone), settings);
    QVERIFY(!QFileInfo::exists(settings)); // removed once the pack builder had read it

    // Killed between writing the file and making the pack builder: the next cycle removes it.
    QFile left(settings);
    QVERIFY(left.open(QIODevice::WriteOnly));
    left.write("[pack]\n\twindowMemory = 1\n");
    left.close();
    a.write(QStringLiteral("big.txt"), bigText(3));
    QCOMPARE(ferrySync(a, QStringLiteral("1000000")), 0);
    QVERIFY(!QFileInfo::exists(settings));
    verifyValid(clone, a.profile().branch);
}

QTEST_GUILESS_MAIN(TestRepack)
#include "tst_repack.moc"
