// Sync safety, remote side: what a remote does (emptied, replaced, rewritten, rolled back, refusing)
// never costs a local file, never makes Ferry push a parentless commit onto a branch with history, and
// is reported with what to do. Real bare repositories, the git CLI as the other writer, `git daemon`
// for a server that runs hooks.
#include "core/config/paths.h"
#include "core/store/runrecord.h"
#include "core/sync/syncengine.h"
#include "core/sync/versionstore.h"
#include "tests/support/ferryprocess.h"
#include "tests/support/gitcli.h"
#include "tests/support/gitdaemon.h"
#include "tests/support/replica.h"
#include "tests/support/tcptrap.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QProcess>
#include <QtConcurrent/QtConcurrentRun>
#include <QTemporaryDir>
#include <QTest>

using namespace ferry;
using test::GitCli;
using test::Replica;

namespace {

// What happened to the remote branch behind the replica's back.
enum class Reset {
    BranchDeleted,     // `git push origin :sync`
    RepositoryEmptied, // the repository was recreated empty at the same place
    RemoteChanged,     // the profile's remote now names a new, empty repository
    UnrelatedHistory,  // someone force-pushed a history that shares nothing with ours
    OlderCommit,       // someone force-pushed an older commit of our own history (a rollback)
};

} // namespace

Q_DECLARE_METATYPE(Reset)

class TestRemoteSafety : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void aResetRemoteNeverCostsALocalFile_data();
    void aResetRemoteNeverCostsALocalFile();
    void reuploadPutsTheLocalFilesOntoTheNewHistory_data();
    void reuploadPutsTheLocalFilesOntoTheNewHistory();
    void acceptRemoteTakesTheRemoteTreeAndArchivesWhatGoes();
    void aRestoredBranchEndsThePauseByItself();
    void theCommandLineSaysWhatHappenedAndWhatToDo();
    void aPushRefusedByTheServerIsReportedNotRetried();
    void aRemoteThatStopsAnsweringIsCutAndRetried_data();
    void aRemoteThatStopsAnsweringIsCutAndRetried();
    void aStopEndsATransferInProgressAtOnce();
    void theDaemonEndsOnSigtermMidTransfer();
    void aTokenIsNeverSentOverPlainHttpNorWrittenAnywhere();
    void aTokenInTheRemoteUrlIsRefusedAndNotRepeated();
    void aFileOverTheSizeLimitIsHeldAndTheRestSyncs();

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
    };
    Run ferry(const Replica& r, const QStringList& args, const QProcessEnvironment& extra = {});
    QString remote() const { return m_dir->path() + QStringLiteral("/remote.git"); }
    // A replica with `files` files synced; for OlderCommit, a second cycle adds one more file.
    std::unique_ptr<Replica> syncedReplica(int files, Reset reset);
    void doReset(Replica& replica, Reset reset);
    QString head(const QString& bareRepo) const;
    QStringList roots(const QString& bareRepo) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_firstHead; // the replica's first pushed head
};

void TestRemoteSafety::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    GitCli::ok(m_dir->path(),
               {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), remote()});
}

TestRemoteSafety::Run TestRemoteSafety::ferry(const Replica& r, const QStringList& args,
                                              const QProcessEnvironment& extra)
{
    test::FerryProcess ferry(r.writeConfig(), r.dataDir());
    ferry.env(QStringLiteral("FERRY_RETRY_BASE_MS"), QStringLiteral("1"));
    for (const QString& key : extra.keys())
        ferry.env(key, extra.value(key));
    const test::FerryProcess::Result run = ferry.run(args, 120000);
    return {run.exitCode, run.output()};
}

QString TestRemoteSafety::head(const QString& bareRepo) const
{
    const GitCli::Output o =
        GitCli::run(bareRepo, {QStringLiteral("rev-parse"), QStringLiteral("-q"), QStringLiteral("--verify"),
                               QStringLiteral("refs/heads/sync")});
    return QString::fromLatin1(o.out.trimmed());
}

