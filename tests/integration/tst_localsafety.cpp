// Sync safety, local side: what people and the operating system do to a synced folder — a new ignore
// rule, an unreadable folder, a file turned into a folder, edits close in time, the same new file on
// two machines, file modes, overlapping mappings — never deletes a file on any machine nor loses the
// newer edit. Real bare repositories, two or three replicas, the git CLI as another writer.
#include "core/config/paths.h"
#include "core/sync/syncengine.h"
#include "core/sync/versionstore.h"
#include "tests/support/ferryprocess.h"
#include "tests/support/gitcli.h"
#include "tests/support/replica.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

using namespace ferry;
using test::GitCli;
using test::Replica;

class TestLocalSafety : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void aNewIgnoreRuleNeverDeletesAnywhere();
    void anIgnoredPathFromAnotherWriterIsNeitherDownloadedNorDeleted();
    void unIgnoringBringsThePathBackThroughTheThreeWayDecision();
    void aFolderThatCannotBeReadIsUnknownNotGone();
    void anUnreadableFolderAsAnotherUserIsReportedAndNothingDeleted();
    void aFileTurnedIntoAFolderAndBackSyncs();
    void aFileAgainstAFolderOfTheSameNameKeepsBoth_data();
    void aFileAgainstAFolderOfTheSameNameKeepsBoth();
    void anEditedFileWhoseNameBecameAFolderThereIsKept();
    void aFileArrivingWhereAnEmptyFolderIsTakesItsPlace();
    void aFileArrivingWhereAFolderOfIgnoredFilesIsDoesNotWaitForever();
    void newestComparesWithThePathsOwnTime_data();
    void newestComparesWithThePathsOwnTime();
    void aTextNewOnBothSidesIsKeptTwiceNotMerged();
    void theSameNewFileOnBothSidesConvergesSilently();
    void aDownloadKeepsTheModeOfTheFileItReplaces();
    void overlappingFoldersAndADataDirectoryInsideAFolderAreRefused();

private:
    QString remote() const { return m_dir->path() + QStringLiteral("/remote.git"); }
    QMap<QString, QByteArray> remoteFiles() const
    {
        return test::filesInBranch(remote(), QStringLiteral("sync"), QStringLiteral("shared/docs"));
    }
    // Commits files with the git CLI as another writer (a clone of the branch, committed and pushed).
    void pushWithGit(const QMap<QString, QByteArray>& files, const QString& date = {});

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestLocalSafety::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    GitCli::ok(m_dir->path(),
               {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), remote()});
}

void TestLocalSafety::pushWithGit(const QMap<QString, QByteArray>& files, const QString& date)
{
    const QString work = m_dir->path() + QStringLiteral("/git-writer");
    if (!QDir(work).exists()) {
        GitCli::ok(m_dir->path(), {QStringLiteral("clone"), QStringLiteral("-q"), remote(), work});
        GitCli::ok(work, {QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-B"),
                          QStringLiteral("sync")});
    }
    GitCli::run(work, {QStringLiteral("pull"), QStringLiteral("-q"), QStringLiteral("origin"),
                       QStringLiteral("sync")});
    for (auto it = files.begin(); it != files.end(); ++it) {
        const QString path = work + QStringLiteral("/shared/docs/") + it.key();
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(it.value());
    }
    GitCli::ok(work, {QStringLiteral("add"), QStringLiteral("-A")});
    QProcessEnvironment dated;
    if (!date.isEmpty()) { // the committer's time is what Ferry reads
        dated.insert(QStringLiteral("GIT_COMMITTER_DATE"), date);
        dated.insert(QStringLiteral("GIT_AUTHOR_DATE"), date);
    }
    QCOMPARE(GitCli::run(work,
                         {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"),
                          QStringLiteral("git writer")},
                         {}, dated)
                 .exitCode,
             0);
    GitCli::ok(work, {QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("origin"),
                      QStringLiteral("HEAD:sync")});
}

