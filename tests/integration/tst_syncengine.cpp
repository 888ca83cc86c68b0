#include "core/sync/filestat.h"
#include "core/sync/scanner.h"
#include "core/util/clock.h"
#include "tests/support/ferryprocess.h"
#include "tests/support/gitcli.h"
#include "tests/support/replica.h"

#include <fcntl.h>
#include <QDir>
#include <QDirIterator>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace ferry;
using test::GitCli;
using test::Replica;

// The sync engine against real bare repositories created here, with the git CLI as the other peer.
class TestSyncEngine : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void replicasConvergeAfterAnyInterleavingOfEditsAndSyncs_data();
    void replicasConvergeAfterAnyInterleavingOfEditsAndSyncs();
    void whatFerryPushesIsWhatGitCloneShowsByteForByte();
    void aCommitPushedWithTheGitCliArrivesOnDisk();
    void aPushRejectedBecauseSomeoneElsePushedIsRedoneOnTheirCommit();
    void aFileEditedDuringTheSyncIsNeverOverwritten();
    void concurrentEditsKeepBothVersions();
    void aHostileRemoteTreeWritesNothingOutsideTheFolder();
    void anEditWithinOneTimestampTickOfTheScanIsNotMissed();
    void aSecondScanFindsEveryFileAsRecorded();

private:
    QString remote() const { return m_dir->path() + QStringLiteral("/remote.git"); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestSyncEngine::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    GitCli::ok(m_dir->path(),
               {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), remote()});
    qputenv("FERRY_RETRY_BASE_MS", "1");
}

void TestSyncEngine::replicasConvergeAfterAnyInterleavingOfEditsAndSyncs_data()
{
    QTest::addColumn<quint32>("seed");
    for (quint32 seed : {1u, 7u, 42u, 2026u})
        QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed))) << seed;
}

void TestSyncEngine::replicasConvergeAfterAnyInterleavingOfEditsAndSyncs()
{
    QFETCH(quint32, seed);
    QRandomGenerator rng(seed);
    std::vector<std::unique_ptr<Replica>> replicas;
    for (const char* name : {"alpha", "beta", "gamma"})
        replicas.push_back(std::make_unique<Replica>(m_dir->path(), QString::fromLatin1(name),
                                                     QStringLiteral("file://") + remote()));
    int commitsMade = 0;
    const auto syncOne = [&](Replica& r) {
        const sync::SyncResult result = r.sync();
        QVERIFY2(result.ok, qPrintable(result.error));
        commitsMade += result.commit.isEmpty() ? 0 : 1;
    };

    for (int step = 0; step < 60; ++step) {
        Replica& r = *replicas[rng.bounded(3)];
        const QStringList files = r.contents().keys();
        const QString any = files.isEmpty() ? QString() : files[rng.bounded(int(files.size()))];
        switch (rng.bounded(6)) {
        case 0: // add
            r.write(QStringLiteral("d%1/f%2-%3.txt").arg(rng.bounded(3)).arg(step).arg(seed),
                    QByteArray("new ") + QByteArray::number(step) + '\n');
            break;
        case 1: // edit
            if (!any.isEmpty())
                r.write(any, r.read(any) + "edit " + QByteArray::number(step) + '\n');
            break;
        case 2: // delete
            if (!any.isEmpty())
                r.remove(any);
            break;
        case 3: // rename: a delete plus an add, content must survive
            if (!any.isEmpty())
                r.rename(any, QStringLiteral("renamed/%1-%2").arg(step).arg(QFileInfo(any).fileName()));
            break;
        default:
            syncOne(r);
            if (QTest::currentTestFailed())
                return;
        }
    }
    for (int round = 0; round < 3; ++round) {
        for (auto& r : replicas) {
            syncOne(*r);
            if (QTest::currentTestFailed())
                return;
        }
    }

    const QMap<QString, QByteArray> expected =
        test::filesInBranch(remote(), QStringLiteral("sync"), QStringLiteral("shared/docs"));
    for (auto& r : replicas)
        QCOMPARE(r->contents(), expected);
    const GitCli::Output fsck = GitCli::run(remote(), {QStringLiteral("fsck"), QStringLiteral("--strict")});
    QVERIFY2(fsck.exitCode == 0, fsck.err.constData());
    const QByteArray count =
        GitCli::ok(remote(), {QStringLiteral("rev-list"), QStringLiteral("--count"), QStringLiteral("sync")});
    QCOMPARE(count.trimmed().toInt(), commitsMade); // one commit per cycle that changed something
    const QByteArray merges = GitCli::ok(
        remote(), {QStringLiteral("rev-list"), QStringLiteral("--merges"), QStringLiteral("sync")});
    QVERIFY(merges.trimmed().isEmpty()); // linear history
}

