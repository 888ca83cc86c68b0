#include "core/merge/linediff.h"

#include <QRandomGenerator>
#include <QTest>

using ferry::merge::LineDiff;
using Take = LineDiff::Take;

class TestLineDiff : public QObject
{
    Q_OBJECT

private slots:
    void threeHunksTakenEachWay();
    void takingOneSideEverywhereGivesThatSideBackByteForByte();
    void aLastLineWithoutNewlineStaysSeparateWhenBothAreTaken();
};

void TestLineDiff::threeHunksTakenEachWay()
{
    const QByteArray local = "title\nalpha LOCAL\nb\nc\nd\nkept local\ne\nf\ng\nomega local\n";
    const QByteArray remote = "title\nalpha REMOTE\nb\nc\nd\ne\nf\ng\nomega remote\nextra\n";
    const LineDiff diff = LineDiff::compute(local, remote);
    QCOMPARE(diff.hunkCount(), 3);
    const auto& s = diff.segments();
    QCOMPARE(s[1].differs, true);
    QCOMPARE(s[1].local, QList<QByteArray>{"alpha LOCAL\n"});
    QCOMPARE(s[1].remote, QList<QByteArray>{"alpha REMOTE\n"});
    QCOMPARE(s[1].localFirstLine, 1);
    QCOMPARE(diff.merged({Take::Local, Take::Remote, Take::Both}),
             QByteArray("title\nalpha LOCAL\nb\nc\nd\ne\nf\ng\nomega local\nomega remote\nextra\n"));
    QCOMPARE(diff.merged({Take::Remote, Take::Local, Take::Local}),
             QByteArray("title\nalpha REMOTE\nb\nc\nd\nkept local\ne\nf\ng\nomega local\n"));
}

void TestLineDiff::takingOneSideEverywhereGivesThatSideBackByteForByte()
{
    QRandomGenerator random(20261123);
    for (int round = 0; round < 300; ++round) {
        const auto text = [&] {
            QByteArray t;
            const int lines = int(random.bounded(12));
            for (int i = 0; i < lines; ++i)
                t += QByteArray(1, char('a' + random.bounded(4))) + (random.bounded(6) ? "\n" : "\r\n");
            if (!t.isEmpty() && random.bounded(3) == 0)
                t.chop(1); // no newline at the end
            return t;
        };
        const QByteArray local = text(), remote = text();
        const LineDiff diff = LineDiff::compute(local, remote);
        QCOMPARE(diff.merged(QList<Take>(diff.hunkCount(), Take::Local)), local);
        QCOMPARE(diff.merged(QList<Take>(diff.hunkCount(), Take::Remote)), remote);
    }
}

void TestLineDiff::aLastLineWithoutNewlineStaysSeparateWhenBothAreTaken()
{
    const LineDiff diff = LineDiff::compute("same\nlocal end", "same\nremote end");
    QCOMPARE(diff.hunkCount(), 1);
    QCOMPARE(diff.merged({Take::Both}), QByteArray("same\nlocal end\nremote end"));
}

QTEST_GUILESS_MAIN(TestLineDiff)
#include "tst_linediff.moc"
