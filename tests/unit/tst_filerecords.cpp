#include "core/sync/filerecords.h"

#include <algorithm>
#include <cstring>
#include <QHash>
#include <QRandomGenerator>
#include <QTest>

using namespace ferry;
using sync::FileRecord;
using sync::FileRecords;

Q_DECLARE_METATYPE(FileRecord)

class TestFileRecords : public QObject
{
    Q_OBJECT

private slots:
    void recordsReadBackAsInserted_data();
    void recordsReadBackAsInserted();
    void insertReplacesAndRemoveForgets();
    void copiesAreIndependent();
    void manyChangesMatchAHashOfTheSameChanges();
    void metadataIsWhatTheScanCompares();
    void findManyAnswersAsConstFind();
    void rawBlocksRoundTripInPathOrder();
    void malformedRawBlocksAreRefused_data();
    void malformedRawBlocksAreRefused();
};

namespace {

FileRecord canonical(int i, const QString& source = QStringLiteral("local"))
{
    FileRecord f;
    f.hash = QStringLiteral("sha256:%1").arg(i, 64, 16, QLatin1Char('0'));
    f.oid = QStringLiteral("%1").arg(i, 40, 16, QLatin1Char('0'));
    f.size = i;
    f.mtimeNs = Q_INT64_C(1763892000123456789) + i;
    f.inode = Q_UINT64_C(18446744073709551000) - quint64(i);
    f.executable = i % 3 == 0;
    f.source = source;
    return f;
}

void compare(const FileRecord& a, const FileRecord& b)
{
    QCOMPARE(a.hash.toString(), b.hash.toString());
    QCOMPARE(a.hash.isBinary(), b.hash.isBinary());
    QCOMPARE(a.oid.toString(), b.oid.toString());
    QCOMPARE(a.oid.isBinary(), b.oid.isBinary());
    QCOMPARE(a.size, b.size);
    QCOMPARE(a.mtimeNs, b.mtimeNs);
    QCOMPARE(a.inode, b.inode);
    QCOMPARE(a.executable, b.executable);
    QCOMPARE(a.source, b.source);
}

// Every record of `actual` as in `expected`, and nothing else.
void compareAll(const FileRecords& actual, const QHash<QString, FileRecord>& expected)
{
    QCOMPARE(actual.size(), expected.size());
    qsizetype visited = 0;
    for (auto it = actual.begin(); it != actual.end(); ++it, ++visited) {
        QVERIFY2(expected.contains(it.key()), qPrintable(it.key()));
        compare(it.value(), expected.value(it.key()));
    }
    QCOMPARE(visited, expected.size());
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        QVERIFY2(actual.contains(it.key()), qPrintable(it.key()));
        compare(actual.value(it.key()), it.value());
    }
}

} // namespace

void TestFileRecords::recordsReadBackAsInserted_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<FileRecord>("record");
    QTest::newRow("canonical") << QStringLiteral("docs/a.md") << canonical(7);
    QTest::newRow("remote") << QStringLiteral("docs/b.md") << canonical(8, QStringLiteral("remote"));
    QTest::newRow("no source") << QStringLiteral("docs/c.md") << canonical(9, QString());
    QTest::newRow("other source") << QStringLiteral("docs/d.md") << canonical(10, QStringLiteral("web"));
    FileRecord shortDigests = canonical(11);
    shortDigests.hash = QStringLiteral("sha256:ab");
    shortDigests.oid = QStringLiteral("CD");
    QTest::newRow("digests not canonical (hand-edited)") << QStringLiteral("docs/e.md") << shortDigests;
    FileRecord empty;
    QTest::newRow("empty record") << QStringLiteral("docs/f.md") << empty;
    QTest::newRow("non-ASCII path") << QStringLiteral("Ünïcode/ä b\"c\\d 日本.txt") << canonical(12);
    QTest::newRow("empty path") << QString() << canonical(13);
}

void TestFileRecords::recordsReadBackAsInserted()
{
    QFETCH(QString, path);
    QFETCH(FileRecord, record);
    FileRecords records;
    records.insert(QStringLiteral("other"), canonical(1));
    records.insert(path, record);
    QVERIFY(records.contains(path));
    compare(records.value(path), record);
    compare(*records.constFind(path), record);
    QCOMPARE(records.constFind(path).key(), path);
    QCOMPARE(records.size(), 2);
    QVERIFY(!records.contains(path + QStringLiteral("x")));
    QVERIFY(records.constFind(path + QStringLiteral("x")) == records.constEnd());
}