void TestLocalSafety::aNewIgnoreRuleNeverDeletesAnywhere()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    Replica b(m_dir->path(), QStringLiteral("b"), remote());
    a.write(QStringLiteral("paper.pdf"), "%PDF a paper\n");
    a.write(QStringLiteral("refs/old.pdf"), "%PDF old\n");
    a.write(QStringLiteral("note.md"), "note\n");
    QVERIFY(a.sync().ok);
    QVERIFY(b.sync().ok);
    QCOMPARE(b.contents().size(), 3);

    a.profile().ignore = {QStringLiteral("*.pdf")};
    const sync::SyncResult r = a.sync();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.deletedRemote, 0);
    QCOMPARE(remoteFiles().size(), 3);                                           // the remote copies stay
    QCOMPARE(a.contents().size(), 3);                                            // and the local ones
    QVERIFY(!a.state().files.contains(QStringLiteral("shared/docs/paper.pdf"))); // no longer tracked here
    QVERIFY(b.sync().ok);
    QCOMPARE(b.contents().size(), 3); // nothing deleted on the other machine

    // Edits to an ignored file stay where they are; edits elsewhere go on.
    a.write(QStringLiteral("paper.pdf"), "%PDF edited locally\n");
    a.write(QStringLiteral("note.md"), "note 2\n");
    QVERIFY(a.sync().ok);
    QCOMPARE(remoteFiles().value(QStringLiteral("paper.pdf")), QByteArray("%PDF a paper\n"));
    QCOMPARE(remoteFiles().value(QStringLiteral("note.md")), QByteArray("note 2\n"));
}

void TestLocalSafety::anIgnoredPathFromAnotherWriterIsNeitherDownloadedNorDeleted()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    a.write(QStringLiteral("seed.md"), "seed\n");
    QVERIFY(a.sync().ok);
    // Another writer pushes files that this replica's rules ignore (defaults: *.tmp, *.swp).
    pushWithGit({{QStringLiteral("build.tmp"), "build output\n"},
                 {QStringLiteral("x.swp"), "swap\n"},
                 {QStringLiteral("ok.md"), "wanted\n"}});
    for (int cycle = 0; cycle < 2; ++cycle) { // the second is a full scan over a state that knows them
        const sync::SyncResult r = a.sync();
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.deletedRemote, 0);
    }
    QCOMPARE(a.contents().keys(), (QStringList{QStringLiteral("ok.md"), QStringLiteral("seed.md")}));
    QCOMPARE(remoteFiles().keys(), (QStringList{QStringLiteral("build.tmp"), QStringLiteral("ok.md"),
                                                QStringLiteral("seed.md"), QStringLiteral("x.swp")}));
}

void TestLocalSafety::unIgnoringBringsThePathBackThroughTheThreeWayDecision()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    a.write(QStringLiteral("same.log"), "same\n");
    a.write(QStringLiteral("edited.log"), "original\n");
    QVERIFY(a.sync().ok);
    a.profile().ignore = {QStringLiteral("*.log")};
    QVERIFY(a.sync().ok);
    a.write(QStringLiteral("edited.log"), "edited while ignored\n");

    a.profile().ignore.clear();
    const sync::SyncResult r = a.sync();
    QVERIFY2(r.ok, qPrintable(r.error));
    // Equal on both sides: tracked again silently. Different: both kept (no base to decide from).
    QVERIFY(a.state().files.contains(QStringLiteral("shared/docs/same.log")));
    QCOMPARE(r.keptBoth, 1);
    const QMap<QString, QByteArray> files = a.contents();
    QCOMPARE(files.value(QStringLiteral("edited.log")), QByteArray("original\n"));
    const QStringList copies = files.keys().filter(QStringLiteral("edited (conflict"));
    QCOMPARE(copies.size(), 1);
    QCOMPARE(files.value(copies.first()), QByteArray("edited while ignored\n"));
}