void TestSyncEngine::whatFerryPushesIsWhatGitCloneShowsByteForByte()
{
    // The remote already has another branch: Ferry creates "sync" beside it.
    const QString seedClone = m_dir->path() + QStringLiteral("/seed");
    GitCli::ok(m_dir->path(), {QStringLiteral("clone"), QStringLiteral("-q"), remote(), seedClone});
    QFile readme(seedClone + QStringLiteral("/README"));
    QVERIFY(readme.open(QIODevice::WriteOnly));
    readme.write("main branch\n");
    readme.close();
    GitCli::ok(seedClone, {QStringLiteral("add"), QStringLiteral("README")});
    GitCli::ok(seedClone, {QStringLiteral("commit"), QStringLiteral("-qm"), QStringLiteral("main")});
    GitCli::ok(seedClone, {QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("origin"),
                           QStringLiteral("HEAD:main")});

    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    QByteArray binary(70000, '\0');
    for (int i = 0; i < binary.size(); ++i)
        binary[i] = char(QRandomGenerator::global()->bounded(256));
    a.write(QStringLiteral("binary.bin"), binary);
    a.write(QStringLiteral("crlf.txt"), "line one\r\nline two\r\n");
    a.write(QStringLiteral("no-newline.md"), "no newline at the end");
    a.write(QStringLiteral("ünïcode/名前.md"), "unicode names\n");
    a.write(QStringLiteral("empty.txt"), "");
    a.write(QStringLiteral("tool.sh"), "#!/bin/sh\necho hi\n");
    QFile::setPermissions(a.folder() + QStringLiteral("/tool.sh"),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const sync::SyncResult r = a.sync();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.uploaded, 6);

    const QString clone = m_dir->path() + QStringLiteral("/clone");
    GitCli::ok(m_dir->path(), {QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("-b"),
                               QStringLiteral("sync"), remote(), clone});
    const QMap<QString, QByteArray> files = a.contents();
    for (auto it = files.begin(); it != files.end(); ++it) {
        QFile f(clone + QStringLiteral("/shared/docs/") + it.key());
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(it.key()));
        QCOMPARE(f.readAll(), it.value());
    }
    QVERIFY(QFileInfo(clone + QStringLiteral("/shared/docs/tool.sh")).isExecutable());
    const QByteArray log =
        GitCli::ok(clone, {QStringLiteral("log"), QStringLiteral("--format=%an <%ae>|%s")});
    QCOMPARE(log.trimmed().split('\n').size(), 1);
    QVERIFY2(log.startsWith("Ferry <ferry@") && log.trimmed().endsWith("|Batch sync: 6 files"),
             log.constData());
    QCOMPARE(GitCli::ok(remote(), {QStringLiteral("rev-parse"), QStringLiteral("main")}).trimmed().size(),
             40);
}

void TestSyncEngine::aCommitPushedWithTheGitCliArrivesOnDisk()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    a.write(QStringLiteral("keep.md"), "keep\n");
    a.write(QStringLiteral("edit.md"), "before\n");
    a.write(QStringLiteral("drop.md"), "drop\n");
    QVERIFY(a.sync().ok);

    const QString clone = m_dir->path() + QStringLiteral("/clone");
    GitCli::ok(m_dir->path(), {QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("-b"),
                               QStringLiteral("sync"), remote(), clone});
    QFile edit(clone + QStringLiteral("/shared/docs/edit.md"));
    QVERIFY(edit.open(QIODevice::WriteOnly));
    edit.write("after, from the git CLI\n");
    edit.close();
    QDir().mkpath(clone + QStringLiteral("/shared/docs/new"));
    QFile added(clone + QStringLiteral("/shared/docs/new/added.md"));
    QVERIFY(added.open(QIODevice::WriteOnly));
    added.write("added by git\n");
    added.close();
    GitCli::ok(clone, {QStringLiteral("rm"), QStringLiteral("-q"), QStringLiteral("shared/docs/drop.md")});
    GitCli::ok(clone, {QStringLiteral("add"), QStringLiteral("-A")});
    GitCli::ok(clone, {QStringLiteral("commit"), QStringLiteral("-qm"), QStringLiteral("edit from git")});
    GitCli::ok(clone, {QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("origin"),
                       QStringLiteral("sync")});

    const sync::SyncResult r = a.sync();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.downloaded, 2);
    QCOMPARE(r.deletedLocal, 1);
    QCOMPARE(a.read(QStringLiteral("edit.md")), QByteArray("after, from the git CLI\n"));
    QCOMPARE(a.read(QStringLiteral("new/added.md")), QByteArray("added by git\n"));
    QVERIFY(!QFile::exists(a.folder() + QStringLiteral("/drop.md")));
    QCOMPARE(a.sync().filesChanged(), 0); // and nothing moves on the next cycle
}