void TestFileRecords::insertReplacesAndRemoveForgets()
{
    FileRecords records;
    QVERIFY(records.isEmpty());
    QVERIFY(records.begin() == records.end());
    QVERIFY(!records.remove(QStringLiteral("a")));
    records.insert(QStringLiteral("a"), canonical(1));
    records.insert(QStringLiteral("a"), canonical(2, QStringLiteral("remote")));
    QCOMPARE(records.size(), 1);
    compare(records.value(QStringLiteral("a")), canonical(2, QStringLiteral("remote")));
    FileRecord odd = canonical(3);
    odd.source = QStringLiteral("elsewhere");
    records.insert(QStringLiteral("a"), odd);
    compare(records.value(QStringLiteral("a")), odd);
    records.insert(QStringLiteral("a"), canonical(4)); // back to the canonical form
    compare(records.value(QStringLiteral("a")), canonical(4));
    QVERIFY(records.remove(QStringLiteral("a")));
    QVERIFY(!records.remove(QStringLiteral("a")));
    QVERIFY(!records.contains(QStringLiteral("a")));
    QCOMPARE(records.size(), 0);
    QVERIFY(records.begin() == records.end());
    compare(records.value(QStringLiteral("a")), FileRecord());
    records.insert(QStringLiteral("a"), canonical(5)); // a removed path comes back
    QCOMPARE(records.size(), 1);
    compare(records.value(QStringLiteral("a")), canonical(5));
    QCOMPARE(records.keys(), QStringList{QStringLiteral("a")});
}

void TestFileRecords::copiesAreIndependent()
{
    FileRecords a;
    for (int i = 0; i < 100; ++i)
        a.insert(QStringLiteral("f%1").arg(i), canonical(i));
    FileRecords b = a;
    b.insert(QStringLiteral("f1"), canonical(1000));
    b.remove(QStringLiteral("f2"));
    b.insert(QStringLiteral("new"), canonical(1001));
    compare(a.value(QStringLiteral("f1")), canonical(1));
    QVERIFY(a.contains(QStringLiteral("f2")));
    QVERIFY(!a.contains(QStringLiteral("new")));
    QCOMPARE(a.size(), 100);
    QCOMPARE(b.size(), 100);
    compare(b.value(QStringLiteral("f1")), canonical(1000));
    a = b;
    QCOMPARE(a.size(), 100);
    QVERIFY(a.contains(QStringLiteral("new")));
    a.clear();
    QVERIFY(a.isEmpty());
    QCOMPARE(b.size(), 100);
}

// Inserts, replacements and removals in a random order, many enough to grow the index and compact the
// holes several times, against a QHash doing the same.
void TestFileRecords::manyChangesMatchAHashOfTheSameChanges()
{
    QRandomGenerator rng(16);
    FileRecords records;
    QHash<QString, FileRecord> model;
    for (int step = 0; step < 40000; ++step) {
        const int n = int(rng.bounded(6000));
        const QString path = QStringLiteral("d%1/f%2.txt").arg(n % 37).arg(n);
        if (rng.bounded(3) == 0) {
            QCOMPARE(records.remove(path), model.remove(path));
        } else {
            const FileRecord f =
                canonical(step, n % 5 == 0 ? QStringLiteral("odd") : QStringLiteral("local"));
            records.insert(path, f);
            model.insert(path, f);
        }
        if (step % 5000 == 0)
            compareAll(records, model);
    }
    compareAll(records, model);
    // Removing nearly everything compacts the holes away; what is left still reads back.
    const QStringList paths = model.keys();
    for (qsizetype i = 0; i + 10 < paths.size(); ++i) {
        QVERIFY(records.remove(paths[i]));
        model.remove(paths[i]);
    }
    compareAll(records, model);
}

