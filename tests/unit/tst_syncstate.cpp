#include "core/sync/syncstate.h"
#include "core/util/atomicfile.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace ferry;
using sync::FileRecord;
using sync::SyncState;

class TestSyncState : public QObject
{
    Q_OBJECT

private slots:
    void everyFieldSurvivesSaveAndLoad();
    void oddPathsAreValidJsonForOtherReaders();
    void aCorruptFileIsAnErrorNotAnEmptyState();
    void aMissingFileIsAFreshState();
};

static SyncState sample()
{
    SyncState s;
    s.head = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
    s.baseIsHead = true;
    s.lastSync = QDateTime(QDate(2026, 11, 23), QTime(10, 0, 1, 250), QTimeZone::utc());
    s.lastLocalToRemote = s.lastSync.addSecs(-5);
    FileRecord f{QStringLiteral("sha256:ab"), QStringLiteral("cd"), 4096,
                 // beyond 2^53: a double would round it
                 Q_INT64_C(1763892000123456789), Q_UINT64_C(18446744073709551000), true,
                 QStringLiteral("remote")};
    s.files.insert(QStringLiteral("docs/a.md"), f);
    s.heldDeletions = {QStringLiteral("docs/old.md")};
    s.health.status = sync::Health::Degraded;
    s.health.lastError = QStringLiteral("remote unreachable");
    s.health.consecutiveFailures = 2;
    s.metrics.totalSyncs = 7;
    s.metrics.bytesUploaded = Q_INT64_C(5000000000);
    s.pendingConflicts.append({QStringLiteral("c1"), QStringLiteral("docs/a.md"),
                               config::ConflictPolicy::KeepBoth, QStringLiteral("modify/modify"),
                               QStringLiteral("b"), QStringLiteral("l"), QStringLiteral("r"),
                               QStringLiteral("docs/a (conflict).md"), s.lastSync});
    return s;
}

void TestSyncState::everyFieldSurvivesSaveAndLoad()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("state.json"));
    const SyncState s = sample();
    QVERIFY(s.save(path).ok());
    const Result<SyncState> back = SyncState::load(path);
    QVERIFY2(back.ok(), qPrintable(back.message()));
    QCOMPARE(back->head, s.head);
    QCOMPARE(back->baseIsHead, true);
    QCOMPARE(back->lastSync, s.lastSync);
    QCOMPARE(back->lastLocalToRemote, s.lastLocalToRemote);
    QVERIFY(!back->lastRemoteToLocal.isValid());
    const FileRecord& f = back->files[QStringLiteral("docs/a.md")];
    const FileRecord& want = s.files[QStringLiteral("docs/a.md")];
    QCOMPARE(f.hash, want.hash);
    QCOMPARE(f.oid, want.oid);
    QCOMPARE(f.size, want.size);
    QCOMPARE(f.mtimeNs, want.mtimeNs);
    QCOMPARE(f.inode, want.inode);
    QCOMPARE(f.executable, true);
    QCOMPARE(f.source, QStringLiteral("remote"));
    QCOMPARE(back->heldDeletions, s.heldDeletions);
    QCOMPARE(back->health.status, sync::Health::Degraded);
    QCOMPARE(back->health.lastError, s.health.lastError);
    QCOMPARE(back->health.consecutiveFailures, 2);
    QCOMPARE(back->metrics.totalSyncs, 7);
    QCOMPARE(back->metrics.bytesUploaded, Q_INT64_C(5000000000));
    QCOMPARE(back->pendingConflicts.size(), 1);
    QCOMPARE(back->pendingConflicts[0].copyPath, QStringLiteral("docs/a (conflict).md"));

    // Saving what was loaded gives the same bytes: the order is stable.
    const QString again = dir.filePath(QStringLiteral("again.json"));
    QVERIFY(back->save(again).ok());
    QCOMPARE(*util::readWholeFile(again), *util::readWholeFile(path));
}

void TestSyncState::oddPathsAreValidJsonForOtherReaders()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("state.json"));
    SyncState s;
    const QStringList odd = {QStringLiteral("quote\"d.txt"),      QStringLiteral("back\\slash.txt"),
                             QStringLiteral("tab\there.txt"),     QStringLiteral("new\nline.txt"),
                             QStringLiteral("ünïcødé/日本語.md"), QStringLiteral("emoji 🚢.txt")};
    for (const QString& p : odd)
        s.files.insert(p, FileRecord{QStringLiteral("sha256:x"), QStringLiteral("y"), 1, 2, 3, false,
                                     QStringLiteral("local")});
    QVERIFY(s.save(path).ok());

    // Another JSON reader sees the same paths and the fields of docs/design.md.
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(*util::readWholeFile(path), &error);
    QVERIFY2(doc.isObject(), qPrintable(error.errorString()));
    const QJsonObject files = doc[QStringLiteral("files")].toObject();
    QCOMPARE(files.size(), odd.size());
    for (const QString& p : odd)
        QVERIFY2(files.contains(p), qPrintable(p));
    const QJsonObject record = files[odd[0]].toObject();
    for (const char* key : {"hash", "oid", "size", "mtime_ns", "last_modified", "source"})
        QVERIFY2(record.contains(QLatin1String(key)), key);
    QCOMPARE(record[QStringLiteral("last_modified")].toString(), QStringLiteral("1970-01-01T00:00:00.000Z"));

    const Result<SyncState> back = SyncState::load(path);
    QVERIFY(back.ok());
    QCOMPARE(back->files.size(), odd.size());
}

void TestSyncState::aCorruptFileIsAnErrorNotAnEmptyState()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("state.json"));
    QVERIFY(sample().save(path).ok());
    QByteArray text = *util::readWholeFile(path);
    text.truncate(text.size() / 2); // torn by something other than Ferry (Ferry writes atomically)
    QVERIFY(util::writeFileAtomically(path, text).ok());
    const Result<SyncState> back = SyncState::load(path);
    QVERIFY(!back.ok());
    QCOMPARE(back.error().kind, ErrorKind::Invalid);
    QVERIFY2(back.message().contains(QStringLiteral("corrupt")), qPrintable(back.message()));
}

void TestSyncState::aMissingFileIsAFreshState()
{
    QTemporaryDir dir;
    const Result<SyncState> s = SyncState::load(dir.filePath(QStringLiteral("none.json")));
    QVERIFY(s.ok());
    QVERIFY(s->files.isEmpty());
    QVERIFY(s->head.isEmpty());
    QCOMPARE(s->health.status, sync::Health::Healthy);
}

QTEST_GUILESS_MAIN(TestSyncState)
#include "tst_syncstate.moc"
