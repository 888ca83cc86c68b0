#include "core/merge/jsonunion.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

using ferry::merge::JsonUnion;

class TestJsonUnion : public QObject
{
    Q_OBJECT

private slots:
    void keepsBothAppendsOnceAndDropsTheDeletedRecord();
    void mergingTheResultAgainChangesNothing();
    void aRecordChangedOnBothSidesGoesToTheNewerUpdatedAt();
    void aRecordChangedOnBothSidesWithoutTimesIsReported();
    void recordsWithoutIdsMatchByContent();
    void deletedHereButChangedThereIsKept();
    void otherMembersOfTheObjectMergeKeyByKey();
    void keepsTheLocalLayout();
    void invalidOrOtherShapesAreNotApplicable_data();
    void invalidOrOtherShapesAreNotApplicable();
    void randomConcurrentEditsLoseNoAddedRecordAndDuplicateNone();
};

// "a b c" -> the ids a, b and c
static QStringList ids(const char* spaced)
{
    return QString::fromLatin1(spaced).split(u' ', Qt::SkipEmptyParts);
}

static QByteArray memories(const char* spaced)
{
    QJsonArray array;
    for (const QString& id : ids(spaced))
        array.append(
            QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("text"), QStringLiteral("about ") + id}});
    return QJsonDocument(QJsonObject{{QStringLiteral("memories"), array}}).toJson();
}

static QStringList idsOf(const QByteArray& json)
{
    QStringList ids;
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    const QJsonArray array =
        doc.isArray() ? doc.array() : doc.object().value(QStringLiteral("memories")).toArray();
    for (const QJsonValue& v : array)
        ids << v.toObject().value(QStringLiteral("id")).toString();
    return ids;
}

void TestJsonUnion::keepsBothAppendsOnceAndDropsTheDeletedRecord()
{
    const QByteArray base = memories("m1 m2 m3");
    const QByteArray local = memories("m1 m2 m3 l1");
    const QByteArray remote = memories("m2 m3 r1"); // m1 deleted there, r1 added
    const JsonUnion::Outcome o = JsonUnion::merge(base, local, remote);
    QVERIFY2(o.applicable, qPrintable(o.reason));
    QCOMPARE(idsOf(o.merged), ids("m2 m3 l1 r1"));
    QVERIFY(o.conflicts.isEmpty());
    // The other replica merges the same three versions the other way round: same records.
    const JsonUnion::Outcome mirrored = JsonUnion::merge(base, remote, local);
    QStringList mine = idsOf(o.merged), theirs = idsOf(mirrored.merged);
    mine.sort();
    theirs.sort();
    QCOMPARE(theirs, mine);
}

void TestJsonUnion::mergingTheResultAgainChangesNothing()
{
    const JsonUnion::Outcome o = JsonUnion::merge(memories("a b"), memories("a b c"), memories("b d"));
    QVERIFY(o.applicable);
    // Once the merged file is on both sides it is the base too: merging it with itself is a no-op.
    const JsonUnion::Outcome again = JsonUnion::merge(o.merged, o.merged, o.merged);
    QCOMPARE(again.merged, o.merged);
}

void TestJsonUnion::aRecordChangedOnBothSidesGoesToTheNewerUpdatedAt()
{
    const QByteArray base = R"([{"id": 1, "text": "old", "updated_at": "2026-11-01T10:00:00Z"}])";
    const QByteArray local = R"([{"id": 1, "text": "mine", "updated_at": "2026-11-02T10:00:00Z"}])";
    const QByteArray remote = R"([{"id": 1, "text": "theirs", "updated_at": "2026-11-03T10:00:00Z"}])";
    const JsonUnion::Outcome o = JsonUnion::merge(base, local, remote);
    QVERIFY(o.applicable);
    QVERIFY(o.conflicts.isEmpty());
    QCOMPARE(QJsonDocument::fromJson(o.merged).array().at(0)[QStringLiteral("text")].toString(),
             QStringLiteral("theirs"));
    const JsonUnion::Outcome reverse = JsonUnion::merge(base, remote, local);
    QCOMPARE(QJsonDocument::fromJson(reverse.merged).array().at(0)[QStringLiteral("text")].toString(),
             QStringLiteral("theirs"));
}