void TestFileRecords::metadataIsWhatTheScanCompares()
{
    FileRecords records;
    records.insert(QStringLiteral("a"), canonical(3));
    FileRecord unhashed = canonical(4);
    unhashed.hash = sync::Sha256Digest();
    records.insert(QStringLiteral("b"), unhashed);
    FileRecord odd = canonical(5);
    odd.hash = QStringLiteral("sha256:short");
    records.insert(QStringLiteral("c"), odd);
    const FileRecords::Metadata a = records.constFind(QStringLiteral("a")).metadata();
    QCOMPARE(a.size, 3);
    QCOMPARE(a.mtimeNs, canonical(3).mtimeNs);
    QCOMPARE(a.inode, canonical(3).inode);
    QVERIFY(a.executable);
    QVERIFY(a.hashed);
    QVERIFY(!records.constFind(QStringLiteral("b")).metadata().hashed);
    QVERIFY(records.constFind(QStringLiteral("c")).metadata().hashed);
    QCOMPARE(records.constFind(QStringLiteral("c")).metadata().size, 5);
}

namespace {

// Records of every kind, some removed again (holes in the array that the raw form leaves out).
QHash<QString, FileRecord> rawSample(FileRecords& records)
{
    QHash<QString, FileRecord> expected;
    for (int i = 0; i < 3000; ++i) {
        const QString path = QStringLiteral("d%1/f%2.txt").arg(i % 13).arg(i);
        FileRecord r = canonical(i, i % 2 ? QStringLiteral("local") : QStringLiteral("remote"));
        if (i % 500 == 0) {
            r.hash = QStringLiteral("sha256:AB"); // hand-edited: kept whole
            r.source = QStringLiteral("web");
        }
        records.insert(path, r);
        expected.insert(path, r);
    }
    records.insert(QStringLiteral("Ünïcode/ä b.txt"), canonical(5));
    expected.insert(QStringLiteral("Ünïcode/ä b.txt"), canonical(5));
    for (int i = 0; i < 3000; i += 3) {
        const QString path = QStringLiteral("d%1/f%2.txt").arg(i % 13).arg(i);
        records.remove(path);
        expected.remove(path);
    }
    return expected;
}

// Byte offsets in one raw entry (see Entry in filerecords.cpp).
constexpr qsizetype PathOffsetAt = 52;
constexpr qsizetype PathLengthAt = 80;
constexpr qsizetype FlagsAt = 84;

quint32 u32At(const QByteArray& entries, qsizetype entry, qsizetype at)
{
    quint32 v;
    std::memcpy(&v, entries.constData() + entry * FileRecords::RawEntrySize + at, sizeof v);
    return v;
}

void setU32(QByteArray& entries, qsizetype entry, qsizetype at, quint32 v)
{
    std::memcpy(entries.data() + entry * FileRecords::RawEntrySize + at, &v, sizeof v);
}

} // namespace

void TestFileRecords::findManyAnswersAsConstFind()
{
    FileRecords records;
    rawSample(records); // some removed: their paths stay in the index as holes
    QList<QByteArray> asked;
    for (int i = 0; i < 3100; ++i) // present, removed and never there
        asked.append(QStringLiteral("d%1/f%2.txt").arg(i % 13).arg(i).toUtf8());
    asked.append(QStringLiteral("Ünïcode/ä b.txt").toUtf8());
    asked.append(QByteArray());
    std::vector<QByteArrayView> paths(asked.begin(), asked.end());
    std::vector<FileRecords::const_iterator> found{records.begin()}; // replaced, not appended to
    records.findMany(paths, found);
    QCOMPARE(found.size(), paths.size());
    qsizetype hits = 0;
    for (size_t i = 0; i < paths.size(); ++i) {
        const auto expected = records.constFind(QString::fromUtf8(asked[qsizetype(i)]));
        QVERIFY2(found[i] == expected, asked[qsizetype(i)].constData());
        hits += expected != records.constEnd() ? 1 : 0;
    }
    QCOMPARE(hits, records.size());
    FileRecords empty;
    empty.findMany(paths, found);
    QVERIFY(std::all_of(found.begin(), found.end(), [&](const auto& it) { return it == empty.constEnd(); }));
}

