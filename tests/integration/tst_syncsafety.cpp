#include "core/config/paths.h"
#include "core/sync/conflictresolver.h"
#include "core/sync/versionstore.h"
#include "tests/support/ferryprocess.h"
#include "tests/support/gitcli.h"
#include "tests/support/replica.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace ferry;
using test::GitCli;
using test::Replica;

// What must never go wrong, driven through the real `ferry` binary: a crash at any point loses no
// edit, an unreachable remote fails clearly and catches up later, and nothing mass-deletes unasked.
class TestSyncSafety : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void aCrashAtAnyPointLosesNoEdit_data();
    void aCrashAtAnyPointLosesNoEdit();
    void anUnreachableRemoteFailsClearlyAndQueuedChangesGoUpWhenItIsBack();
    void aMissingFolderPausesTheProfileInsteadOfDeleting();
    void deletingMostFilesIsHeldUntilAllowed();
    void everyLocalVersionReplacedByTheRemoteIsArchivedAndRestorable();
    void aLocalFileThatCannotBeArchivedIsNotReplaced();
    void oneProcessAtATimeWorksOnAProfile();

private:
    struct Run
    {
        int exitCode = -1;
        bool crashed = false;
        QString out;
        QString err;
    };
    Run ferry(const Replica& r, const QStringList& args, const QByteArray& failpoint = {});
    QString remote() const { return m_dir->path() + QStringLiteral("/remote.git"); }
    int remoteFileCount() const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestSyncSafety::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    GitCli::ok(m_dir->path(),
               {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), remote()});
}

TestSyncSafety::Run TestSyncSafety::ferry(const Replica& r, const QStringList& args,
                                          const QByteArray& failpoint)
{
    test::FerryProcess ferry(r.writeConfig(), r.dataDir());
    ferry.env(QStringLiteral("FERRY_RETRY_BASE_MS"), QStringLiteral("1"));
    if (!failpoint.isEmpty())
        ferry.env(QStringLiteral("FERRY_FAILPOINT"), QString::fromLatin1(failpoint));
    const test::FerryProcess::Result run = ferry.run(args, 120000);
    return {run.exitCode, run.crashed, run.out, run.err};
}

int TestSyncSafety::remoteFileCount() const
{
    return int(test::filesInBranch(remote(), QStringLiteral("sync"), QStringLiteral("shared/docs")).size());
}

void TestSyncSafety::aCrashAtAnyPointLosesNoEdit_data()
{
    QTest::addColumn<QByteArray>("failpoint");
    for (const char* point : {"after-blobs", "after-commit", "after-push", "mid-apply"})
        QTest::newRow(point) << QByteArray(point);
}

void TestSyncSafety::aCrashAtAnyPointLosesNoEdit()
{
    QFETCH(QByteArray, failpoint);
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    Replica b(m_dir->path(), QStringLiteral("b"), remote());
    for (int i = 0; i < 10; ++i)
        a.write(QStringLiteral("f%1.md").arg(i), "v1 " + QByteArray::number(i) + '\n');
    QCOMPARE(ferry(a, {QStringLiteral("sync")}).exitCode, 0);
    QCOMPARE(ferry(b, {QStringLiteral("sync")}).exitCode, 0);

    // B changes the remote; A changes other files locally, then A dies at the failpoint.
    QMap<QString, QByteArray> expected = a.contents();
    const auto change = [&](const Replica& r, const QString& name, const QByteArray& content) {
        r.write(name, content);
        expected[name] = content;
    };
    for (int i = 0; i < 4; ++i)
        change(b, QStringLiteral("f%1.md").arg(i), "v2 from b\n");
    change(b, QStringLiteral("b-new-1.md"), "b new\n");
    change(b, QStringLiteral("b-new-2.md"), "b new\n");
    b.remove(QStringLiteral("f9.md"));
    expected.remove(QStringLiteral("f9.md"));
    QCOMPARE(ferry(b, {QStringLiteral("sync")}).exitCode, 0);
    change(a, QStringLiteral("f5.md"), "v2 from a\n");
    change(a, QStringLiteral("f6.md"), "v2 from a\n");
    change(a, QStringLiteral("a-new.md"), "a new\n");
    a.remove(QStringLiteral("f8.md"));
    expected.remove(QStringLiteral("f8.md"));

    const Run crashed = ferry(a, {QStringLiteral("sync")}, failpoint);
    QVERIFY2(crashed.crashed || crashed.exitCode == 137,
             qPrintable(QStringLiteral("did not stop at %1: %2 %3")
                            .arg(QString::fromLatin1(failpoint), crashed.out, crashed.err)));
    const Run recovered = ferry(a, {QStringLiteral("sync")});
    QVERIFY2(recovered.exitCode == 0, qPrintable(recovered.err));
    QCOMPARE(ferry(b, {QStringLiteral("sync")}).exitCode, 0);

    QCOMPARE(a.contents(), expected);
    QCOMPARE(b.contents(), expected);
    QCOMPARE(test::filesInBranch(remote(), QStringLiteral("sync"), QStringLiteral("shared/docs")), expected);
    QCOMPARE(GitCli::run(remote(), {QStringLiteral("fsck"), QStringLiteral("--strict")}).exitCode, 0);
    const Run quiet = ferry(a, {QStringLiteral("sync")});
    QVERIFY2(quiet.out.contains(QStringLiteral("0 up, 0 down")),
             qPrintable(quiet.out)); // converged: nothing moves
}