QStringList TestRemoteSafety::roots(const QString& bareRepo) const
{
    const QByteArray out = GitCli::ok(
        bareRepo, {QStringLiteral("rev-list"), QStringLiteral("--max-parents=0"), QStringLiteral("sync")});
    return QString::fromLatin1(out).split(u'\n', Qt::SkipEmptyParts);
}

std::unique_ptr<Replica> TestRemoteSafety::syncedReplica(int files, Reset reset)
{
    auto a = std::make_unique<Replica>(m_dir->path(), QStringLiteral("a"), remote());
    for (int i = 0; i < files; ++i)
        a->write(QStringLiteral("notes/n%1.md").arg(i), "note " + QByteArray::number(i) + '\n');
    const sync::SyncResult first = a->sync();
    if (!first.ok)
        QTest::qFail(qPrintable(first.error), __FILE__, __LINE__);
    m_firstHead = head(remote());
    if (reset == Reset::OlderCommit) {
        a->write(QStringLiteral("later.md"), "written after the first sync\n");
        if (!a->sync().ok)
            QTest::qFail("second sync failed", __FILE__, __LINE__);
    }
    return a;
}

void TestRemoteSafety::doReset(Replica& a, Reset reset)
{
    switch (reset) {
    case Reset::BranchDeleted:
        GitCli::ok(remote(),
                   {QStringLiteral("update-ref"), QStringLiteral("-d"), QStringLiteral("refs/heads/sync")});
        break;
    case Reset::RepositoryEmptied:
        QVERIFY(QDir(remote()).removeRecursively());
        GitCli::ok(m_dir->path(),
                   {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), remote()});
        break;
    case Reset::RemoteChanged: {
        const QString moved = m_dir->path() + QStringLiteral("/moved.git");
        GitCli::ok(m_dir->path(),
                   {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), moved});
        a.profile().remote = moved;
        break;
    }
    case Reset::UnrelatedHistory: {
        const QString work = m_dir->path() + QStringLiteral("/other");
        GitCli::ok(m_dir->path(), {QStringLiteral("init"), QStringLiteral("-q"), work});
        QDir().mkpath(work + QStringLiteral("/shared/docs"));
        QFile f(work + QStringLiteral("/shared/docs/theirs.md"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("from another history\n");
        f.close();
        GitCli::ok(work, {QStringLiteral("add"), QStringLiteral("-A")});
        GitCli::ok(work, {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"),
                          QStringLiteral("other")});
        GitCli::ok(work, {QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("--force"), remote(),
                          QStringLiteral("HEAD:refs/heads/sync")});
        break;
    }
    case Reset::OlderCommit:
        GitCli::ok(remote(), {QStringLiteral("update-ref"), QStringLiteral("refs/heads/sync"), m_firstHead});
        break;
    }
}

void TestRemoteSafety::aResetRemoteNeverCostsALocalFile_data()
{
    QTest::addColumn<Reset>("reset");
    QTest::addColumn<int>("files");
    const QList<QPair<const char*, Reset>> resets = {
        {"branch deleted", Reset::BranchDeleted},
        {"repository emptied", Reset::RepositoryEmptied},
        {"remote changed to a new repository", Reset::RemoteChanged},
        {"unrelated history force-pushed", Reset::UnrelatedHistory},
        {"older commit force-pushed", Reset::OlderCommit}};
    for (const auto& [name, reset] : resets) {
        // Fewer and more files than the mass-deletion guard's threshold (50).
        QTest::addRow("%s, 12 files", name) << reset << 12;
        QTest::addRow("%s, 80 files", name) << reset << 80;
    }
}