void TestLocalSafety::aFolderThatCannotBeReadIsUnknownNotGone()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    Replica b(m_dir->path(), QStringLiteral("b"), remote());
    for (const char* name : {"sub/one.md", "sub/two.md", "sub/deep/three.md", "top.md"})
        a.write(QString::fromLatin1(name), "x\n");
    QVERIFY(a.sync().ok);
    QVERIFY(b.sync().ok);
    // The other machine deletes a file in that folder meanwhile.
    QVERIFY(b.remove(QStringLiteral("sub/two.md")));
    QVERIFY(b.sync().ok);

    // An I/O error on the folder (a dying disk, a stale mount).
    qputenv("FERRY_TEST_UNREADABLE", (a.folder() + QStringLiteral("/sub")).toUtf8());
    a.write(QStringLiteral("top.md"), "edited\n");
    const sync::SyncResult r = a.sync();
    qunsetenv("FERRY_TEST_UNREADABLE");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.deletedRemote, 0);
    QCOMPARE(r.deletedLocal, 0); // the remote's deletion under it waits too
    QCOMPARE(r.uploaded, 1);     // the rest of the profile syncs
    QCOMPARE(r.unreadable.size(), 1);
    QVERIFY2(
        r.unreadable.first().contains(QStringLiteral("shared/docs/sub: cannot read (Input/output error)")),
        qPrintable(r.unreadable.first()));
    QCOMPARE(r.health.status, sync::Health::Degraded);
    QVERIFY(r.summary().contains(QStringLiteral("unreadable")));
    QVERIFY(r.toMetadata()[QStringLiteral("unreadable")].toArray().size() == 1);
    QCOMPARE(remoteFiles().size(), 3);

    // Readable again: the deletion made on the other machine arrives, nothing else changes.
    const sync::SyncResult healed = a.sync();
    QVERIFY2(healed.ok, qPrintable(healed.error));
    QCOMPARE(healed.deletedLocal, 1);
    QCOMPARE(healed.health.status, sync::Health::Healthy);
    QCOMPARE(a.contents().keys(), (QStringList{QStringLiteral("sub/deep/three.md"),
                                               QStringLiteral("sub/one.md"), QStringLiteral("top.md")}));
}

