#include "core/config/paths.h"
#include "core/sync/recordfile.h"
#include "core/sync/syncstate.h"
#include "core/util/atomicfile.h"
#include "tests/support/ferryprocess.h"
#include "tests/support/gitcli.h"
#include "tests/support/replica.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimeZone>

using namespace ferry;
using sync::FileRecord;
using sync::FileStat;
using sync::RecordFile;
using sync::SyncState;
using test::GitCli;
using test::Replica;

// The binary records file beside state.json (issue 16.3): it carries exactly the JSON's records, and
// one that is missing, damaged, of another version or written with another state.json is ignored
// and rebuilt; state.json always decides, a crash between the two writes included.
class TestRecordFile : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void recordsRoundTripAsTheJsonHasThem();
    void aBadRecordFileIsIgnoredAndRebuilt_data();
    void aBadRecordFileIsIgnoredAndRebuilt();
    void aStaleRecordFileNeverWinsOverAnEditedStateJson();
    void theSyncOutcomeIsTheSameWithAndWithoutIt();
    void aCrashBetweenTheTwoWritesLeavesAConsistentPair();
    void readOnlyCommandsNeverWriteIt();

private:
    QString remote() const { return m_dir->path() + QStringLiteral("/remote.git"); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace {

SyncState sample(int files)
{
    SyncState s;
    s.head = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
    s.baseIsHead = true;
    s.lastSync = QDateTime(QDate(2026, 11, 30), QTime(5, 0, 1, 250), QTimeZone::utc());
    s.heldFiles = {QStringLiteral("big.iso: too large")};
    s.metrics.totalSyncs = 3;
    for (int i = 0; i < files; ++i) {
        const QByteArray digest = QByteArray::number(i).repeated(70).left(32);
        FileRecord f;
        f.hash = QStringLiteral("sha256:") + QString::fromLatin1(digest.toHex());
        f.oid = QString::fromLatin1(digest.left(20).toHex());
        f.size = i * 7;
        f.mtimeNs = Q_INT64_C(1763892000123456789) + i; // beyond a double's exact range
        f.inode = Q_UINT64_C(18446744073709551000) - quint64(i);
        f.executable = i % 3 == 0;
        f.source = i % 2 ? QStringLiteral("local") : QStringLiteral("remote");
        s.files.insert(QStringLiteral("docs/d%1/f%2.md").arg(i % 7).arg(i), f);
    }
    // What the compact encoding must not mangle: other hash forms, upper case, empty fields, any path.
    s.files.insert(QStringLiteral("Ünïcode/ä b\"c\\d.txt"),
                   {QStringLiteral("sha256:ABCDEF"),
                    QStringLiteral("0123456789ABCDEF0123456789ABCDEF01234567"), 0, 0, 0, false, QString()});
    s.files.insert(QStringLiteral("other/source.txt"),
                   {QString(), QString(), -1, -5, 0, true, QStringLiteral("someone")});
    return s;
}

void compareRecords(const sync::FileRecords& actual, const sync::FileRecords& expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        QVERIFY2(actual.contains(it.key()), qPrintable(it.key()));
        const FileRecord& a = *actual.constFind(it.key());
        const FileRecord& e = it.value();
        QCOMPARE(a.hash, e.hash);
        QCOMPARE(a.oid, e.oid);
        QCOMPARE(a.size, e.size);
        QCOMPARE(a.mtimeNs, e.mtimeNs);
        QCOMPARE(a.inode, e.inode);
        QCOMPARE(a.executable, e.executable);
        QCOMPARE(a.source, e.source);
    }
}

// What state.json alone says, parsed as JSON.
SyncState fromJson(const QString& statePath)
{
    return *SyncState::fromText(*util::readWholeFile(statePath), statePath);
}

std::optional<SyncState> fromRecords(const QString& statePath)
{
    return RecordFile::read(RecordFile::pathFor(statePath), statePath, FileStat::of(statePath));
}

void overwrite(const QString& path, const QByteArray& content)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    f.write(content);
    f.resize(content.size());
}

} // namespace