void TestSyncSafety::anUnreachableRemoteFailsClearlyAndQueuedChangesGoUpWhenItIsBack()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    a.write(QStringLiteral("one.md"), "one\n");
    QCOMPARE(ferry(a, {QStringLiteral("sync")}).exitCode, 0);

    QVERIFY(QDir().rename(remote(), remote() + QStringLiteral(".away")));
    a.write(QStringLiteral("offline.md"), "written while offline\n");
    const Run failed = ferry(a, {QStringLiteral("sync")});
    QCOMPARE(failed.exitCode, 1);
    QVERIFY2(failed.err.contains(QStringLiteral("cannot fetch sync from")), qPrintable(failed.err));
    const Run status = ferry(a, {QStringLiteral("status"), QStringLiteral("--json")});
    const QJsonObject health =
        QJsonDocument::fromJson(status.out.toUtf8())[QStringLiteral("profiles")][0][QStringLiteral("state")]
                                                    [QStringLiteral("sync_health")]
                                                        .toObject();
    QCOMPARE(health[QStringLiteral("status")].toString(), QStringLiteral("degraded"));
    QCOMPARE(health[QStringLiteral("consecutive_failures")].toInt(), 1);
    QVERIFY(health[QStringLiteral("last_error")].toString().contains(QStringLiteral("cannot fetch")));

    QVERIFY(QDir().rename(remote() + QStringLiteral(".away"), remote()));
    const Run back = ferry(a, {QStringLiteral("sync")});
    QVERIFY2(back.exitCode == 0, qPrintable(back.err));
    QCOMPARE(test::filesInBranch(remote(), QStringLiteral("sync"), QStringLiteral("shared/docs"))
                 .value(QStringLiteral("offline.md")),
             QByteArray("written while offline\n"));
    const QJsonObject healed =
        QJsonDocument::fromJson(
            ferry(a, {QStringLiteral("status"), QStringLiteral("--json")}).out.toUtf8())[QStringLiteral(
            "profiles")][0][QStringLiteral("state")][QStringLiteral("sync_health")]
            .toObject();
    QCOMPARE(healed[QStringLiteral("status")].toString(), QStringLiteral("healthy"));
}

void TestSyncSafety::aMissingFolderPausesTheProfileInsteadOfDeleting()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    for (int i = 0; i < 5; ++i)
        a.write(QStringLiteral("f%1.md").arg(i), "x\n");
    QCOMPARE(ferry(a, {QStringLiteral("sync")}).exitCode, 0);
    const QString config = a.writeConfig(); // written while the folder exists (the config checks it)

    const QString moved = a.folder() + QStringLiteral(".unmounted");
    QVERIFY(QDir().rename(a.folder(), moved));
    const test::FerryProcess::Result run =
        test::FerryProcess(config, a.dataDir()).run({QStringLiteral("sync")});
    QCOMPARE(run.exitCode, 1); // the engine's guard, not a refused config: other profiles would go on
    const QString& err = run.err;
    QVERIFY2(
        err.contains(QStringLiteral("is missing (unmounted drive or moved folder?); the profile is paused")),
        qPrintable(err));
    QCOMPARE(remoteFileCount(), 5);

    // The drive comes back as an empty mount point: still no deletion.
    QVERIFY(QDir().mkpath(a.folder()));
    const Run empty = ferry(a, {QStringLiteral("sync")});
    QCOMPARE(empty.exitCode, 1);
    QVERIFY2(empty.err.contains(QStringLiteral("lost its .ferry-folder marker")), qPrintable(empty.err));
    QCOMPARE(remoteFileCount(), 5);

    QVERIFY(QDir(a.folder()).removeRecursively());
    QVERIFY(QDir().rename(moved, a.folder()));
    const Run remounted = ferry(a, {QStringLiteral("sync")});
    QCOMPARE(remounted.exitCode, 0);
    QVERIFY(remounted.out.contains(QStringLiteral("0 up, 0 down")));
}