// The case as a person meets it: `chmod 000` on a folder, Ferry running as an ordinary user. When the
// tests run as root (which reads everything), that run drops to the `nobody` user with setpriv.
void TestLocalSafety::anUnreadableFolderAsAnotherUserIsReportedAndNothingDeleted()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    for (const char* name : {"private/one.md", "private/two.md", "public.md"})
        a.write(QString::fromLatin1(name), "x\n");
    const QString config = a.writeConfig();
    QStringList prefix;
    if (::geteuid() == 0) {
        if (QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
            QSKIP("setpriv (util-linux) is needed to run as another user");
        QVERIFY(QProcess::execute(QStringLiteral("chown"),
                                  {QStringLiteral("-R"), QStringLiteral("nobody:nogroup"), m_dir->path()}) ==
                0);
        QVERIFY(QFile::setPermissions(m_dir->path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                         QFile::ReadOther | QFile::ExeOther));
        prefix = {QStringLiteral("--reuid=nobody"), QStringLiteral("--regid=nogroup"),
                  QStringLiteral("--clear-groups"), QStringLiteral("--")};
    }
    test::FerryProcess launcher(config, a.dataDir());
    launcher.env(QStringLiteral("HOME"), m_dir->path())
        .env(QStringLiteral("FERRY_RETRY_BASE_MS"), QStringLiteral("1"));
    if (!prefix.isEmpty())
        launcher.through(QStringLiteral("setpriv"), prefix);
    const auto ferry = [&](const QStringList& args) {
        const test::FerryProcess::Result run = launcher.run(args, 60000);
        return std::make_pair(run.exitCode, run.output());
    };
    const auto [first, firstOut] = ferry({QStringLiteral("sync")});
    QVERIFY2(first == 0, qPrintable(firstOut));
    QCOMPARE(remoteFiles().size(), 3);

    const QString locked = a.folder() + QStringLiteral("/private");
    QVERIFY(QFile::setPermissions(locked, QFile::Permissions()));
    const auto [blocked, blockedOut] = ferry({QStringLiteral("sync")});
    QFile::setPermissions(locked, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QVERIFY2(blocked == 0, qPrintable(blockedOut));
    QVERIFY2(blockedOut.contains(QStringLiteral("1 paths unreadable")) &&
                 blockedOut.contains(QStringLiteral("Permission denied")),
             qPrintable(blockedOut));
    QCOMPARE(remoteFiles().size(), 3); // nothing pushed as deleted
    const auto [status, statusOut] = ferry({QStringLiteral("status"), QStringLiteral("--json")});
    const QJsonObject state =
        QJsonDocument::fromJson(statusOut.toUtf8())[QStringLiteral("profiles")][0][QStringLiteral("state")]
            .toObject();
    QCOMPARE(state[QStringLiteral("sync_health")][QStringLiteral("status")].toString(),
             QStringLiteral("degraded"));
    QCOMPARE(state[QStringLiteral("held_files")].toArray().size(), 1);
    // The card's conflict figures are in `ferry status --json` too (none here).
    QCOMPARE(state[QStringLiteral("metrics")][QStringLiteral("conflicts_auto_resolved")], QJsonValue(0));
    QCOMPARE(state[QStringLiteral("metrics")][QStringLiteral("conflicts_resolved")], QJsonValue(0));
    const auto [history, historyOut] = ferry({QStringLiteral("history"), QStringLiteral("--json")});
    QVERIFY2(historyOut.contains(QStringLiteral("Permission denied")), qPrintable(historyOut)); // in metadata

    const auto [again, againOut] = ferry({QStringLiteral("sync")});
    QVERIFY2(again == 0 && againOut.contains(QStringLiteral("0 up, 0 down")), qPrintable(againOut));
    QCOMPARE(a.contents().size(), 3);
}

void TestLocalSafety::aFileTurnedIntoAFolderAndBackSyncs()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    Replica b(m_dir->path(), QStringLiteral("b"), remote());
    a.write(QStringLiteral("D"), "a file\n");
    a.write(QStringLiteral("other.md"), "x\n");
    QVERIFY(a.sync().ok);
    QVERIFY(b.sync().ok);

    QVERIFY(a.remove(QStringLiteral("D")));
    a.write(QStringLiteral("D/inside.md"), "in the folder\n");
    const sync::SyncResult turned = a.sync();
    QVERIFY2(turned.ok, qPrintable(turned.error)); // before: "D/F conflict", and every later cycle too
    QCOMPARE(remoteFiles().keys(), (QStringList{QStringLiteral("D/inside.md"), QStringLiteral("other.md")}));
    const sync::SyncResult arrived = b.sync();
    QVERIFY2(arrived.ok, qPrintable(arrived.error));
    QCOMPARE(b.contents(), a.contents());
    QCOMPARE(arrived.archived, 1); // b's copy of the file went to the versions archive first

    // And back: the folder becomes a file again on b.
    QVERIFY(QDir(b.folder() + QStringLiteral("/D")).removeRecursively());
    b.write(QStringLiteral("D"), "a file again\n");
    QVERIFY(b.sync().ok);
    QCOMPARE(remoteFiles().value(QStringLiteral("D")), QByteArray("a file again\n"));
    QVERIFY(a.sync().ok);
    QCOMPARE(a.contents(), b.contents());
    QVERIFY(a.sync().ok && b.sync().ok);
    QCOMPARE(GitCli::run(remote(), {QStringLiteral("fsck"), QStringLiteral("--strict")}).exitCode, 0);
}