void TestSyncEngine::aPushRejectedBecauseSomeoneElsePushedIsRedoneOnTheirCommit()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    Replica b(m_dir->path(), QStringLiteral("b"), remote());
    a.write(QStringLiteral("base.md"), "base\n");
    QVERIFY(a.sync().ok);
    QVERIFY(b.sync().ok);

    // Between A's fetch and A's push, B pushes: A's first push is refused as a non-fast-forward.
    b.write(QStringLiteral("from-b.md"), "b was quicker\n");
    a.write(QStringLiteral("from-a.md"), "a\n");
    qputenv("FERRY_TEST_BEFORE_PUSH",
            test::FerryProcess(b.writeConfig(), b.dataDir()).shellCommand({QStringLiteral("sync")}).toUtf8());
    const sync::SyncResult r = a.sync();
    qunsetenv("FERRY_TEST_BEFORE_PUSH");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.pushAttempts, 2);
    QCOMPARE(a.read(QStringLiteral("from-b.md")), QByteArray("b was quicker\n"));
    const auto remoteFiles =
        test::filesInBranch(remote(), QStringLiteral("sync"), QStringLiteral("shared/docs"));
    QCOMPARE(remoteFiles.keys(), (QStringList{QStringLiteral("base.md"), QStringLiteral("from-a.md"),
                                              QStringLiteral("from-b.md")}));
    QVERIFY(
        GitCli::ok(remote(), {QStringLiteral("rev-list"), QStringLiteral("--merges"), QStringLiteral("sync")})
            .isEmpty());
}

void TestSyncEngine::aFileEditedDuringTheSyncIsNeverOverwritten()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    Replica b(m_dir->path(), QStringLiteral("b"), remote());
    // Plain keep-both: the conflict policies have their own tests (tst_conflictpolicies).
    a.profile().conflictRules =
        b.profile().conflictRules = {{QStringLiteral("**"), config::ConflictPolicy::KeepBoth}};
    a.write(QStringLiteral("doc.md"), "v1\n");
    QVERIFY(a.sync().ok);
    QVERIFY(b.sync().ok);
    b.write(QStringLiteral("doc.md"), "v2 from b\n");
    QVERIFY(b.sync().ok);

    // A scans (doc.md unchanged), then the person saves doc.md just before A would write B's version.
    a.write(QStringLiteral("other.md"), "forces a push\n");
    qputenv("FERRY_TEST_BEFORE_PUSH",
            QStringLiteral("printf 'typed during the sync\\n' > '%1/doc.md'").arg(a.folder()).toUtf8());
    const sync::SyncResult r = a.sync();
    qunsetenv("FERRY_TEST_BEFORE_PUSH");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.waiting, 1);
    QCOMPARE(a.read(QStringLiteral("doc.md")), QByteArray("typed during the sync\n"));

    // The next cycle sees both sides changed: both versions are kept.
    const sync::SyncResult next = a.sync();
    QVERIFY(next.ok);
    QCOMPARE(next.conflicts, 1);
    const QStringList names = a.contents().keys();
    QVERIFY(a.contents().values().contains(QByteArray("typed during the sync\n")));
    QCOMPARE(a.read(QStringLiteral("doc.md")), QByteArray("v2 from b\n"));
    QCOMPARE(names.size(), 3);
}