void TestRemoteSafety::aResetRemoteNeverCostsALocalFile()
{
    QFETCH(Reset, reset);
    QFETCH(int, files);
    std::unique_ptr<Replica> a = syncedReplica(files, reset);
    const QMap<QString, QByteArray> before = a->contents();
    doReset(*a, reset);
    const QString remoteNow = reset == Reset::RemoteChanged ? a->profile().remote : remote();
    const QString headAfterReset = head(remoteNow);

    // A local edit too: before the fix, any upload pushed a parentless commit that spread the wipe.
    a->write(QStringLiteral("notes/n0.md"), "edited after the reset\n");
    QMap<QString, QByteArray> expected = before;
    expected[QStringLiteral("notes/n0.md")] = "edited after the reset\n";
    for (int cycle = 0; cycle < 2; ++cycle) { // it stays paused: nothing resolves itself
        const sync::SyncResult r = a->sync();
        QVERIFY(!r.ok);
        QVERIFY(r.paused);
        QVERIFY(r.remoteReset);
        QVERIFY2(r.error.contains(QStringLiteral("--reupload")) &&
                     r.error.contains(QStringLiteral("--accept-remote")),
                 qPrintable(r.error));
        QVERIFY2(r.error.contains(QStringLiteral("nothing was changed")), qPrintable(r.error));
        QCOMPARE(r.deletedLocal + r.uploaded + r.deletedRemote + r.downloaded, 0);
        QCOMPARE(a->contents(), expected);
        QCOMPARE(head(remoteNow), headAfterReset); // nothing pushed
    }
    const sync::SyncState state = a->state();
    QCOMPARE(state.health.status, sync::Health::Paused);
    QVERIFY(state.remoteReset.has_value());
    QCOMPARE(state.remoteReset->newHead, headAfterReset);
    QVERIFY(!state.remoteReset->lastHead.isEmpty());
}

void TestRemoteSafety::reuploadPutsTheLocalFilesOntoTheNewHistory_data()
{
    QTest::addColumn<Reset>("reset");
    QTest::newRow("branch deleted") << Reset::BranchDeleted;
    QTest::newRow("repository emptied") << Reset::RepositoryEmptied;
    QTest::newRow("remote changed to a new repository") << Reset::RemoteChanged;
    QTest::newRow("unrelated history force-pushed") << Reset::UnrelatedHistory;
    QTest::newRow("older commit force-pushed") << Reset::OlderCommit;
}

void TestRemoteSafety::reuploadPutsTheLocalFilesOntoTheNewHistory()
{
    QFETCH(Reset, reset);
    std::unique_ptr<Replica> a = syncedReplica(60, reset);
    const QString syncedHead = head(remote());
    doReset(*a, reset);
    const QString remoteNow = reset == Reset::RemoteChanged ? a->profile().remote : remote();
    const QString headAfterReset = head(remoteNow);
    a->write(QStringLiteral("notes/n1.md"), "edited while paused\n");
    QVERIFY(!a->sync().ok);

    sync::SyncOptions reupload;
    reupload.resetChoice = sync::ResetChoice::Reupload;
    const sync::SyncResult r = a->sync(reupload);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.deletedLocal, 0);
    QCOMPARE(r.deletedRemote, 0);

    // Every local file is on the remote as it is here; what the new history had is here too.
    const QMap<QString, QByteArray> remoteFiles =
        test::filesInBranch(remoteNow, QStringLiteral("sync"), QStringLiteral("shared/docs"));
    const QMap<QString, QByteArray> local = a->contents();
    for (auto it = local.begin(); it != local.end(); ++it)
        QCOMPARE(remoteFiles.value(it.key()), it.value());
    QCOMPARE(local.size(), remoteFiles.size());
    if (reset == Reset::UnrelatedHistory)
        QCOMPARE(local.value(QStringLiteral("theirs.md")), QByteArray("from another history\n"));
    QCOMPARE(local.size(), reset == Reset::UnrelatedHistory ? 61 : reset == Reset::OlderCommit ? 61 : 60);

    // A normal child commit: one root in the branch's history, and the history it continues is the
    // remote's (or, where the branch was gone, ours).
    QCOMPARE(roots(remoteNow).size(), 1);
    const QString continued = headAfterReset.isEmpty() ? syncedHead : headAfterReset;
    QCOMPARE(GitCli::run(remoteNow, {QStringLiteral("merge-base"), QStringLiteral("--is-ancestor"), continued,
                                     QStringLiteral("sync")})
                 .exitCode,
             0);
    QCOMPARE(GitCli::run(remoteNow, {QStringLiteral("fsck"), QStringLiteral("--strict")}).exitCode, 0);
    QCOMPARE(a->state().health.status, sync::Health::Healthy);
    QVERIFY(!a->state().remoteReset.has_value());
    const sync::SyncResult quiet = a->sync();
    QVERIFY2(quiet.ok && quiet.filesChanged() == 0, qPrintable(quiet.summary()));
}