void TestLocalSafety::aFileAgainstAFolderOfTheSameNameKeepsBoth_data()
{
    QTest::addColumn<bool>("fileFirst");
    QTest::newRow("the file reaches the remote first") << true;
    QTest::newRow("the folder reaches the remote first") << false;
}

void TestLocalSafety::aFileAgainstAFolderOfTheSameNameKeepsBoth()
{
    QFETCH(bool, fileFirst);
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    Replica b(m_dir->path(), QStringLiteral("b"), remote());
    a.write(QStringLiteral("seed.md"), "seed\n");
    QVERIFY(a.sync().ok);
    QVERIFY(b.sync().ok);
    a.write(QStringLiteral("notes"), "notes as a file\n");
    b.write(QStringLiteral("notes/monday.md"), "notes in a folder\n");
    Replica& first = fileFirst ? a : b;
    Replica& second = fileFirst ? b : a;
    QVERIFY(first.sync().ok);
    const sync::SyncResult clash = second.sync();
    QVERIFY2(clash.ok, qPrintable(clash.error));
    QCOMPARE(clash.keptBoth, 1);
    for (int round = 0; round < 2; ++round)
        QVERIFY(first.sync().ok && second.sync().ok);

    // Both machines and the remote: the folder keeps the name, the file sits beside it as a copy.
    QCOMPARE(a.contents(), b.contents());
    const QMap<QString, QByteArray> files = a.contents();
    QCOMPARE(files.value(QStringLiteral("notes/monday.md")), QByteArray("notes in a folder\n"));
    const QStringList copies = files.keys().filter(QStringLiteral("notes (conflict "));
    QCOMPARE(copies.size(), 1);
    QCOMPARE(files.value(copies.first()), QByteArray("notes as a file\n"));
    QCOMPARE(remoteFiles(), files);
}

void TestLocalSafety::anEditedFileWhoseNameBecameAFolderThereIsKept()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    Replica b(m_dir->path(), QStringLiteral("b"), remote());
    a.write(QStringLiteral("plan"), "v1\n");
    QVERIFY(a.sync().ok);
    QVERIFY(b.sync().ok);
    QVERIFY(b.remove(QStringLiteral("plan")));
    b.write(QStringLiteral("plan/step1.md"), "step 1\n");
    QVERIFY(b.sync().ok);
    a.write(QStringLiteral("plan"), "v2, edited meanwhile\n"); // modified here, turned into a folder there
    const sync::SyncResult r = a.sync();
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(b.sync().ok);
    QCOMPARE(a.contents(), b.contents());
    const QMap<QString, QByteArray> files = a.contents();
    QCOMPARE(files.value(QStringLiteral("plan/step1.md")), QByteArray("step 1\n"));
    const QStringList copies = files.keys().filter(QStringLiteral("plan (conflict "));
    QCOMPARE(copies.size(), 1);
    QCOMPARE(files.value(copies.first()), QByteArray("v2, edited meanwhile\n"));
    const sync::SyncResult quiet = a.sync();
    QVERIFY(quiet.ok && quiet.filesChanged() == 0);
}