void TestSyncEngine::concurrentEditsKeepBothVersions()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    Replica b(m_dir->path(), QStringLiteral("b"), remote());
    a.profile().conflictRules =
        b.profile().conflictRules = {{QStringLiteral("**"), config::ConflictPolicy::KeepBoth}};
    a.write(QStringLiteral("plan.md"), "v1\n");
    QVERIFY(a.sync().ok);
    QVERIFY(b.sync().ok);
    a.write(QStringLiteral("plan.md"), "a's edit\n");
    b.write(QStringLiteral("plan.md"), "b's edit\n");
    QVERIFY(a.sync().ok);
    // The cycle's "now" comes from the clock it is given: the copy's name and the state's times.
    const QDateTime when(QDate(2031, 5, 6), QTime(7, 8), Qt::UTC);
    const util::ManualClock clock(when);
    sync::SyncOptions options;
    options.clock = &clock;
    const sync::SyncResult r = b.sync(options);
    QVERIFY(r.ok);
    QCOMPARE(r.conflicts, 1);
    QCOMPARE(b.state().lastSync, when);
    QVERIFY(a.sync().ok);
    QCOMPARE(a.contents(), b.contents());
    QCOMPARE(a.read(QStringLiteral("plan.md")),
             QByteArray("a's edit\n")); // the remote version keeps the name
    const QStringList names = b.contents().keys();
    QCOMPARE(names.size(), 2);
    QVERIFY2(names[0].startsWith(QStringLiteral("plan (conflict ")) &&
                 names[0].endsWith(u' ' + when.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HHmm")) +
                                   QStringLiteral(").md")),
             qPrintable(names[0]));
    QCOMPARE(b.contents().value(names[0]), QByteArray("b's edit\n"));
}

void TestSyncEngine::aHostileRemoteTreeWritesNothingOutsideTheFolder()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    a.write(QStringLiteral("start.md"), "start\n");
    QVERIFY(a.sync().ok);

    // Crafted with plumbing: shared/docs/{ok.md, ../../escape.txt, .git/config, evil-link -> /etc, a\b}.
    const auto git = [&](const QStringList& args, const QByteArray& in = {}) {
        return GitCli::ok(remote(), args, in).trimmed();
    };
    const QByteArray blob =
        git({QStringLiteral("hash-object"), QStringLiteral("-w"), QStringLiteral("--stdin")}, "pwned\n");
    const QByteArray okBlob =
        git({QStringLiteral("hash-object"), QStringLiteral("-w"), QStringLiteral("--stdin")}, "fine\n");
    const QByteArray target =
        git({QStringLiteral("hash-object"), QStringLiteral("-w"), QStringLiteral("--stdin")}, "/etc");
    const QByteArray leaf = git({QStringLiteral("mktree")}, "100644 blob " + blob + "\tescape.txt\n");
    const QByteArray up1 = git({QStringLiteral("mktree")}, "040000 tree " + leaf + "\t..\n");
    const QByteArray gitDir = git({QStringLiteral("mktree")}, "100644 blob " + blob + "\tconfig\n");
    const QByteArray docs =
        git({QStringLiteral("mktree")}, "040000 tree " + up1 + "\t..\n040000 tree " + gitDir +
                                            "\t.git\n100644 blob " + okBlob + "\tok.md\n120000 blob " +
                                            target + "\tevil-link\n100644 blob " + blob + "\ta\\b\n");
    const QByteArray shared = git({QStringLiteral("mktree")}, "040000 tree " + docs + "\tdocs\n");
    const QByteArray root = git({QStringLiteral("mktree")}, "040000 tree " + shared + "\tshared\n");
    const QByteArray head = git({QStringLiteral("rev-parse"), QStringLiteral("sync")});
    const QByteArray commit =
        git({QStringLiteral("commit-tree"), QString::fromLatin1(root), QStringLiteral("-p"),
             QString::fromLatin1(head), QStringLiteral("-m"), QStringLiteral("hostile")});
    git({QStringLiteral("update-ref"), QStringLiteral("refs/heads/sync"), QString::fromLatin1(commit)});

    const sync::SyncResult r = a.sync();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.refused, 4);
    const QString notes = r.notes.join(u'\n');
    QVERIFY2(notes.contains(QStringLiteral("shared/docs/../../escape.txt: \"..\" would leave the folder")),
             qPrintable(notes));
    QVERIFY(notes.contains(QStringLiteral("shared/docs/.git/config: .git is reserved")));
    QVERIFY(notes.contains(QStringLiteral("shared/docs/evil-link: symlinks are not synced")));
    QVERIFY(notes.contains(QStringLiteral("shared/docs/a\\b: a control character or backslash")));
    QCOMPARE(a.read(QStringLiteral("ok.md")), QByteArray("fine\n")); // the rest of the sync goes on
    // No file anywhere in the test's tree holds the payload (Git's object stores keep it compressed).
    QDirIterator it(m_dir->path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(f.readAll() != "pwned\n", qPrintable(f.fileName()));
    }
    QVERIFY(!QFileInfo::exists(a.folder() + QStringLiteral("/evil-link")));
    QVERIFY(!QFileInfo::exists(a.folder() + QStringLiteral("/.git")));
}