void TestRemoteSafety::acceptRemoteTakesTheRemoteTreeAndArchivesWhatGoes()
{
    std::unique_ptr<Replica> a = syncedReplica(8, Reset::UnrelatedHistory);
    doReset(*a, Reset::UnrelatedHistory);
    a->write(QStringLiteral("unsent.md"), "never pushed\n");
    QVERIFY(!a->sync().ok);

    sync::SyncOptions take;
    take.resetChoice = sync::ResetChoice::TakeRemote;
    const sync::SyncResult r = a->sync(take);
    QVERIFY2(r.ok, qPrintable(r.error));
    const QMap<QString, QByteArray> expected{{QStringLiteral("theirs.md"), "from another history\n"}};
    QCOMPARE(a->contents(), expected);
    QCOMPARE(test::filesInBranch(remote(), QStringLiteral("sync"), QStringLiteral("shared/docs")), expected);
    QCOMPARE(r.uploaded, 0);
    // Each local file that went is in the versions archive, the unsent one included.
    const sync::VersionStore versions(config::Paths::versionsDir(a->dataDir(), a->profile().name));
    const QList<sync::ArchivedVersion> kept = versions.list().value();
    QCOMPARE(kept.size(), 9);
    const auto unsent = std::find_if(kept.begin(), kept.end(), [](const sync::ArchivedVersion& v) {
        return v.path == QStringLiteral("shared/docs/unsent.md");
    });
    QVERIFY(unsent != kept.end());
    QCOMPARE(versions.content(unsent->id).value(), QByteArray("never pushed\n"));
}

void TestRemoteSafety::aRestoredBranchEndsThePauseByItself()
{
    std::unique_ptr<Replica> a = syncedReplica(5, Reset::BranchDeleted);
    const QString synced = head(remote());
    doReset(*a, Reset::BranchDeleted);
    QVERIFY(a->sync().remoteReset);
    GitCli::ok(remote(), {QStringLiteral("update-ref"), QStringLiteral("refs/heads/sync"), synced});
    const sync::SyncResult r = a->sync();
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(!a->state().remoteReset.has_value());
    QCOMPARE(a->state().health.status, sync::Health::Healthy);
}

void TestRemoteSafety::theCommandLineSaysWhatHappenedAndWhatToDo()
{
    std::unique_ptr<Replica> a = syncedReplica(3, Reset::UnrelatedHistory);
    doReset(*a, Reset::UnrelatedHistory);
    const auto ferry = [&](const QStringList& args) {
        const test::FerryProcess::Result run =
            test::FerryProcess(a->writeConfig(), a->dataDir())
                .env(QStringLiteral("FERRY_RETRY_BASE_MS"), QStringLiteral("1"))
                .run(args, 60000);
        return std::make_pair(run.exitCode, run.output());
    };
    const auto [paused, said] = ferry({QStringLiteral("sync")});
    QCOMPARE(paused, 1);
    QVERIFY2(said.contains(QStringLiteral("paused")) &&
                 said.contains(QStringLiteral("rewritten or replaced")) &&
                 said.contains(QStringLiteral("ferry sync a --reupload")),
             qPrintable(said));
    const auto [status, statusOut] = ferry({QStringLiteral("status")});
    QCOMPARE(status, 0);
    QVERIFY2(statusOut.contains(QStringLiteral("paused")), qPrintable(statusOut));
    QCOMPARE(ferry({QStringLiteral("sync"), QStringLiteral("--reupload"), QStringLiteral("--accept-remote")})
                 .first,
             2);
    const auto [chosen, chosenOut] = ferry({QStringLiteral("sync"), QStringLiteral("--reupload")});
    QVERIFY2(chosen == 0, qPrintable(chosenOut));
    QCOMPARE(test::filesInBranch(remote(), QStringLiteral("sync"), QStringLiteral("shared/docs")).size(), 4);
}

