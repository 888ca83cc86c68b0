#include "core/merge/textmerge.h"

#include <QTest>

using ferry::merge::TextMerge;

class TestTextMerge : public QObject
{
    Q_OBJECT

private slots:
    void editsToDifferentLinesMergeClean();
    void overlappingEditsGiveMarkersWithBothSidesAndTheBase();
    void crlfFilesStayCrlf();
    void sameEditOnBothSidesIsClean();
    void binaryOrNonUtf8IsNotApplicable_data();
    void binaryOrNonUtf8IsNotApplicable();
};

void TestTextMerge::editsToDifferentLinesMergeClean()
{
    const QByteArray base = "one\ntwo\nthree\nfour\nfive\n";
    const TextMerge::Outcome o =
        TextMerge::merge(base, "ONE\ntwo\nthree\nfour\nfive\n", "one\ntwo\nthree\nfour\nFIVE\n");
    QVERIFY(o.applicable);
    QVERIFY(o.clean);
    QCOMPARE(o.merged, QByteArray("ONE\ntwo\nthree\nfour\nFIVE\n"));
    QCOMPARE(o.conflictingHunks, 0);
}

void TestTextMerge::overlappingEditsGiveMarkersWithBothSidesAndTheBase()
{
    const TextMerge::Outcome o = TextMerge::merge("a\nb\nc\n", "a\nmine\nc\n", "a\ntheirs\nc\n");
    QVERIFY(o.applicable);
    QVERIFY(!o.clean);
    QCOMPARE(o.conflictingHunks, 1);
    QCOMPARE(o.merged,
             QByteArray("a\n<<<<<<< local\nmine\n||||||| base\nb\n=======\ntheirs\n>>>>>>> remote\nc\n"));
}

void TestTextMerge::crlfFilesStayCrlf()
{
    const TextMerge::Outcome clean =
        TextMerge::merge("a\r\nb\r\nc\r\nd\r\n", "A\r\nb\r\nc\r\nd\r\n", "a\r\nb\r\nc\r\nD\r\n");
    QVERIFY(clean.clean);
    QCOMPARE(clean.merged, QByteArray("A\r\nb\r\nc\r\nD\r\n"));
    const TextMerge::Outcome marked = TextMerge::merge("a\r\nb\r\n", "a\r\nx\r\n", "a\r\ny\r\n");
    QVERIFY(!marked.clean);
    for (qsizetype i = 0; i < marked.merged.size(); ++i) {
        if (marked.merged[i] == '\n')
            QVERIFY2(i > 0 && marked.merged[i - 1] == '\r', marked.merged.constData());
    }
}

void TestTextMerge::sameEditOnBothSidesIsClean()
{
    const TextMerge::Outcome o = TextMerge::merge("x\n", "y\n", "y\n");
    QVERIFY(o.clean);
    QCOMPARE(o.merged, QByteArray("y\n"));
    // New on both sides (no base): identical text is clean, different text is marked.
    QVERIFY(TextMerge::merge(QByteArray(), "same\n", "same\n").clean);
    QVERIFY(!TextMerge::merge(QByteArray(), "one\n", "two\n").clean);
}

void TestTextMerge::binaryOrNonUtf8IsNotApplicable_data()
{
    QTest::addColumn<QByteArray>("local");
    QTest::newRow("NUL byte") << QByteArray("a\0b\n", 4);
    QTest::newRow("Latin-1") << QByteArray("caf\xe9\n");
}

void TestTextMerge::binaryOrNonUtf8IsNotApplicable()
{
    QFETCH(QByteArray, local);
    const TextMerge::Outcome o = TextMerge::merge("a\n", local, "b\n");
    QVERIFY(!o.applicable);
    QVERIFY2(o.reason.contains(QStringLiteral("local version is binary or not UTF-8")), qPrintable(o.reason));
}

QTEST_GUILESS_MAIN(TestTextMerge)
#include "tst_textmerge.moc"