void TestSyncSafety::deletingMostFilesIsHeldUntilAllowed()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    for (int i = 0; i < 100; ++i)
        a.write(QStringLiteral("f%1.md").arg(i), "x\n");
    QCOMPARE(ferry(a, {QStringLiteral("sync")}).exitCode, 0);

    for (int i = 0; i < 70; ++i)
        a.remove(QStringLiteral("f%1.md").arg(i));
    a.write(QStringLiteral("new.md"), "the rest still syncs\n");
    const Run held = ferry(a, {QStringLiteral("sync")});
    QCOMPARE(held.exitCode, 0);
    QVERIFY2(held.out.contains(QStringLiteral("70 deletions held")), qPrintable(held.out));
    QCOMPARE(remoteFileCount(), 101);
    const QJsonObject status =
        QJsonDocument::fromJson(ferry(a, {QStringLiteral("history"), QStringLiteral("--json")}).out.toUtf8())
            .array()
            .first()
            .toObject();
    QCOMPARE(status[QStringLiteral("status")].toString(), QStringLiteral("partial"));
    QCOMPARE(status[QStringLiteral("metadata")][QStringLiteral("held_deletions")].toInt(), 70);

    const Run allowed = ferry(a, {QStringLiteral("sync"), QStringLiteral("--allow-mass-delete")});
    QCOMPARE(allowed.exitCode, 0);
    QCOMPARE(remoteFileCount(), 31);
}

void TestSyncSafety::everyLocalVersionReplacedByTheRemoteIsArchivedAndRestorable()
{
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    Replica beta(m_dir->path(), QStringLiteral("beta"), remote());
    alpha.write(QStringLiteral("notes.md"), "alpha's words\n");
    QVERIFY(alpha.sync().ok);
    QVERIFY(beta.sync().ok);
    beta.write(QStringLiteral("notes.md"), "beta's words\n");
    QVERIFY(beta.sync().ok);
    const sync::SyncResult overwritten = alpha.sync();
    QVERIFY(overwritten.ok);
    QCOMPARE(overwritten.archived, 1);
    QCOMPARE(alpha.read(QStringLiteral("notes.md")), QByteArray("beta's words\n"));
    QVERIFY(beta.remove(QStringLiteral("notes.md")));
    QVERIFY(beta.sync().ok);
    QVERIFY(alpha.sync().ok);
    QVERIFY(!QFile::exists(alpha.folder() + QStringLiteral("/notes.md")));

    // `ferry versions` lists both replaced versions, newest first; `ferry restore` brings one back.
    const Run listed = ferry(alpha, {QStringLiteral("versions"), QStringLiteral("shared/docs/notes.md"),
                                     QStringLiteral("--json")});
    QCOMPARE(listed.exitCode, 0);
    const QJsonArray rows = QJsonDocument::fromJson(listed.out.toUtf8()).array();
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0][QStringLiteral("reason")].toString(), QStringLiteral("deleted on the remote"));
    QCOMPARE(rows[1][QStringLiteral("reason")].toString(),
             QStringLiteral("overwritten by the remote version"));
    const QString first = rows[1][QStringLiteral("id")].toString();
    const Run restored = ferry(alpha, {QStringLiteral("restore"), first});
    QVERIFY2(restored.exitCode == 0, qPrintable(restored.err));
    QCOMPARE(alpha.read(QStringLiteral("notes.md")), QByteArray("alpha's words\n"));
    // The restored file is an ordinary local change: the next sync takes it to the other replica.
    QVERIFY(alpha.sync().ok);
    QVERIFY(beta.sync().ok);
    QCOMPARE(beta.read(QStringLiteral("notes.md")), QByteArray("alpha's words\n"));
    const Run unknown = ferry(alpha, {QStringLiteral("restore"), QStringLiteral("20260101T000000000Z-0")});
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY2(unknown.err.contains(QStringLiteral("no archived version")), qPrintable(unknown.err));
}