void TestRemoteSafety::aPushRefusedByTheServerIsReportedNotRetried()
{
    test::GitDaemon daemon(m_dir->path());
    QVERIFY(daemon.isRunning());
    QVERIFY(
        test::installHook(remote(), QStringLiteral("pre-receive"),
                          "#!/bin/sh\necho 'GH006: Protected branch update failed for refs/heads/sync.' >&2\n"
                          "echo 'error: Changes must be made through a pull request.' >&2\nexit 1\n"));
    Replica a(m_dir->path(), QStringLiteral("a"), daemon.url(QStringLiteral("remote.git")));
    a.write(QStringLiteral("note.md"), "refused\n");
    const sync::SyncResult r = a.sync();
    QVERIFY(!r.ok);
    QCOMPARE(r.errorKind, ErrorKind::Refused);
    QCOMPARE(r.pushAttempts, 1); // not taken for a race and redone five times
    QVERIFY2(r.error.contains(QStringLiteral("refused the push")) &&
                 r.error.contains(QStringLiteral("GH006")) &&
                 r.error.contains(QStringLiteral("pull request")),
             qPrintable(r.error));
    // Failing at once: retrying the same push will not help until someone acts on the server.
    QCOMPARE(r.health.status, sync::Health::Failing);
    QCOMPARE(a.contents().value(QStringLiteral("note.md")), QByteArray("refused\n"));
    QVERIFY(head(remote()).isEmpty());

    // Once the server accepts again, the waiting file goes up.
    QVERIFY(QFile::remove(remote() + QStringLiteral("/hooks/pre-receive")));
    const sync::SyncResult ok = a.sync();
    QVERIFY2(ok.ok, qPrintable(ok.error));
    QCOMPARE(test::filesInBranch(remote(), QStringLiteral("sync"), QStringLiteral("shared/docs"))
                 .value(QStringLiteral("note.md")),
             QByteArray("refused\n"));
}

void TestRemoteSafety::aRemoteThatStopsAnsweringIsCutAndRetried_data()
{
    QTest::addColumn<QString>("url"); // %1: the port
    QTest::newRow("https over a silent socket") << "https://127.0.0.1:%1/r.git";
    QTest::newRow("ssh") << "ssh://git@127.0.0.1:%1/r.git";
    QTest::newRow("git") << "git://127.0.0.1:%1/r.git";
}

// A server that accepts and then says nothing (a half-open connection after sleep): libgit2 1.5 would
// wait forever, holding the profile. The guard cuts it after the stall time; the backoff retries.
void TestRemoteSafety::aRemoteThatStopsAnsweringIsCutAndRetried()
{
    QFETCH(QString, url);
    test::TcpTrap trap(test::TcpTrap::Mode::Silent);
    Replica a(m_dir->path(), QStringLiteral("a"), url.arg(trap.port()));
    a.write(QStringLiteral("note.md"), "waiting\n");
    qputenv("FERRY_NET_STALL_SECONDS", "1");
    QElapsedTimer timer;
    timer.start();
    const sync::SyncResult r = a.sync();
    qunsetenv("FERRY_NET_STALL_SECONDS");
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(QStringLiteral("no answer from the remote for 1 s")), qPrintable(r.error));
    QCOMPARE(r.errorKind, ErrorKind::Unavailable);
    QCOMPARE(trap.connections(), 5); // every try of the backoff, each cut after a second
    QVERIFY2(timer.elapsed() < 15000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(r.health.status, sync::Health::Degraded);
    QCOMPARE(a.contents().value(QStringLiteral("note.md")), QByteArray("waiting\n"));
}

