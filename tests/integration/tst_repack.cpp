#include "core/config/paths.h"
#include "core/git/objectdir.h"
#include "core/git/repacker.h"
#include "core/git/repository.h"
#include "tests/support/ferryprocess.h"
#include "tests/support/gitcli.h"
#include "tests/support/remotefolder.h"
#include "tests/support/replica.h"

#include <QDir>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

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
    QString remote() const { return m_dir->path() + QStringLiteral("/remote.git"); }
    static QString cloneOf(const Replica& r);
    int ferrySync(const Replica& r, const QString& threshold, const QByteArray& failpoint = {},
                  bool* crashed = nullptr);

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

QString TestRepack::cloneOf(const Replica& r)
{
    return config::Paths::profileDir(r.dataDir(), QFileInfo(r.folder()).dir().dirName()) +
           QStringLiteral("/repo.git");
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
    for (const char* point : {"repack-writing", "repack-written", "repack-pruning", "repack-dropping"})
        QTest::newRow(point) << QByteArray(point);
}

void TestRepack::aCrashAtEachStepLeavesAValidRepository()
{
    QFETCH(QByteArray, failpoint);
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
    const Objects before = countObjects(clone);
    QVERIFY(before.loose >= 10);

    a.write(QStringLiteral("big.txt"), bigText(6));
    bool crashed = false;
    ferrySync(a, low, failpoint, &crashed);
    QVERIFY2(crashed, "the failpoint was not reached");
    verifyValid(clone, a.profile().branch);
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
    QCOMPARE(after.packs, 1);
    QVERIFY(QDir(clone + QStringLiteral("/objects/pack"))
                .entryList({QStringLiteral("pack_git2_*"), QStringLiteral("tmp_*")}, QDir::Files)
                .size() <= 1); // a killed write's temporary file goes once it is an hour old
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

QTEST_GUILESS_MAIN(TestRepack)
#include "tst_repack.moc"
