#include "core/sync/folderwatcher.h"
#include "core/sync/scanner.h"
#include "core/sync/syncwatcher.h"
#include "core/util/atomicfile.h"
#include "tests/support/ferryprocess.h"
#include "tests/support/gitcli.h"
#include "tests/support/replica.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace ferry;
using test::GitCli;
using test::Replica;

// Watch mode on real folders (inotify) and real bare repositories: the watcher, the incremental scan
// it feeds, the remote poll, the fallback to scanning, and `ferry sync --watch`.
class TestSyncWatcher : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void scanningOnlyTheReportedPathsGivesTheFullScansResult_data();
    void scanningOnlyTheReportedPathsGivesTheFullScansResult();
    void aNewFileInANewSubfolderIsPushedAfterTheQuietPeriod();
    void aFileStillBeingWrittenIsNeverCommittedHalfWritten();
    void aCommitPushedWithTheGitCliArrivesThroughThePoll();
    void beyondTheWatchLimitItSaysSoAndScansInstead();
    void theWatchCommandSyncsUntilTerminatedAndLogsEachCycle();
    void pausedNothingSyncsAndResumingTakesWhatChanged();
    void aFailingProfileIsRetriedLessAndLessOften_data();
    void aFailingProfileIsRetriedLessAndLessOften();

private:
    QString remote() const { return m_dir->path() + QStringLiteral("/remote.git"); }
    // Starts a watcher for `replica` in its own thread, as `ferry sync --watch` and the app do.
    void startWatcher(Replica& replica);
    QList<sync::SyncResult> m_results;
    sync::SyncWatcher* m_watcher = nullptr;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::vector<std::unique_ptr<QThread>> m_threads;
};

void TestSyncWatcher::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    GitCli::ok(m_dir->path(),
               {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), remote()});
    qputenv("FERRY_RETRY_BASE_MS", "1");
    m_results.clear();
}

void TestSyncWatcher::cleanup()
{
    for (const auto& thread : m_threads) {
        thread->quit();
        thread->wait();
    }
    m_threads.clear();
    QCoreApplication::sendPostedEvents(); // results still queued for this test, not the next one
    qunsetenv("FERRY_WATCH_LIMIT");
}

void TestSyncWatcher::startWatcher(Replica& replica)
{
    replica.profile().debounceMs = 300;
    replica.profile().pollSeconds = 1;
    auto thread = std::make_unique<QThread>();
    auto* watcher = new sync::SyncWatcher(replica.profile(), replica.dataDir());
    watcher->moveToThread(thread.get());
    m_watcher = watcher;
    connect(thread.get(), &QThread::started, watcher, &sync::SyncWatcher::start);
    connect(thread.get(), &QThread::finished, watcher, &QObject::deleteLater);
    connect(watcher, &sync::SyncWatcher::cycleFinished, this,
            [this](const sync::SyncResult& r) { m_results.append(r); });
    thread->start();
    m_threads.push_back(std::move(thread));
    QTRY_VERIFY_WITH_TIMEOUT(!m_results.isEmpty(), 10000); // the first, full cycle
    QVERIFY2(m_results.first().ok, qPrintable(m_results.first().error));
    QCOMPARE(m_results.first().trigger, QStringLiteral("start"));
}

void TestSyncWatcher::pausedNothingSyncsAndResumingTakesWhatChanged()
{
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    startWatcher(alpha);
    if (QTest::currentTestFailed())
        return;
    QMetaObject::invokeMethod(
        m_watcher, [w = m_watcher] { w->setPaused(true); }, Qt::QueuedConnection);
    QTest::qWait(100);
    alpha.write(QStringLiteral("while-paused.md"), "later\n");
    QMetaObject::invokeMethod(
        m_watcher, [w = m_watcher] { w->syncNow(); }, Qt::QueuedConnection);
    QTest::qWait(2500); // beyond the debounce (300 ms) and the poll (1 s)
    QCOMPARE(m_results.size(), 1);
    QVERIFY(!test::filesInBranch(remote(), QStringLiteral("sync"), QStringLiteral("shared/docs"))
                 .contains(QStringLiteral("while-paused.md")));

    QMetaObject::invokeMethod(
        m_watcher, [w = m_watcher] { w->setPaused(false); }, Qt::QueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(m_results.size() >= 2, 10000);
    QCOMPARE(m_results[1].trigger, QStringLiteral("resume"));
    QCOMPARE(test::filesInBranch(remote(), QStringLiteral("sync"), QStringLiteral("shared/docs"))
                 .value(QStringLiteral("while-paused.md")),
             QByteArray("later\n"));

    alpha.write(QStringLiteral("manual.md"), "now\n");
    QMetaObject::invokeMethod(
        m_watcher, [w = m_watcher] { w->syncNow(); }, Qt::QueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(m_results.size() >= 3, 10000);
    QCOMPARE(m_results[2].trigger, QStringLiteral("manual"));
}

void TestSyncWatcher::scanningOnlyTheReportedPathsGivesTheFullScansResult_data()
{
    QTest::addColumn<quint32>("seed");
    for (quint32 seed : {3u, 11u, 2026u})
        QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed))) << seed;
}