void TestRecordFile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestRecordFile::recordsRoundTripAsTheJsonHasThem()
{
    const QString path = m_dir->filePath(QStringLiteral("state.json"));
    const SyncState s = sample(500);
    QVERIFY(s.save(path).ok());
    QVERIFY(QFile::exists(m_dir->filePath(QStringLiteral("state.records"))));
    const std::optional<SyncState> binary = fromRecords(path);
    QVERIFY(binary.has_value());
    const SyncState json = fromJson(path);
    compareRecords(binary->files, json.files);
    compareRecords(binary->files, s.files);
    QCOMPARE(binary->head, json.head);
    QCOMPARE(binary->lastSync, json.lastSync);
    QCOMPARE(binary->heldFiles, json.heldFiles);
    QCOMPARE(binary->metrics.totalSyncs, 3);
    // Much smaller than the JSON: hashes and ids are bytes, not hex.
    QVERIFY(QFileInfo(RecordFile::pathFor(path)).size() < QFileInfo(path).size() / 2);
}

void TestRecordFile::aBadRecordFileIsIgnoredAndRebuilt_data()
{
    QTest::addColumn<QString>("damage");
    for (const char* d :
         {"missing", "empty", "truncated", "bit-flipped", "other-version", "other-generation"})
        QTest::newRow(d) << QString::fromLatin1(d);
}

void TestRecordFile::aBadRecordFileIsIgnoredAndRebuilt()
{
    QFETCH(QString, damage);
    const QString path = m_dir->filePath(QStringLiteral("state.json"));
    const QString records = RecordFile::pathFor(path);
    const SyncState s = sample(200);
    QVERIFY(s.save(path).ok());
    QByteArray bytes = *util::readWholeFile(records);
    if (damage == QLatin1String("missing"))
        QVERIFY(QFile::remove(records));
    else if (damage == QLatin1String("empty"))
        overwrite(records, {});
    else if (damage == QLatin1String("truncated"))
        overwrite(records, bytes.left(bytes.size() - 100));
    else if (damage == QLatin1String("bit-flipped"))
        overwrite(records,
                  bytes.replace(bytes.size() / 2, 1, QByteArray(1, char(bytes[bytes.size() / 2] ^ 4))));
    else if (damage == QLatin1String("other-version"))
        overwrite(records, bytes.replace(8, 1, QByteArray(1, char(RecordFile::Version + 1))));
    else // the header's generation (bytes 16-23) of another state.json
        overwrite(records, bytes.replace(16, 1, QByteArray(1, char(bytes[16] ^ 1))));
    QVERIFY(!fromRecords(path).has_value());

    const Result<SyncState> loaded = SyncState::load(path);
    QVERIFY(loaded.ok());
    compareRecords(loaded->files, s.files);
    // Rebuilt by that load, and whole again.
    const std::optional<SyncState> rebuilt = fromRecords(path);
    QVERIFY(rebuilt.has_value());
    compareRecords(rebuilt->files, s.files);
}

void TestRecordFile::aStaleRecordFileNeverWinsOverAnEditedStateJson()
{
    const QString path = m_dir->filePath(QStringLiteral("state.json"));
    const QString records = RecordFile::pathFor(path);
    SyncState s = sample(50);
    QVERIFY(s.save(path).ok());
    const QByteArray oldRecords = *util::readWholeFile(records);

    // A newer state.json with the older records file put back (as a crash between the writes leaves it).
    s.files.remove(QStringLiteral("docs/d0/f0.md"));
    QVERIFY(s.save(path).ok());
    QVERIFY(util::writeFileAtomically(records, oldRecords).ok());
    QVERIFY(!fromRecords(path).has_value());
    compareRecords(SyncState::load(path)->files, s.files);

    // A person's edit of state.json that keeps its generation line: its metadata gives it away.
    QThread::msleep(20);
    QByteArray text = *util::readWholeFile(path);
    QVERIFY(text.contains("\"size\": 7,"));
    text.replace("\"size\": 7,", "\"size\": 8,");
    overwrite(path, text);
    QVERIFY(!fromRecords(path).has_value());
    const Result<SyncState> loaded = SyncState::load(path);
    QCOMPARE(loaded->files.value(QStringLiteral("docs/d1/f1.md")).size, 8);
}

void TestRecordFile::theSyncOutcomeIsTheSameWithAndWithoutIt()
{
    GitCli::ok(m_dir->path(),
               {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), remote()});
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    for (int i = 0; i < 20; ++i)
        a.write(QStringLiteral("f%1.md").arg(i), "v1 " + QByteArray::number(i) + '\n');
    QVERIFY(a.sync().ok);
    const QString statePath = config::Paths::stateFile(a.dataDir(), a.profile().name);
    QVERIFY(fromRecords(statePath).has_value());
    // A fresh engine each time, as a fresh process: the same outcome whether the records file is whole or
    // not.
    for (const bool damaged : {false, true}) {
        if (damaged)
            overwrite(RecordFile::pathFor(statePath), "FERRYREC garbage");
        a.write(QStringLiteral("f3.md"), damaged ? "v3\n" : "v2\n");
        const sync::SyncResult r = a.sync();
        QVERIFY(r.ok);
        QCOMPARE(r.uploaded, 1);
        QCOMPARE(r.filesChanged(), 1);
        compareRecords(fromRecords(statePath)->files, fromJson(statePath).files);
    }
    QCOMPARE(test::filesInBranch(remote(), QStringLiteral("sync"), QStringLiteral("shared/docs"))
                 .value(QStringLiteral("f3.md")),
             QByteArray("v3\n"));
}