void TestRemoteSafety::aStopEndsATransferInProgressAtOnce()
{
    test::TcpTrap trap(test::TcpTrap::Mode::Silent);
    Replica a(m_dir->path(), QStringLiteral("a"),
              QStringLiteral("http://127.0.0.1:%1/r.git").arg(trap.port()));
    a.write(QStringLiteral("note.md"), "x\n");
    util::StopToken stop;
    sync::SyncEngine engine(a.profile(), a.dataDir(), util::Backoff::fromEnvironment(), stop);
    QFuture<sync::SyncResult> cycle = QtConcurrent::run([&] { return engine.runCycle(); });
    QTRY_VERIFY_WITH_TIMEOUT(trap.connections() >= 1, 10000);
    QTest::qWait(300);
    QVERIFY(!cycle.isFinished()); // hung on the silent server, as libgit2 alone would stay
    QElapsedTimer timer;
    timer.start();
    stop.requestStop();
    cycle.waitForFinished();
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    const sync::SyncResult r = cycle.result();
    QVERIFY(!r.ok);
    QVERIFY(r.stopped);
    QVERIFY2(r.error.contains(QStringLiteral("stopped")), qPrintable(r.error));
    QCOMPARE(a.state().metrics.failedSyncs, 0); // quitting is not the profile failing
    QCOMPARE(a.state().health.status, sync::Health::Healthy);
}

void TestRemoteSafety::theDaemonEndsOnSigtermMidTransfer()
{
    test::TcpTrap trap(test::TcpTrap::Mode::Silent);
    Replica a(m_dir->path(), QStringLiteral("a"),
              QStringLiteral("http://127.0.0.1:%1/r.git").arg(trap.port()));
    a.write(QStringLiteral("note.md"), "x\n");
    QProcess daemon;
    test::FerryProcess(a.writeConfig(), a.dataDir()).start(daemon, {QStringLiteral("daemon")});
    QVERIFY(daemon.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(trap.connections() >= 1, 20000);
    QTest::qWait(300);
    QCOMPARE(daemon.state(), QProcess::Running);
    QElapsedTimer timer;
    timer.start();
    daemon.terminate(); // SIGTERM
    QVERIFY2(daemon.waitForFinished(5000), "ferry daemon still running 5 s after SIGTERM");
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(daemon.exitStatus(), QProcess::NormalExit);
    QCOMPARE(daemon.exitCode(), 0);
    const QString out = QString::fromUtf8(daemon.readAllStandardOutput() + daemon.readAllStandardError());
    QVERIFY2(out.contains(QStringLiteral("ferry daemon: stopped")), qPrintable(out));
}

void TestRemoteSafety::aTokenIsNeverSentOverPlainHttpNorWrittenAnywhere()
{
    test::TcpTrap trap(test::TcpTrap::Mode::AskForPassword);
    Replica a(m_dir->path(), QStringLiteral("a"),
              QStringLiteral("http://127.0.0.1:%1/r.git").arg(trap.port()));
    a.write(QStringLiteral("note.md"), "x\n");
    const QByteArray token = "tok_Secret_4f9e1c2b77";
    QProcessEnvironment env;
    env.insert(QStringLiteral("FERRY_GIT_TOKEN"), QString::fromLatin1(token));
    const Run sync = ferry(a, {QStringLiteral("sync")}, env);
    QCOMPARE(sync.exitCode, 1);
    QVERIFY2(sync.out.contains(QStringLiteral("plain http://")), qPrintable(sync.out));
    QVERIFY(trap.connections() >= 1);
    QVERIFY(!trap.received().contains("Authorization"));
    QVERIFY(!trap.received().contains(token));
    // Not in any output, row, file or the repository config either.
    QString everything = sync.out;
    everything += ferry(a, {QStringLiteral("status"), QStringLiteral("--json")}, env).out;
    everything += ferry(a, {QStringLiteral("history"), QStringLiteral("--json")}, env).out;
    QVERIFY(!everything.contains(QString::fromLatin1(token)));
    QVERIFY(everything.contains(QStringLiteral("plain http://"))); // the rows carry the reason
    for (QDirIterator it(QFileInfo(a.dataDir()).absolutePath(), QDir::Files | QDir::Hidden,
                         QDirIterator::Subdirectories);
         it.hasNext();) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(!f.readAll().contains(token), qPrintable(f.fileName()));
    }
}