void TestJsonUnion::aRecordChangedOnBothSidesWithoutTimesIsReported()
{
    const JsonUnion::Outcome o =
        JsonUnion::merge(R"([{"id": "x", "v": 0}, {"id": "y"}])", R"([{"id": "x", "v": 1}, {"id": "y"}])",
                         R"([{"id": "x", "v": 2}, {"id": "y"}, {"id": "z"}])");
    QVERIFY(o.applicable);
    QCOMPARE(o.conflicts, QStringList{QStringLiteral("id:\"x\"")});
    const QJsonArray merged = QJsonDocument::fromJson(o.merged).array();
    QCOMPARE(merged.size(), 3);
    QCOMPARE(merged.at(0)[QStringLiteral("v")].toInt(), 1); // local stays until a person decides
}

void TestJsonUnion::recordsWithoutIdsMatchByContent()
{
    // Key order does not make a record different; a string added on both sides appears once.
    const JsonUnion::Outcome o =
        JsonUnion::merge(R"(["a", {"k": 1, "j": 2}])", R"(["a", {"j": 2, "k": 1}, "b"])",
                         R"(["a", {"k": 1, "j": 2}, "b", "c"])");
    QVERIFY(o.applicable);
    QCOMPARE(QJsonDocument::fromJson(o.merged).array().size(), 4);
}

void TestJsonUnion::deletedHereButChangedThereIsKept()
{
    const JsonUnion::Outcome o =
        JsonUnion::merge(R"([{"id": 1, "v": "a"}])", R"([])", R"([{"id": 1, "v": "b"}])");
    QVERIFY(o.applicable);
    QCOMPARE(QJsonDocument::fromJson(o.merged).array().size(), 1);
}

void TestJsonUnion::otherMembersOfTheObjectMergeKeyByKey()
{
    const JsonUnion::Outcome o =
        JsonUnion::merge(R"({"version": 1, "owner": "v", "memories": []})",
                         R"({"version": 1, "owner": "valentin", "memories": [{"id": 1}]})",
                         R"({"version": 2, "owner": "v", "memories": [{"id": 2}], "extra": true})");
    QVERIFY2(o.applicable, qPrintable(o.reason));
    const QJsonObject doc = QJsonDocument::fromJson(o.merged).object();
    QCOMPARE(doc[QStringLiteral("version")].toInt(), 2);                           // changed there only
    QCOMPARE(doc[QStringLiteral("owner")].toString(), QStringLiteral("valentin")); // changed here only
    QCOMPARE(doc[QStringLiteral("extra")].toBool(), true);                         // added there
    QCOMPARE(doc[QStringLiteral("memories")].toArray().size(), 2);
}

void TestJsonUnion::keepsTheLocalLayout()
{
    const QByteArray local = "{\n    \"b\": 1,\n    \"a\": [\n        1\n    ]\n}\n";
    const JsonUnion::Outcome o = JsonUnion::merge("{\"b\":1,\"a\":[]}", local, "{\"b\":1,\"a\":[2]}");
    QVERIFY(o.applicable);
    QCOMPARE(o.merged, QByteArray("{\n    \"b\": 1,\n    \"a\": [\n        1,\n        2\n    ]\n}\n"));
    const JsonUnion::Outcome compact = JsonUnion::merge("[]", "[1]", "[2]");
    QCOMPARE(compact.merged, QByteArray("[1,2]"));
}

void TestJsonUnion::invalidOrOtherShapesAreNotApplicable_data()
{
    QTest::addColumn<QByteArray>("local");
    QTest::addColumn<QByteArray>("remote");
    QTest::addColumn<QString>("reason");
    QTest::newRow("broken local") << QByteArray("[1,") << QByteArray("[]")
                                  << "local version is not valid JSON";
    QTest::newRow("broken remote") << QByteArray("[]") << QByteArray("{")
                                   << "remote version is not valid JSON";
    QTest::newRow("a number") << QByteArray("3") << QByteArray("[]") << "neither an array";
    QTest::newRow("two arrays") << QByteArray(R"({"a":[],"b":[]})") << QByteArray("[]") << "neither an array";
    QTest::newRow("different keys") << QByteArray(R"({"a":[]})") << QByteArray(R"({"b":[]})")
                                    << "different keys";
}