void TestFileRecords::rawBlocksRoundTripInPathOrder()
{
    FileRecords records;
    const QHash<QString, FileRecord> expected = rawSample(records);
    const FileRecords::Raw raw = records.toRaw();
    QCOMPARE(raw.entries.size(), expected.size() * FileRecords::RawEntrySize);
    QCOMPARE(raw.odd.size(), 4); // i = 500, 1000, 2000, 2500 (0 and 1500 were removed)
    const std::optional<FileRecords> back = FileRecords::fromRaw(raw.entries, raw.paths, raw.odd);
    QVERIFY(back.has_value());
    compareAll(*back, expected);
    // Iteration follows the paths' byte order; the same records give the same bytes.
    QByteArray previous;
    for (auto it = back->begin(); it != back->end(); ++it) {
        QVERIFY(previous.isEmpty() || previous < it.keyUtf8().toByteArray());
        previous = it.keyUtf8().toByteArray();
    }
    const FileRecords::Raw again = back->toRaw();
    QCOMPARE(again.entries, raw.entries);
    QCOMPARE(again.paths, raw.paths);
    // Usable as any records: changed, looked up, copied.
    FileRecords changed = *back;
    changed.insert(QStringLiteral("new.txt"), canonical(9));
    QVERIFY(changed.remove(QStringLiteral("d1/f1.txt")));
    QVERIFY(back->contains(QStringLiteral("d1/f1.txt")));
    QCOMPARE(changed.size(), back->size());
    QVERIFY(FileRecords::fromRaw({}, {}, {}).has_value());
    QCOMPARE(FileRecords::fromRaw({}, {}, {})->size(), 0);
}

void TestFileRecords::malformedRawBlocksAreRefused_data()
{
    QTest::addColumn<QString>("damage");
    for (const char* d : {"partial entry", "path past the block", "repeated path", "out of order",
                          "unknown flag", "removed flag", "odd record without its flag",
                          "odd flag without its record", "odd record out of range"})
        QTest::newRow(d) << QString::fromLatin1(d);
}

void TestFileRecords::malformedRawBlocksAreRefused()
{
    QFETCH(QString, damage);
    FileRecords records;
    rawSample(records);
    FileRecords::Raw raw = records.toRaw();
    QVERIFY(FileRecords::fromRaw(raw.entries, raw.paths, raw.odd).has_value());
    const auto firstCanonical = [&] {
        for (qsizetype i = 0;; ++i) {
            if (std::none_of(raw.odd.begin(), raw.odd.end(), [&](const auto& o) { return o.first == i; }))
                return i;
        }
    };
    if (damage == QLatin1String("partial entry")) {
        raw.entries.chop(1);
    } else if (damage == QLatin1String("path past the block")) {
        setU32(raw.entries, 3, PathLengthAt, quint32(raw.paths.size()));
    } else if (damage == QLatin1String("repeated path")) {
        setU32(raw.entries, 8, PathOffsetAt, u32At(raw.entries, 7, PathOffsetAt));
        setU32(raw.entries, 8, PathLengthAt, u32At(raw.entries, 7, PathLengthAt));
    } else if (damage == QLatin1String("out of order")) {
        const QByteArray seventh = raw.entries.mid(7 * FileRecords::RawEntrySize, FileRecords::RawEntrySize);
        raw.entries.replace(7 * FileRecords::RawEntrySize, FileRecords::RawEntrySize,
                            raw.entries.mid(8 * FileRecords::RawEntrySize, FileRecords::RawEntrySize));
        raw.entries.replace(8 * FileRecords::RawEntrySize, FileRecords::RawEntrySize, seventh);
    } else if (damage == QLatin1String("unknown flag")) {
        raw.entries[firstCanonical() * FileRecords::RawEntrySize + FlagsAt] |= char(128);
    } else if (damage == QLatin1String("removed flag")) {
        raw.entries[firstCanonical() * FileRecords::RawEntrySize + FlagsAt] |= char(64);
    } else if (damage == QLatin1String("odd record without its flag")) {
        raw.odd.append({firstCanonical(), canonical(1)});
    } else if (damage == QLatin1String("odd flag without its record")) {
        raw.odd.removeLast();
    } else {
        raw.odd.last().first = raw.entries.size() / FileRecords::RawEntrySize;
    }
    QVERIFY(!FileRecords::fromRaw(raw.entries, raw.paths, raw.odd).has_value());
}

QTEST_GUILESS_MAIN(TestFileRecords)
#include "tst_filerecords.moc"
