#include "app/historycommand.h"

#include <QTest>
#include <QTimeZone>

using ferry::app::HistoryCommand;

class TestHistorySince : public QObject
{
    Q_OBJECT

private slots:
    void readsAgesAndDates_data();
    void readsAgesAndDates();
    void refusesWhatItCannotRead_data();
    void refusesWhatItCannotRead();
};

static const QDateTime kNow(QDate(2026, 11, 23), QTime(12, 0), QTimeZone::utc());

void TestHistorySince::readsAgesAndDates_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");
    QTest::newRow("seconds") << "90s" << kNow.addSecs(-90);
    QTest::newRow("minutes") << "30m" << kNow.addSecs(-1800);
    QTest::newRow("hours") << "12h" << kNow.addSecs(-12 * 3600);
    QTest::newRow("days") << "7d" << kNow.addDays(-7);
    QTest::newRow("weeks") << "2w" << kNow.addDays(-14);
    QTest::newRow("utc date-time") << "2026-11-01T08:30:00Z"
                                   << QDateTime(QDate(2026, 11, 1), QTime(8, 30), QTimeZone::utc());
    QTest::newRow("offset date-time")
        << "2026-11-01T08:30:00+02:00" << QDateTime(QDate(2026, 11, 1), QTime(6, 30), QTimeZone::utc());
}

void TestHistorySince::readsAgesAndDates()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    const auto since = HistoryCommand::parseSince(text, kNow);
    QVERIFY(since.has_value());
    QCOMPARE(*since, expected);
}

void TestHistorySince::refusesWhatItCannotRead_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("unknown unit") << "3x";
    QTest::newRow("no number") << "d";
    QTest::newRow("negative") << "-7d";
    QTest::newRow("words") << "last tuesday";
    QTest::newRow("bad date") << "2026-13-45";
}

void TestHistorySince::refusesWhatItCannotRead()
{
    QFETCH(QString, text);
    QVERIFY(!HistoryCommand::parseSince(text, kNow).has_value());
}

QTEST_GUILESS_MAIN(TestHistorySince)
#include "tst_historysince.moc"