void TestRemoteSafety::aTokenInTheRemoteUrlIsRefusedAndNotRepeated()
{
    const QString folder = m_dir->path() + QStringLiteral("/notes");
    QDir().mkpath(folder);
    const QString config = m_dir->path() + QStringLiteral("/config.json");
    const test::FerryProcess::Result run =
        test::FerryProcess(config, m_dir->path() + QStringLiteral("/data"))
            .run({QStringLiteral("init"), QStringLiteral("--remote"),
                  QStringLiteral("https://me:ghp_Pasted0Token0Secret@github.com/me/notes.git"),
                  QStringLiteral("--folder"), folder},
                 30000);
    const QString out = run.output();
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(out.contains(QStringLiteral("token_env")) &&
                 out.contains(QStringLiteral("https://github.com/me/notes.git")),
             qPrintable(out));
    QVERIFY2(!out.contains(QStringLiteral("Pasted0Token")), qPrintable(out));
    QVERIFY(!QFile::exists(config));
}

// GitHub refuses files over 100 MB: such a file would block every push of the profile. It is held
// (listed, not uploaded) and everything else syncs.
void TestRemoteSafety::aFileOverTheSizeLimitIsHeldAndTheRestSyncs()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    a.profile().maxFileMb = 1;
    a.write(QStringLiteral("video.bin"), QByteArray(1536 * 1024, 'v'));
    a.write(QStringLiteral("note.md"), "small\n");
    const sync::SyncResult r = a.sync();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.tooLarge, 1);
    QCOMPARE(r.runStatus(), store::RunStatus::Partial);
    QCOMPARE(r.health.status, sync::Health::Degraded);
    QVERIFY2(r.health.lastError.contains(QStringLiteral("video.bin: 1.5 MB, over max_file_mb (1 MB)")),
             qPrintable(r.health.lastError));
    const QMap<QString, QByteArray> remoteFiles =
        test::filesInBranch(remote(), QStringLiteral("sync"), QStringLiteral("shared/docs"));
    QCOMPARE(remoteFiles.keys(), QStringList{QStringLiteral("note.md")});
    QCOMPARE(a.state().heldFiles.size(), 1);
    const Run status = ferry(a, {QStringLiteral("status")});
    QVERIFY2(status.out.contains(QStringLiteral("held: shared/docs/video.bin: 1.5 MB")),
             qPrintable(status.out));

    a.write(QStringLiteral("video.bin"), QByteArray(100 * 1024, 'v'));
    const sync::SyncResult shrunk = a.sync();
    QVERIFY2(shrunk.ok, qPrintable(shrunk.error));
    QCOMPARE(shrunk.uploaded, 1);
    QCOMPARE(shrunk.health.status, sync::Health::Healthy);
    QVERIFY(a.state().heldFiles.isEmpty());
}

QTEST_GUILESS_MAIN(TestRemoteSafety)
#include "tst_remotesafety.moc"