// Coarse file system clocks: an edit right after a scan can keep size, mtime and inode. The record of
// a file that was not clearly older than the scan must not be trusted (git calls it "racily clean").
void TestSyncEngine::anEditWithinOneTimestampTickOfTheScanIsNotMissed()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    Replica b(m_dir->path(), QStringLiteral("b"), remote());
    a.write(QStringLiteral("n.txt"), "first\n");
    QVERIFY(a.sync().ok);
    const QString path = a.folder() + QStringLiteral("/n.txt");
    const sync::FileStat before = sync::FileStat::of(path);
    a.write(QStringLiteral("n.txt"), "again\n"); // same size, same inode
    // The same mtime, as a clock with a coarse tick gives an edit made within that tick.
    const struct timespec times[2] = {
        {0, UTIME_OMIT}, {time_t(before.mtimeNs / 1000000000), long(before.mtimeNs % 1000000000)}};
    QCOMPARE(::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, 0), 0);
    QCOMPARE(sync::FileStat::of(path).mtimeNs, before.mtimeNs);
    const sync::SyncResult r = a.sync();
    QVERIFY(r.ok);
    QCOMPARE(r.uploaded, 1);
    QVERIFY(b.sync().ok);
    QCOMPARE(b.read(QStringLiteral("n.txt")), QByteArray("again\n"));
    // Once a scan has started clearly after the last write, the record is trusted again: no reads.
    QTest::qWait(2100);
    QVERIFY(a.sync().ok);
    QCOMPARE(a.sync().hashed, 0);
}

// The scan looks a folder's files up together, by the names' bytes (ASCII) or the path's UTF-8: every
// file recorded by one scan is found as recorded by the next, whatever its name and folder.
void TestSyncEngine::aSecondScanFindsEveryFileAsRecorded()
{
    const QString root = m_dir->path() + QStringLiteral("/scanned");
    const QStringList names{QStringLiteral("top.txt"),
                            QStringLiteral("a/b/c/deep.md"),
                            QStringLiteral("ünïcode/名前.md"),
                            QStringLiteral("ünïcode/plain.txt"),
                            QStringLiteral("nfd/e\u0301t\u00e9.txt"),
                            QStringLiteral("spaces in/a name with spaces.txt"),
                            QStringLiteral("many/") + QString(300, u'x').left(200)};
    for (const QString& name : names) {
        QVERIFY(QDir().mkpath(QFileInfo(root + u'/' + name).path()));
        QFile f(root + u'/' + name);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(name.toUtf8());
    }
    for (int i = 0; i < 500; ++i) { // more than one look-up batch's worth in one folder
        QFile f(root + QStringLiteral("/many/f%1.dat").arg(i));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::number(i));
    }
    QFile ignored(root + QStringLiteral("/many/skip.tmp"));
    QVERIFY(ignored.open(QIODevice::WriteOnly));
    ignored.close();
    const sync::Scanner scanner({config::FolderMapping{root, QStringLiteral("docs")}},
                                *sync::IgnoreRules::compile({QStringLiteral("*.tmp")}));
    const sync::ScanResult first = scanner.scan({});
    QCOMPARE(first.found, names.size() + 500);
    const sync::FileRecords records = first.records();
    QCOMPARE(records.size(), names.size() + 500);
    for (const QString& name : names)
        QVERIFY2(records.contains(QStringLiteral("docs/") + name), qPrintable(name));

    const sync::ScanResult second = scanner.scan(records);
    QCOMPARE(second.found, names.size() + 500);
    QVERIFY2(second.changed.isEmpty(), qPrintable(second.changed.keys().join(u' ')));
    QVERIFY(second.gone.isEmpty());
    QVERIFY(second.unknown.isEmpty());
    QCOMPARE(second.hashed, 0);
    for (const QString& name : names)
        QVERIFY2(second.unchanged(QStringLiteral("docs/") + name), qPrintable(name));
}

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "tst_syncengine.moc"
