// When a daily schedule is due: days of the week, time zones, and the two DST days of a year.
#include "core/schedule/dailytimes.h"

#include <QTest>

using namespace ferry;
using schedule::DailyTimes;

class TestSchedule : public QObject
{
    Q_OBJECT

private slots:
    void dueInstantsAroundNow_data();
    void dueInstantsAroundNow();
    void aTimeThatOccursTwiceRunsOnce();
    void localMeansTheSystemTimeZone();
    void anUnknownZoneOrNoDayIsNeverDue();
};

static QDateTime utc(const char* text)
{
    QDateTime t = QDateTime::fromString(QString::fromLatin1(text), Qt::ISODate);
    t.setTimeZone(QTimeZone::utc());
    return t;
}

static config::Schedule daily(const QTime& time, const char* zone, QList<int> days = {1, 2, 3, 4, 5, 6, 7})
{
    config::Schedule s;
    s.time = time;
    s.timezone = QString::fromLatin1(zone);
    s.days = std::move(days);
    return s;
}

void TestSchedule::dueInstantsAroundNow_data()
{
    QTest::addColumn<config::Schedule>("schedule");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<QDateTime>("previous");
    QTest::addColumn<QDateTime>("next");
    const QTime five(5, 0);
    // 2026-11-23 is a Monday.
    QTest::newRow("a minute before") << daily(five, "UTC") << utc("2026-11-23T04:59:00")
                                     << utc("2026-11-22T05:00:00") << utc("2026-11-23T05:00:00");
    QTest::newRow("on the minute is due") << daily(five, "UTC") << utc("2026-11-23T05:00:00")
                                          << utc("2026-11-23T05:00:00") << utc("2026-11-24T05:00:00");
    QTest::newRow("weekdays only, on a Sunday")
        << daily(five, "UTC", {1, 2, 3, 4, 5}) << utc("2026-11-22T12:00:00") << utc("2026-11-20T05:00:00")
        << utc("2026-11-23T05:00:00");
    QTest::newRow("Mondays only, a week apart") << daily(five, "UTC", {1}) << utc("2026-11-23T04:00:00")
                                                << utc("2026-11-16T05:00:00") << utc("2026-11-23T05:00:00");
    QTest::newRow("Berlin in winter is UTC+1") << daily(five, "Europe/Berlin") << utc("2026-11-23T04:30:00")
                                               << utc("2026-11-23T04:00:00") << utc("2026-11-24T04:00:00");
    QTest::newRow("New York: the local day, not the UTC day")
        << daily(QTime(22, 0), "America/New_York", {1}) << utc("2026-11-24T02:00:00")
        << utc("2026-11-17T03:00:00") << utc("2026-11-24T03:00:00");
    // Berlin, 2026-03-29: clocks go from 02:00 CET to 03:00 CEST (01:00 UTC); 02:30 does not exist.
    QTest::newRow("a time in the spring gap runs at the transition")
        << daily(QTime(2, 30), "Europe/Berlin") << utc("2026-03-29T00:59:00") << utc("2026-03-28T01:30:00")
        << utc("2026-03-29T01:00:00");
    QTest::newRow("and the day after at its time again")
        << daily(QTime(2, 30), "Europe/Berlin") << utc("2026-03-29T01:00:00") << utc("2026-03-29T01:00:00")
        << utc("2026-03-30T00:30:00");
}

void TestSchedule::dueInstantsAroundNow()
{
    QFETCH(config::Schedule, schedule);
    QFETCH(QDateTime, now);
    QFETCH(QDateTime, previous);
    QFETCH(QDateTime, next);
    const DailyTimes times(schedule);
    QVERIFY(times.isValid());
    QCOMPARE(times.previous(now), previous);
    QCOMPARE(times.next(now), next);
}

// Berlin, 2026-10-25: 03:00 CEST goes back to 02:00 CET (01:00 UTC), so 02:30 happens at 00:30 and at
// 01:30 UTC. It is due at the first; an hour later the next due instant is the next day's.
void TestSchedule::aTimeThatOccursTwiceRunsOnce()
{
    const DailyTimes times(daily(QTime(2, 30), "Europe/Berlin"));
    QCOMPARE(times.next(utc("2026-10-25T00:00:00")), utc("2026-10-25T00:30:00"));
    QCOMPARE(times.previous(utc("2026-10-25T01:45:00")), utc("2026-10-25T00:30:00"));
    QCOMPARE(times.next(utc("2026-10-25T00:30:00")), utc("2026-10-26T01:30:00"));
}

void TestSchedule::localMeansTheSystemTimeZone()
{
    const QDateTime now = utc("2026-07-01T12:00:00");
    const DailyTimes local(daily(QTime(6, 15), "local"));
    const QDateTime expected = QDateTime(now.toTimeZone(QTimeZone::systemTimeZone()).date().addDays(1),
                                         QTime(6, 15), QTimeZone::systemTimeZone());
    QVERIFY(local.next(now) > now);
    QCOMPARE(local.next(now).toTimeZone(QTimeZone::systemTimeZone()).time(), QTime(6, 15));
    QVERIFY(local.next(now) <= expected);
}

void TestSchedule::anUnknownZoneOrNoDayIsNeverDue()
{
    const DailyTimes unknown(daily(QTime(5, 0), "Mars/Olympus_Mons"));
    QVERIFY(!unknown.isValid());
    QVERIFY(!unknown.previous(utc("2026-11-23T12:00:00")).isValid());
    const DailyTimes noDay(daily(QTime(5, 0), "UTC", {}));
    QVERIFY(!noDay.next(utc("2026-11-23T12:00:00")).isValid());
}

QTEST_GUILESS_MAIN(TestSchedule)
#include "tst_schedule.moc"