// Random edits, adds, deletes, folder creations, renames and removals, seen by the real watcher: the
// scan of the reported paths over the previous result equals a full scan, file by file.
void TestSyncWatcher::scanningOnlyTheReportedPathsGivesTheFullScansResult()
{
    QFETCH(quint32, seed);
    QRandomGenerator rng(seed);
    const QString root = m_dir->path() + QStringLiteral("/folder");
    QDir().mkpath(root);
    const QList<config::FolderMapping> folders{{root, QStringLiteral("docs")}};
    const sync::IgnoreRules ignore = sync::IgnoreRules::compile({}).value();
    const sync::Scanner scanner(folders, ignore);
    sync::FolderWatcher watcher(folders, ignore);
    watcher.start();
    QVERIFY2(watcher.complete(), qPrintable(watcher.coverageProblem()));

    const auto recordsOf = [](const sync::ScanResult& scan) {
        return scan.records();
    };
    const auto randomDir = [&]() {
        QStringList dirs{QString()};
        for (const QString& d : QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            dirs << d << d + QStringLiteral("/sub");
        return dirs[rng.bounded(int(dirs.size()))];
    };
    sync::FileRecords base = recordsOf(scanner.scan({}));
    for (int step = 0; step < 40; ++step) {
        const QString dir = randomDir();
        const QString abs = dir.isEmpty() ? root : root + u'/' + dir;
        QDir().mkpath(abs);
        const QStringList files = QDir(abs).entryList(QDir::Files);
        const int op = rng.bounded(6);
        const QString name = QStringLiteral("f%1.txt").arg(rng.bounded(5));
        if (op <= 1) { // write or overwrite
            QFile f(abs + u'/' + name);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Append));
            f.write(QByteArray::number(rng.generate()));
        } else if (op == 2 && !files.isEmpty()) {
            QFile::remove(abs + u'/' + files.first());
        } else if (op == 3) { // a new folder with files
            const QString d = QStringLiteral("d%1").arg(rng.bounded(4));
            QDir().mkpath(root + u'/' + d + QStringLiteral("/sub"));
            QFile f(root + u'/' + d + QStringLiteral("/sub/") + name);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("new");
        } else if (op == 4 && !dir.isEmpty()) { // rename a folder
            QDir().rename(abs, root + QStringLiteral("/r%1").arg(rng.bounded(4)));
        } else if (op == 5 && !dir.isEmpty()) {
            QDir(abs).removeRecursively();
        }
        if (step % 5 != 4)
            continue;
        QTest::qWait(50); // let the event loop read inotify
        QCoreApplication::processEvents();
        const sync::FolderWatcher::Changes changes = watcher.takeChanges();
        QVERIFY(!changes.lost);
        const sync::ScanResult incremental = scanner.scanChanges(base, changes.paths);
        const sync::ScanResult full = scanner.scan(base);
        const sync::FileRecords a = recordsOf(incremental), b = recordsOf(full);
        QStringList paths = a.keys(), fullPaths = b.keys();
        paths.sort();
        fullPaths.sort();
        QCOMPARE(paths, fullPaths);
        for (const QString& p : fullPaths) {
            QCOMPARE(a[p].oid, b[p].oid);
            QCOMPARE(a[p].hash, b[p].hash);
            QCOMPARE(a[p].mtimeNs, b[p].mtimeNs);
            QCOMPARE(a[p].inode, b[p].inode);
        }
        QCOMPARE(incremental.gone, full.gone);
        QCOMPARE(incremental.found, full.found);
        QCOMPARE(incremental.filesPerFolder, full.filesPerFolder);
        base = b;
    }
}