void TestJsonUnion::invalidOrOtherShapesAreNotApplicable()
{
    QFETCH(QByteArray, local);
    QFETCH(QByteArray, remote);
    QFETCH(QString, reason);
    const JsonUnion::Outcome o = JsonUnion::merge(QByteArray(), local, remote);
    QVERIFY(!o.applicable);
    QVERIFY2(o.reason.contains(reason), qPrintable(o.reason));
}

// Property: for random concurrent appends, deletes and updates on two sides of a common base, no record
// added on either side is lost, none appears twice, and a record deleted on one side and untouched on
// the other is gone.
void TestJsonUnion::randomConcurrentEditsLoseNoAddedRecordAndDuplicateNone()
{
    const quint32 seed = qEnvironmentVariableIsSet("FERRY_SEED")
                             ? quint32(qEnvironmentVariableIntValue("FERRY_SEED"))
                             : 20261123u;
    QRandomGenerator rng(seed);
    int next = 0;
    for (int round = 0; round < 300; ++round) {
        QList<QJsonObject> base;
        for (int i = int(rng.bounded(8)); i > 0; --i)
            base.append({{QStringLiteral("id"), next++}, {QStringLiteral("v"), 0}});
        QSet<int> added, deletedOnly, updated;
        const auto edit = [&](QList<QJsonObject> records) {
            for (int op = int(rng.bounded(6)); op > 0; --op) {
                const int kind = int(rng.bounded(3));
                if (kind == 0 || records.isEmpty()) {
                    added.insert(next);
                    records.append({{QStringLiteral("id"), next++}, {QStringLiteral("v"), 0}});
                } else if (kind == 1) {
                    const int id =
                        records.takeAt(rng.bounded(int(records.size())))[QStringLiteral("id")].toInt();
                    deletedOnly.insert(id);
                } else {
                    QJsonObject& r = records[rng.bounded(int(records.size()))];
                    r[QStringLiteral("v")] = r[QStringLiteral("v")].toInt() + 1;
                    updated.insert(r[QStringLiteral("id")].toInt());
                }
            }
            QJsonArray array;
            for (const QJsonObject& r : records)
                array.append(r);
            return QJsonDocument(array).toJson(QJsonDocument::Compact);
        };
        const auto toJson = [](const QList<QJsonObject>& records) {
            QJsonArray array;
            for (const QJsonObject& r : records)
                array.append(r);
            return QJsonDocument(array).toJson(QJsonDocument::Compact);
        };
        const QByteArray local = edit(base), remote = edit(base);
        const JsonUnion::Outcome o = JsonUnion::merge(toJson(base), local, remote);
        QVERIFY(o.applicable);
        QList<int> ids;
        for (const QJsonValue& v : QJsonDocument::fromJson(o.merged).array())
            ids.append(v[QStringLiteral("id")].toInt());
        const QSet<int> unique(ids.begin(), ids.end());
        QVERIFY2(unique.size() == ids.size(),
                 qPrintable(QStringLiteral("seed %1 round %2: duplicate").arg(seed).arg(round)));
        for (int id : added)
            QVERIFY2(
                unique.contains(id) || deletedOnly.contains(id),
                qPrintable(
                    QStringLiteral("seed %1 round %2: added record %3 lost").arg(seed).arg(round).arg(id)));
        for (int id : deletedOnly) {
            if (!updated.contains(id) && !added.contains(id))
                QVERIFY2(!unique.contains(id),
                         qPrintable(QStringLiteral("seed %1 round %2: deleted %3 came back")
                                        .arg(seed)
                                        .arg(round)
                                        .arg(id)));
        }
        QCOMPARE(o.records, ids.size());
    }
}

QTEST_GUILESS_MAIN(TestJsonUnion)
#include "tst_jsonunion.moc"