void TestSyncSafety::aLocalFileThatCannotBeArchivedIsNotReplaced()
{
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    Replica beta(m_dir->path(), QStringLiteral("beta"), remote());
    alpha.write(QStringLiteral("notes.md"), "one\n");
    QVERIFY(alpha.sync().ok);
    QVERIFY(beta.sync().ok);
    beta.write(QStringLiteral("notes.md"), "two\n");
    QVERIFY(beta.sync().ok);
    // A file where alpha's versions folder should be: archiving fails as on a full disk.
    const QString versions = config::Paths::versionsDir(alpha.dataDir(), alpha.profile().name);
    QDir().mkpath(QFileInfo(versions).absolutePath());
    QFile block(versions);
    QVERIFY(block.open(QIODevice::WriteOnly));
    block.close();
    const sync::SyncResult r = alpha.sync();
    QVERIFY(r.ok);
    QCOMPARE(r.waiting, 1);
    QCOMPARE(r.downloaded, 0);
    QCOMPARE(alpha.read(QStringLiteral("notes.md")), QByteArray("one\n"));
    QVERIFY2(r.notes.join(u'\n').contains(QStringLiteral("left as it is")), qPrintable(r.notes.join(u'\n')));
    // Once it can archive again, the remote version lands and the old one is kept.
    QVERIFY(QFile::remove(versions));
    const sync::SyncResult after = alpha.sync();
    QVERIFY(after.ok);
    QCOMPARE(after.downloaded, 1);
    QCOMPARE(alpha.read(QStringLiteral("notes.md")), QByteArray("two\n"));
    const auto kept = sync::VersionStore(versions).list(QStringLiteral("shared/docs/notes.md")).value();
    QCOMPARE(kept.size(), 1);
    QCOMPARE(sync::VersionStore(versions).content(kept[0].id).value(), QByteArray("one\n"));
}

void TestSyncSafety::oneProcessAtATimeWorksOnAProfile()
{
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    alpha.write(QStringLiteral("a.md"), "one\n");
    QVERIFY(alpha.sync().ok);
    alpha.write(QStringLiteral("a.md"), "two\n");
    // As if `ferry sync --watch` were in the middle of a cycle of this profile.
    QLockFile busy(config::Paths::profileDir(alpha.dataDir(), QStringLiteral("alpha")) +
                   QStringLiteral("/lock"));
    QVERIFY(busy.tryLock(0));
    qputenv("FERRY_LOCK_WAIT_MS", "200");
    const Run blocked = ferry(alpha, {QStringLiteral("sync")});
    QCOMPARE(blocked.exitCode, 1);
    QVERIFY2(blocked.err.contains(QStringLiteral("profile alpha is busy: another Ferry process (pid %1")
                                      .arg(QCoreApplication::applicationPid())),
             qPrintable(blocked.err));
    const Status resolving = sync::ConflictResolver(alpha.profile(), alpha.dataDir())
                                 .resolve(QStringLiteral("any"), sync::ConflictResolver::Take::Local);
    QVERIFY(!resolving);
    QCOMPARE(resolving.error().kind, ErrorKind::Conflict);
    qunsetenv("FERRY_LOCK_WAIT_MS");
    QCOMPARE(test::filesInBranch(remote(), QStringLiteral("sync"), QStringLiteral("shared/docs"))
                 .value(QStringLiteral("a.md")),
             QByteArray("one\n")); // nothing went up while the profile was busy
    busy.unlock();
    const Run after = ferry(alpha, {QStringLiteral("sync")});
    QVERIFY2(after.exitCode == 0, qPrintable(after.err));
    QCOMPARE(test::filesInBranch(remote(), QStringLiteral("sync"), QStringLiteral("shared/docs"))
                 .value(QStringLiteral("a.md")),
             QByteArray("two\n"));
}

QTEST_GUILESS_MAIN(TestSyncSafety)
#include "tst_syncsafety.moc"