void TestSyncWatcher::aNewFileInANewSubfolderIsPushedAfterTheQuietPeriod()
{
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    startWatcher(alpha);
    if (QTest::currentTestFailed())
        return;
    alpha.write(QStringLiteral("new/deeper/note.md"), "watched\n"); // folders created after the start
    QTRY_VERIFY_WITH_TIMEOUT(m_results.size() >= 2, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        test::filesInBranch(remote(), QStringLiteral("sync"), QStringLiteral("shared/docs"))
                .value(QStringLiteral("new/deeper/note.md")) == "watched\n",
        10000);
    const sync::SyncResult& r = m_results.last();
    QCOMPARE(r.trigger, QStringLiteral("changes"));
    QCOMPARE(r.scanKind, QStringLiteral("changes")); // only the reported paths were looked at
    QCOMPARE(r.hashed, 1);
}

void TestSyncWatcher::aFileStillBeingWrittenIsNeverCommittedHalfWritten()
{
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    startWatcher(alpha);
    if (QTest::currentTestFailed())
        return;
    QFile f(alpha.folder() + QStringLiteral("/download.bin"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    QByteArray written;
    for (int i = 0; i < 15; ++i) { // 1.5 s of writing, each pause shorter than the 300 ms quiet period
        const QByteArray chunk(1000, char('a' + i));
        f.write(chunk);
        f.flush();
        written += chunk;
        QTest::qWait(100);
    }
    f.close();
    QTRY_VERIFY_WITH_TIMEOUT(
        test::filesInBranch(remote(), QStringLiteral("sync"), QStringLiteral("shared/docs"))
                .value(QStringLiteral("download.bin")) == written,
        10000);
    // No commit ever held a shorter version.
    const QByteArray log =
        GitCli::ok(remote(), {QStringLiteral("log"), QStringLiteral("--format=%H"), QStringLiteral("sync"),
                              QStringLiteral("--"), QStringLiteral("shared/docs/download.bin")});
    QCOMPARE(log.trimmed().split('\n').size(), 1);
}

void TestSyncWatcher::aCommitPushedWithTheGitCliArrivesThroughThePoll()
{
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    alpha.write(QStringLiteral("seed.md"), "seed\n");
    QVERIFY(alpha.sync().ok);
    startWatcher(alpha);
    if (QTest::currentTestFailed())
        return;
    const QString clone = m_dir->path() + QStringLiteral("/clone");
    GitCli::ok(m_dir->path(), {QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("-b"),
                               QStringLiteral("sync"), remote(), clone});
    QDir().mkpath(clone + QStringLiteral("/shared/docs"));
    QFile f(clone + QStringLiteral("/shared/docs/from-git.md"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("pushed with git\n");
    f.close();
    GitCli::ok(clone, {QStringLiteral("add"), QStringLiteral("-A")});
    GitCli::ok(clone, {QStringLiteral("commit"), QStringLiteral("-qm"), QStringLiteral("from git")});
    GitCli::ok(clone, {QStringLiteral("push"), QStringLiteral("-q")});
    QTRY_COMPARE_WITH_TIMEOUT(alpha.read(QStringLiteral("from-git.md")), QByteArray("pushed with git\n"),
                              10000);
    QTRY_VERIFY_WITH_TIMEOUT(m_results.size() >= 2, 10000);
    QCOMPARE(m_results.last().trigger, QStringLiteral("remote"));
    QCOMPARE(m_results.last().downloaded, 1);
}

void TestSyncWatcher::beyondTheWatchLimitItSaysSoAndScansInstead()
{
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    for (const char* p : {"a/1.md", "b/2.md", "c/3.md"})
        alpha.write(QString::fromLatin1(p), "x\n");
    qputenv("FERRY_WATCH_LIMIT", "2"); // the root and one subfolder
    alpha.profile().intervalSeconds = 900;
    startWatcher(alpha);
    if (QTest::currentTestFailed())
        return;
    const sync::SyncResult& first = m_results.first();
    QVERIFY2(first.watcher.contains(QStringLiteral("inotify watch limit")), qPrintable(first.watcher));
    const QJsonObject state =
        QJsonDocument::fromJson(
            *util::readWholeFile(alpha.dataDir() + QStringLiteral("/profiles/alpha/state.json")))
            .object();
    QCOMPARE(state[QStringLiteral("watch")][QStringLiteral("status")].toString(), QStringLiteral("scanning"));
    QVERIFY(state[QStringLiteral("watch")][QStringLiteral("problem")].toString().contains(
        QStringLiteral("max_user_watches")));
    // ferry status says so too.
    // Through the environment variables, as a login session would set them.
    const test::FerryProcess::Result status = test::FerryProcess()
                                                  .env(QStringLiteral("FERRY_CONFIG"), alpha.writeConfig())
                                                  .env(QStringLiteral("FERRY_DATA_DIR"), alpha.dataDir())
                                                  .run({QStringLiteral("status")}, 10000);
    QVERIFY(status.finished);
    const QByteArray shown = status.out.toUtf8();
    QVERIFY2(shown.contains("watcher incomplete, scanning instead") && shown.contains("max_user_watches"),
             shown.constData());

    // A change in every subfolder, watched or not, arrives through the full scans (every poll_seconds now).
    for (const char* p : {"a/1.md", "b/2.md", "c/3.md"})
        alpha.write(QString::fromLatin1(p), "changed\n");
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const auto files =
                test::filesInBranch(remote(), QStringLiteral("sync"), QStringLiteral("shared/docs"));
            return files.value(QStringLiteral("a/1.md")) == "changed\n" &&
                   files.value(QStringLiteral("b/2.md")) == "changed\n" &&
                   files.value(QStringLiteral("c/3.md")) == "changed\n";
        }(),
        15000);
    for (const sync::SyncResult& r : std::as_const(m_results))
        QCOMPARE(r.scanKind, QStringLiteral("full")); // never trusts a partial watcher
}

void TestSyncWatcher::theWatchCommandSyncsUntilTerminatedAndLogsEachCycle()
{
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    alpha.profile().debounceMs = 300;
    alpha.profile().pollSeconds = 1;
    const QString config = alpha.writeConfig();
    test::FerryProcess launcher;
    launcher.env(QStringLiteral("FERRY_CONFIG"), config)
        .env(QStringLiteral("FERRY_DATA_DIR"), alpha.dataDir());
    QProcess ferry;
    launcher.start(ferry, {QStringLiteral("sync"), QStringLiteral("--watch")});
    QVERIFY(ferry.waitForStarted());
    QByteArray output;
    QTRY_VERIFY_WITH_TIMEOUT((output += ferry.readAllStandardOutput()).contains("start, full scan"), 10000);
    alpha.write(QStringLiteral("while-watching.md"), "hello\n");
    QTRY_VERIFY_WITH_TIMEOUT(
        test::filesInBranch(remote(), QStringLiteral("sync"), QStringLiteral("shared/docs"))
            .contains(QStringLiteral("while-watching.md")),
        10000);
    ferry.terminate(); // SIGTERM: finish the cycle, log, exit 0
    QVERIFY(ferry.waitForFinished(10000));
    QCOMPARE(ferry.exitStatus(), QProcess::NormalExit);
    QCOMPARE(ferry.exitCode(), 0);

    const test::FerryProcess::Result history =
        launcher.run({QStringLiteral("history"), QStringLiteral("--json")}, 10000);
    QVERIFY(history.finished);
    const QJsonArray runs = QJsonDocument::fromJson(history.out.toUtf8()).array();
    QVERIFY2(runs.size() >= 2, "a row for the first cycle and one for the change");
    for (const QJsonValue& run : runs) {
        QCOMPARE(run[QStringLiteral("task_name")].toString(), QStringLiteral("sync:alpha"));
        QCOMPARE(run[QStringLiteral("status")].toString(), QStringLiteral("success"));
    }
}

void TestSyncWatcher::aFailingProfileIsRetriedLessAndLessOften_data()
{
    QTest::addColumn<int>("failures");
    QTest::addColumn<int>("delayMs");
    QTest::newRow("first failure: the poll interval") << 1 << 60000;
    QTest::newRow("second: twice") << 2 << 120000;
    QTest::newRow("fifth: sixteen times") << 5 << 960000;
    QTest::newRow("many: at most 30 minutes") << 40 << 1800000;
}

void TestSyncWatcher::aFailingProfileIsRetriedLessAndLessOften()
{
    QFETCH(int, failures);
    QFETCH(int, delayMs);
    QCOMPARE(sync::SyncWatcher::retryDelayMs(60, failures), delayMs);
}

QTEST_GUILESS_MAIN(TestSyncWatcher)
#include "tst_syncwatcher.moc"