// Git keeps no folders: a folder whose last file was deleted here stays on disk, empty, and nothing
// tells the other machines about it. A file of that name from the remote used to wait for "the next
// cycle" forever (the applier took the empty folder for an edit); found by tst_convergence.
void TestLocalSafety::aFileArrivingWhereAnEmptyFolderIsTakesItsPlace()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    Replica b(m_dir->path(), QStringLiteral("b"), remote());
    a.write(QStringLiteral("D/x.md"), "x\n");
    QVERIFY(a.sync().ok);
    QVERIFY(b.sync().ok);
    QVERIFY(a.remove(QStringLiteral("D/x.md"))); // the folder D stays, empty
    QVERIFY(a.sync().ok);
    QVERIFY(b.sync().ok);
    b.write(QStringLiteral("D"), "now a file\n");
    QVERIFY(b.sync().ok);

    const sync::SyncResult r = a.sync();
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY2(r.waiting == 0, qPrintable(r.notes.join(u'\n')));
    QCOMPARE(r.downloaded, 1);
    QCOMPARE(a.read(QStringLiteral("D")), QByteArray("now a file\n"));
    const sync::SyncResult quiet = a.sync();
    QVERIFY(quiet.ok && quiet.filesChanged() == 0 && quiet.waiting == 0);

    // A folder with anything in it is not empty: it stays, and the file is kept beside it.
    b.write(QStringLiteral("E"), "E as a file\n");
    QVERIFY(b.sync().ok);
    QVERIFY(QDir().mkpath(a.folder() + QStringLiteral("/E/sub")));
    a.write(QStringLiteral("E/sub/kept.md"), "kept\n");
    QVERIFY(a.sync().ok);
    QVERIFY(b.sync().ok && a.sync().ok);
    QCOMPARE(a.read(QStringLiteral("E/sub/kept.md")), QByteArray("kept\n"));
    QCOMPARE(a.contents(), b.contents());
    QCOMPARE(a.contents().keys().filter(QStringLiteral("E (conflict ")).size(), 1);
}

// Known bug, left open (found while extending tst_convergence): a folder that holds only files the
// ignore rules skip (here .DS_Store) is invisible to the scanner, so a file of its name from the remote
// is neither a type clash nor downloadable: every cycle reports "waits for the next cycle", forever.
// What should happen is a design choice (keep both as for a visible folder, or leave the remote's file
// out here like an ignored path); until then this test records the symptom.
void TestLocalSafety::aFileArrivingWhereAFolderOfIgnoredFilesIsDoesNotWaitForever()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    Replica b(m_dir->path(), QStringLiteral("b"), remote());
    a.write(QStringLiteral("D/x.md"), "x\n");
    a.write(QStringLiteral("D/.DS_Store"), "litter\n");
    QVERIFY(a.sync().ok);
    QVERIFY(b.sync().ok);
    QVERIFY(a.remove(QStringLiteral("D/x.md"))); // D now holds only an ignored file
    QVERIFY(a.sync().ok);
    QVERIFY(b.sync().ok);
    b.write(QStringLiteral("D"), "now a file\n");
    QVERIFY(b.sync().ok);

    QVERIFY(a.sync().ok);
    const sync::SyncResult again = a.sync();
    QVERIFY(again.ok);
    QCOMPARE(a.read(QStringLiteral("D/.DS_Store")), QByteArray("litter\n")); // never deleted
    QVERIFY2(again.notes.join(u'\n').contains(
                 QStringLiteral("D: a local folder of this name holds only ignored files")),
             qPrintable(again.notes.join(u'\n')));
    QEXPECT_FAIL("", "a folder of ignored files blocks a remote file of its name forever (open)", Continue);
    QCOMPARE(again.waiting, 0);
}

void TestLocalSafety::newestComparesWithThePathsOwnTime_data()
{
    // Seconds after a start: when the other machine (the git CLI) changed the file, when this machine
    // edited it offline (its mtime), and when the other machine then pushed an unrelated note.
    QTest::addColumn<int>("theirEdit");
    QTest::addColumn<int>("ourEdit");
    QTest::addColumn<QString>("outcome"); // "ours", "theirs" or "both"
    QTest::newRow("ours is later than theirs, the head is later still") << 10 << 20 << "ours";
    QTest::newRow("theirs is later") << 40 << 20 << "theirs";
    QTest::newRow("within 2 s: both kept") << 10 << 11 << "both";
}

