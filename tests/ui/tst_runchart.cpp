// The History tab's chart: one task at a time, runs as points coloured by status, a duration axis in a
// unit that reads, rows only for tasks that write rows, and the run under the pointer.
#include "ui/history/durationscale.h"
#include "ui/history/runchart.h"

#include <QTest>

using namespace ferry;
using ui::DurationScale;
using ui::RunChart;

class TestRunChart : public QObject
{
    Q_OBJECT

private slots:
    void tickLabelsCarryAUnitThatFitsTheLongestRun_data();
    void tickLabelsCarryAUnitThatFitsTheLongestRun();
    void theChartDrawsOneTaskWithItsRunsColouredByStatus();
    void rowsGetASecondAxisOnlyWhenTheTaskWritesRows();
    void hoveringAPointShowsItsRun();

private:
    static store::RunRecord run(const QString& task, const QString& status, qint64 secsAgo, double seconds,
                                int rows = 0);
};

store::RunRecord TestRunChart::run(const QString& task, const QString& status, qint64 secsAgo, double seconds,
                                   int rows)
{
    store::RunRecord r;
    r.taskName = task;
    r.status = status;
    r.startedAt = QDateTime::currentDateTimeUtc().addSecs(-secsAgo);
    r.durationSeconds = seconds;
    r.rowsUpdated = rows;
    return r;
}

void TestRunChart::tickLabelsCarryAUnitThatFitsTheLongestRun_data()
{
    QTest::addColumn<double>("longest");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QStringList>("labels");
    QTest::newRow("0.05 s") << 0.05 << QStringLiteral("Duration (ms)")
                            << QStringList{QStringLiteral("0"),     QStringLiteral("10 ms"),
                                           QStringLiteral("20 ms"), QStringLiteral("30 ms"),
                                           QStringLiteral("40 ms"), QStringLiteral("50 ms"),
                                           QStringLiteral("60 ms")};
    QTest::newRow("3 s") << 3.0 << QStringLiteral("Duration (s)")
                         << QStringList{QStringLiteral("0"), QStringLiteral("1 s"), QStringLiteral("2 s"),
                                        QStringLiteral("3 s"), QStringLiteral("4 s")};
    QTest::newRow("400 s") << 400.0 << QStringLiteral("Duration (min)")
                           << QStringList{QStringLiteral("0"), QStringLiteral("2 min"),
                                          QStringLiteral("4 min"), QStringLiteral("6 min"),
                                          QStringLiteral("8 min")};
    // A short-run axis keeps the decimals its step needs, and no more.
    QTest::newRow("1.2 s") << 1.2 << QStringLiteral("Duration (s)")
                           << QStringList{QStringLiteral("0"), QStringLiteral("0.5 s"),
                                          QStringLiteral("1.0 s"), QStringLiteral("1.5 s")};
}

void TestRunChart::tickLabelsCarryAUnitThatFitsTheLongestRun()
{
    QFETCH(double, longest);
    QFETCH(QString, title);
    QFETCH(QStringList, labels);
    QCOMPARE(DurationScale::forMaximum(longest).labels(), labels);
    // The chart's own axis shows those labels (the runs: a short one and the longest).
    RunChart chart;
    chart.setRuns({run(QStringLiteral("github"), store::RunStatus::Success, 60, longest),
                   run(QStringLiteral("github"), store::RunStatus::Success, 3600, longest / 10)});
    QCOMPARE(chart.durationTitle(), title);
    QCOMPARE(chart.durationLabels(), labels);
}

void TestRunChart::theChartDrawsOneTaskWithItsRunsColouredByStatus()
{
    RunChart chart;
    chart.show();
    chart.setRuns({run(QStringLiteral("sync:notes"), store::RunStatus::Success, 10, 0.2),
                   run(QStringLiteral("market"), store::RunStatus::Partial, 60, 400, 12995),
                   run(QStringLiteral("market"), store::RunStatus::Failed, 7200, 3),
                   run(QStringLiteral("market"), store::RunStatus::Success, 86400, 380, 13002),
                   run(QStringLiteral("sync:notes"), store::RunStatus::Failed, 90000, 0.05)});
    QCOMPARE(chart.tasks(), (QStringList{QStringLiteral("sync:notes"), QStringLiteral("market")}));
    QCOMPARE(chart.task(), QStringLiteral("sync:notes")); // the newest run's task
    QCOMPARE(chart.pointCount(), 2);
    QCOMPARE(chart.durationTitle(), QStringLiteral("Duration (ms)")); // not stretched by market's minutes
    chart.setTask(QStringLiteral("market"));
    QCOMPARE(chart.pointCount(), 3);
    QCOMPARE(chart.pointCount(store::RunStatus::Success), 1);
    QCOMPARE(chart.pointCount(store::RunStatus::Partial), 1);
    QCOMPARE(chart.pointCount(store::RunStatus::Failed), 1);
    QCOMPARE(chart.durationTitle(), QStringLiteral("Duration (min)"));
    // A reload keeps the task a person chose.
    chart.setRuns({run(QStringLiteral("sync:notes"), store::RunStatus::Success, 5, 0.1),
                   run(QStringLiteral("market"), store::RunStatus::Success, 30, 390, 13000)});
    QCOMPARE(chart.task(), QStringLiteral("market"));
    QCOMPARE(chart.pointCount(), 1);
}

void TestRunChart::rowsGetASecondAxisOnlyWhenTheTaskWritesRows()
{
    RunChart chart;
    chart.show();
    chart.setRuns({run(QStringLiteral("market"), store::RunStatus::Success, 60, 400, 12995),
                   run(QStringLiteral("dcf"), store::RunStatus::Failed, 120, 2)});
    QCOMPARE(chart.task(), QStringLiteral("market"));
    QVERIFY(chart.showsRows());
    chart.setTask(QStringLiteral("dcf"));
    QVERIFY(!chart.showsRows());
}

void TestRunChart::hoveringAPointShowsItsRun()
{
    RunChart chart;
    chart.show();
    store::RunRecord failed = run(QStringLiteral("github"), store::RunStatus::Failed, 3600, 0.05);
    failed.errorMessage = QStringLiteral("HTTP 401: bad credentials");
    chart.setRuns({run(QStringLiteral("github"), store::RunStatus::Success, 60, 3, 42), failed});
    QVERIFY(chart.hoverText().isEmpty());
    chart.showRunAt(QPointF(double(failed.startedAt.toMSecsSinceEpoch()) + 500, 50));
    QVERIFY2(chart.hoverText().contains(QStringLiteral("failed")) &&
                 chart.hoverText().contains(QStringLiteral("50 ms")) &&
                 chart.hoverText().contains(QStringLiteral("HTTP 401: bad credentials")),
             qPrintable(chart.hoverText()));
    chart.showRunAt(QPointF(double(QDateTime::currentDateTimeUtc().addSecs(-50).toMSecsSinceEpoch()), 3));
    QVERIFY2(chart.hoverText().contains(QStringLiteral("3.0 s")) &&
                 chart.hoverText().contains(QStringLiteral("42 rows")),
             qPrintable(chart.hoverText()));
}

QTEST_MAIN(TestRunChart)
#include "tst_runchart.moc"
