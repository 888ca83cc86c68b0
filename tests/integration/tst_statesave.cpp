#include "core/config/paths.h"
#include "core/sync/filestat.h"
#include "core/sync/recordfile.h"
#include "core/sync/statesavepolicy.h"
#include "core/sync/syncresult.h"
#include "core/sync/syncstate.h"
#include "tests/support/gitcli.h"
#include "tests/support/replica.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace ferry;
using sync::FileStat;
using sync::RecordFile;
using sync::SyncState;
using test::GitCli;
using test::Replica;

// When a cycle writes state.json (issue 16.3, docs/sync.md): a cycle that moved nothing leaves it and
// the records file alone however long ago they were written (30 MB at 100,000 files); a cycle that
// changed something (a file, the health) still saves.
class TestStateSave : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void aNoChangeCycleLeavesTheStateFilesUntouched();
    void aChangedCycleStillSaves();
    void aFailedCycleStillSaves();
    void aRecordChangedWithoutAReadStillSaves();

private:
    QString remote() const { return m_dir->path() + QStringLiteral("/remote.git"); }
    QString statePath() const { return config::Paths::stateFile(m_a->dataDir(), m_a->profile().name); }
    // Synced once, with files older than the scan (so that no later scan reads them again), and a
    // state.json whose last sync is two hours old: the old policy rewrote it after a minute.
    void syncedLongAgo();
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Replica> m_a;
};

namespace {

bool untouched(const FileStat& before, const FileStat& after)
{
    return after.type == FileStat::Type::File && after.inode == before.inode &&
           after.mtimeNs == before.mtimeNs && after.size == before.size;
}

} // namespace

void TestStateSave::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    GitCli::ok(m_dir->path(),
               {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), remote()});
    m_a = std::make_unique<Replica>(m_dir->path(), QStringLiteral("a"), remote());
}

void TestStateSave::syncedLongAgo()
{
    const QDateTime anHourAgo = QDateTime::currentDateTimeUtc().addSecs(-3600);
    for (int i = 0; i < 20; ++i) {
        const QString name = QStringLiteral("f%1.md").arg(i);
        m_a->write(name, "v1 " + QByteArray::number(i) + '\n');
        QFile f(m_a->folder() + u'/' + name);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(anHourAgo, QFileDevice::FileModificationTime));
    }
    QVERIFY(m_a->sync().ok);
    SyncState state = m_a->state();
    QCOMPARE(state.files.size(), 20);
    state.lastSync = state.lastSync.addSecs(-7200);
    QVERIFY(state.save(statePath()).ok());
    QThread::msleep(20); // a rewrite would show in the modification time too
}

void TestStateSave::aNoChangeCycleLeavesTheStateFilesUntouched()
{
    syncedLongAgo();
    const FileStat json = FileStat::of(statePath());
    const FileStat records = FileStat::of(RecordFile::pathFor(statePath()));
    const int totalSyncs = m_a->state().metrics.totalSyncs;
    for (int round = 0; round < 2; ++round) { // each a fresh engine, as a fresh `ferry sync`
        const sync::SyncResult r = m_a->sync();
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.filesChanged(), 0);
        QCOMPARE(r.hashed, 0);
        QVERIFY(untouched(json, FileStat::of(statePath())));
        QVERIFY(untouched(records, FileStat::of(RecordFile::pathFor(statePath()))));
    }
    // What an idle cycle alone changes waits for the next change.
    QCOMPARE(m_a->state().metrics.totalSyncs, totalSyncs);
}

void TestStateSave::aChangedCycleStillSaves()
{
    syncedLongAgo();
    const FileStat json = FileStat::of(statePath());
    const int totalSyncs = m_a->state().metrics.totalSyncs;
    m_a->write(QStringLiteral("new.md"), "new\n");
    const sync::SyncResult r = m_a->sync();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.uploaded, 1);
    const FileStat after = FileStat::of(statePath());
    QVERIFY(after.inode != json.inode); // written anew, atomically
    const SyncState state = m_a->state();
    QCOMPARE(state.files.size(), 21);
    QVERIFY(state.files.contains(QStringLiteral("shared/docs/new.md")));
    QCOMPARE(state.metrics.totalSyncs, totalSyncs + 1);
    QVERIFY(state.lastSync.secsTo(QDateTime::currentDateTimeUtc()) < 600);
}

void TestStateSave::aFailedCycleStillSaves()
{
    syncedLongAgo();
    const FileStat json = FileStat::of(statePath());
    QVERIFY(QDir().rename(remote(), remote() + QStringLiteral(".gone")));
    const sync::SyncResult r = m_a->sync();
    QVERIFY(!r.ok);
    QVERIFY(!untouched(json, FileStat::of(statePath())));
    QCOMPARE(m_a->state().health.consecutiveFailures, 1);
    QCOMPARE(m_a->state().files.size(), 20); // the records are as they were
}

// The policy compares the records themselves: a cycle that changed a record without reading a file
// (hashed stays 0, the count stays the same) still saves; one that only touched its copy of the
// records (detached, equal) does not.
void TestStateSave::aRecordChangedWithoutAReadStillSaves()
{
    syncedLongAgo();
    const SyncState loaded = m_a->state();
    sync::SyncResult idle;
    idle.ok = true;
    SyncState next = loaded;
    next.lastSync = QDateTime::currentDateTimeUtc();
    QVERIFY(!sync::StateSavePolicy::needsSave(loaded, next, idle, false, false));
    const QString path = loaded.files.cbegin().key();
    next.files.insert(path, loaded.files.value(path)); // the cycle wrote its copy: no longer shared, equal
    QVERIFY(!next.files.isSharedWith(loaded.files));
    QVERIFY(!sync::StateSavePolicy::needsSave(loaded, next, idle, false, false));

    sync::FileRecord changed = loaded.files.value(path);
    changed.inode += 1; // the same content, mtime and size at a new inode: not read again
    next.files.insert(path, changed);
    QCOMPARE(next.files.size(), loaded.files.size());
    QCOMPARE(idle.hashed, 0);
    QVERIFY(sync::StateSavePolicy::needsSave(loaded, next, idle, false, false));
    changed = loaded.files.value(path);
    changed.executable = !changed.executable;
    next.files.insert(path, changed);
    QVERIFY(sync::StateSavePolicy::needsSave(loaded, next, idle, false, false));
    // A record gone and another come: the same count.
    next.files = loaded.files;
    const sync::FileRecord moved = next.files.value(path);
    next.files.remove(path);
    next.files.insert(path + QStringLiteral(".moved"), moved);
    QVERIFY(sync::StateSavePolicy::needsSave(loaded, next, idle, false, false));
}

QTEST_GUILESS_MAIN(TestStateSave)
#include "tst_statesave.moc"