void TestLocalSafety::newestComparesWithThePathsOwnTime()
{
    QFETCH(int, theirEdit);
    QFETCH(int, ourEdit);
    QFETCH(QString, outcome);
    const qint64 start = QDateTime::currentSecsSinceEpoch() - 1000;
    const auto at = [&](int seconds) {
        return QStringLiteral("@%1 +0000").arg(start + seconds);
    };
    pushWithGit({{QStringLiteral("app/settings.json"), "{\"v\": 1}\n"}}, at(0));
    Replica b(m_dir->path(), QStringLiteral("b"), remote());
    QVERIFY(b.sync().ok);
    pushWithGit({{QStringLiteral("app/settings.json"), "{\"v\": \"theirs\"}\n"}}, at(theirEdit));
    b.write(QStringLiteral("app/settings.json"), "{\"v\": \"ours\"}\n");
    QFile ours(b.folder() + QStringLiteral("/app/settings.json"));
    QVERIFY(ours.open(QIODevice::ReadWrite));
    QVERIFY(ours.setFileTime(QDateTime::fromSecsSinceEpoch(start + ourEdit, Qt::UTC),
                             QFileDevice::FileModificationTime));
    ours.close();
    pushWithGit({{QStringLiteral("note.md"), "unrelated\n"}}, at(50)); // the head is later than both

    const sync::SyncResult r = b.sync();
    QVERIFY2(r.ok, qPrintable(r.error));
    const QMap<QString, QByteArray> files = b.contents();
    const QStringList copies = files.keys().filter(QStringLiteral("settings (conflict "));
    if (outcome == u"ours") {
        QCOMPARE(remoteFiles().value(QStringLiteral("app/settings.json")), QByteArray("{\"v\": \"ours\"}\n"));
        QVERIFY(copies.isEmpty());
    } else if (outcome == u"theirs") {
        QCOMPARE(files.value(QStringLiteral("app/settings.json")), QByteArray("{\"v\": \"theirs\"}\n"));
        QCOMPARE(r.archived, 1); // ours lost, but kept in the versions archive
    } else {
        QCOMPARE(copies.size(), 1);
        QCOMPARE(files.value(copies.first()), QByteArray("{\"v\": \"ours\"}\n"));
        QCOMPARE(files.value(QStringLiteral("app/settings.json")), QByteArray("{\"v\": \"theirs\"}\n"));
    }
}

void TestLocalSafety::aTextNewOnBothSidesIsKeptTwiceNotMerged()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    Replica b(m_dir->path(), QStringLiteral("b"), remote());
    a.write(QStringLiteral("plan.md"), "# Plan\nfrom a\n");
    b.write(QStringLiteral("plan.md"), "# Plan\nfrom b\n"); // a new machine joining with its own copy
    QVERIFY(a.sync().ok);
    const sync::SyncResult r = b.sync();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.keptBoth, 1);
    QCOMPARE(r.merged, 0);
    QVERIFY(a.sync().ok);
    QCOMPARE(a.contents(), b.contents());
    for (const QByteArray& content : b.contents())
        QVERIFY2(!content.contains("<<<<<<<"), content.constData()); // never two whole copies in markers
    QCOMPARE(b.contents().value(QStringLiteral("plan.md")), QByteArray("# Plan\nfrom a\n"));
    const QStringList copies = b.contents().keys().filter(QStringLiteral("plan (conflict "));
    QCOMPARE(copies.size(), 1);
    QCOMPARE(b.contents().value(copies.first()), QByteArray("# Plan\nfrom b\n"));
}

void TestLocalSafety::theSameNewFileOnBothSidesConvergesSilently()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    Replica b(m_dir->path(), QStringLiteral("b"), remote());
    a.write(QStringLiteral("plan.md"), "same\n");
    b.write(QStringLiteral("plan.md"), "same\n");
    QVERIFY(a.sync().ok);
    const sync::SyncResult r = b.sync();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.conflicts, 0);
    QCOMPARE(b.contents().size(), 1);
}