void TestRecordFile::aCrashBetweenTheTwoWritesLeavesAConsistentPair()
{
    GitCli::ok(m_dir->path(),
               {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), remote()});
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    for (int i = 0; i < 10; ++i)
        a.write(QStringLiteral("f%1.md").arg(i), "v1\n");
    test::FerryProcess ferry(a.writeConfig(), a.dataDir());
    QCOMPARE(ferry.run({QStringLiteral("sync")}).exitCode, 0);
    const QString statePath = config::Paths::stateFile(a.dataDir(), a.profile().name);
    QVERIFY(fromRecords(statePath).has_value());

    a.write(QStringLiteral("f0.md"), "v2, edited\n");
    a.write(QStringLiteral("new.md"), "new\n");
    test::FerryProcess crashing(a.writeConfig(), a.dataDir());
    crashing.env(QStringLiteral("FERRY_FAILPOINT"), QStringLiteral("between-state-and-records"));
    const test::FerryProcess::Result crashed = crashing.run({QStringLiteral("sync")});
    QVERIFY2(crashed.crashed || crashed.exitCode == 137, qPrintable(crashed.output()));
    // state.json has the cycle; the records file is the previous one and is not used.
    const SyncState json = fromJson(statePath);
    QVERIFY(json.files.contains(QStringLiteral("shared/docs/new.md")));
    QVERIFY(!fromRecords(statePath).has_value());
    compareRecords(SyncState::load(statePath)->files, json.files);

    // The next run trusts state.json: nothing to do, nothing read again, and the pair matches again.
    const test::FerryProcess::Result next = ferry.run({QStringLiteral("sync")});
    QCOMPARE(next.exitCode, 0);
    QVERIFY2(next.output().contains(QLatin1String("0 up, 0 down")), qPrintable(next.output()));
    compareRecords(fromRecords(statePath)->files, json.files);
}

// `ferry status` and `ferry conflicts` only read: without a records file they parse state.json and
// leave the profile's directory exactly as it was (a writing command rebuilds the file).
void TestRecordFile::readOnlyCommandsNeverWriteIt()
{
    GitCli::ok(m_dir->path(),
               {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), remote()});
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    for (int i = 0; i < 10; ++i)
        a.write(QStringLiteral("f%1.md").arg(i), "v1\n");
    test::FerryProcess ferry(a.writeConfig(), a.dataDir());
    QCOMPARE(ferry.run({QStringLiteral("sync")}).exitCode, 0);
    const QString statePath = config::Paths::stateFile(a.dataDir(), a.profile().name);
    const QString recordsPath = RecordFile::pathFor(statePath);
    QVERIFY(QFile::remove(recordsPath));
    const auto listing = [&] {
        QStringList entries;
        const QDir profileDir = QFileInfo(statePath).dir();
        for (const QFileInfo& f : profileDir.entryInfoList(QDir::Files | QDir::Hidden, QDir::Name))
            entries.append(QStringLiteral("%1 %2 %3")
                               .arg(f.fileName())
                               .arg(f.size())
                               .arg(f.lastModified().toMSecsSinceEpoch()));
        return entries;
    };
    const QStringList before = listing();

    QVERIFY(SyncState::load(statePath, SyncState::Access::ReadOnly));
    for (const QStringList& args : {QStringList{QStringLiteral("status")},
                                    QStringList{QStringLiteral("conflicts"), QStringLiteral("--json")},
                                    QStringList{QStringLiteral("conflicts")}}) {
        const test::FerryProcess::Result r = ferry.run(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.output()));
    }
    QVERIFY(!QFile::exists(recordsPath));
    QCOMPARE(listing(), before);

    // What the read-only commands left alone, a load that may write rebuilds.
    QVERIFY(SyncState::load(statePath));
    QVERIFY(fromRecords(statePath).has_value());
}

QTEST_GUILESS_MAIN(TestRecordFile)
#include "tst_recordfile.moc"