void TestLocalSafety::aDownloadKeepsTheModeOfTheFileItReplaces()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    Replica b(m_dir->path(), QStringLiteral("b"), remote());
    a.write(QStringLiteral("secret.md"), "v1\n");
    a.write(QStringLiteral("run.sh"), "#!/bin/sh\necho hi\n");
    QVERIFY(QFile::setPermissions(a.folder() + QStringLiteral("/run.sh"),
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup |
                                      QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther));
    QVERIFY(a.sync().ok);
    const mode_t before = ::umask(077); // new files on b: private
    const sync::SyncResult first = b.sync();
    ::umask(before);
    QVERIFY(first.ok);
    const auto mode = [&](const QString& name) {
        struct stat st;
        return ::stat(QFile::encodeName(b.folder() + u'/' + name).constData(), &st) == 0
                   ? int(st.st_mode & 0777)
                   : -1;
    };
    QCOMPARE(mode(QStringLiteral("secret.md")), 0600); // the umask's mode
    QCOMPARE(mode(QStringLiteral("run.sh")), 0700);    // and git's executable bit, where it may read

    // Made shareable by hand on b; a's next edit replaces the content, not the mode.
    QVERIFY(::chmod(QFile::encodeName(b.folder() + QStringLiteral("/secret.md")).constData(), 0640) == 0);
    QVERIFY(b.sync().ok);
    a.write(QStringLiteral("secret.md"), "v2\n");
    QVERIFY(a.sync().ok);
    QVERIFY(b.sync().ok);
    QCOMPARE(b.read(QStringLiteral("secret.md")), QByteArray("v2\n"));
    QCOMPARE(mode(QStringLiteral("secret.md")), 0640);

    // The issue's case: a 0600 file updated from the remote stays 0600 (it came back 0644); a new
    // executable under the usual umask 022 arrives 0755.
    QVERIFY(::chmod(QFile::encodeName(b.folder() + QStringLiteral("/secret.md")).constData(), 0600) == 0);
    QVERIFY(b.sync().ok);
    a.write(QStringLiteral("secret.md"), "v3\n");
    a.write(QStringLiteral("tool.sh"), "#!/bin/sh\n");
    QVERIFY(QFile::setPermissions(a.folder() + QStringLiteral("/tool.sh"),
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    QVERIFY(a.sync().ok);
    const mode_t usual = ::umask(022);
    const sync::SyncResult third = b.sync();
    ::umask(usual);
    QVERIFY(third.ok);
    QCOMPARE(b.read(QStringLiteral("secret.md")), QByteArray("v3\n"));
    QCOMPARE(mode(QStringLiteral("secret.md")), 0600);
    QCOMPARE(mode(QStringLiteral("tool.sh")), 0755);
}

void TestLocalSafety::overlappingFoldersAndADataDirectoryInsideAFolderAreRefused()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    const QString config = a.writeConfig();
    const auto ferry = [&](const QString& dataDir, const QStringList& args) {
        const test::FerryProcess::Result run = test::FerryProcess(config, dataDir).run(args, 30000);
        return std::make_pair(run.exitCode, run.output());
    };
    QDir().mkpath(a.folder() + QStringLiteral("/mem"));
    const auto [nested, nestedOut] =
        ferry(a.dataDir(), {QStringLiteral("init"), QStringLiteral("--profile"), QStringLiteral("mem"),
                            QStringLiteral("--remote"), remote(), QStringLiteral("--folder"),
                            a.folder() + QStringLiteral("/mem=memories")});
    QCOMPARE(nested, 2);
    QVERIFY2(nestedOut.contains(QStringLiteral("profiles[1].folders[0].local")) &&
                 nestedOut.contains(QStringLiteral("(profiles[0].folders[0].local)")),
             qPrintable(nestedOut));
    const auto [inside, insideOut] = ferry(a.folder() + QStringLiteral("/.data"), {QStringLiteral("sync")});
    QCOMPARE(inside, 2);
    QVERIFY2(insideOut.contains(QStringLiteral("the data directory")), qPrintable(insideOut));
    QVERIFY(!QDir(a.folder() + QStringLiteral("/.data")).exists());
}

QTEST_GUILESS_MAIN(TestLocalSafety)
#include "tst_localsafety.moc"
