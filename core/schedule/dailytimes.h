#pragma once

#include "core/config/config.h"

#include <QDateTime>
#include <QTimeZone>

namespace ferry::schedule {

// The instants at which a daily schedule is due: its time of day on its days of the week, in its time
// zone ("UTC", "local" or an IANA name). On a DST day a time that does not exist is due at the first
// valid instant after it (the transition); a time that occurs twice is due once, at the first.
class DailyTimes
{
public:
    explicit DailyTimes(config::Schedule schedule);

    bool isValid() const; // a known time zone, a valid time and at least one day

    // The most recent due instant at or before `now`, and the first one after it (UTC); invalid when
    // the schedule is not valid.
    QDateTime previous(const QDateTime& now) const;
    QDateTime next(const QDateTime& now) const;

    // The due instant a job last completed for `lastDue` has not run yet, or invalid when it is up to
    // date (a run missed while Ferry was closed is overdue once, whatever the number of days missed).
    QDateTime overdue(const QDateTime& lastDue, const QDateTime& now) const;
    // When such a job runs next: its overdue instant (at the scheduler's next look), else next(now).
    QDateTime nextRun(const QDateTime& lastDue, const QDateTime& now) const;

    // When the schedule is due on this local date (UTC), whether or not the date is one of its days.
    QDateTime onDate(const QDate& localDate) const;

    static QTimeZone zoneNamed(const QString& name);

private:
    bool isDay(const QDate& localDate) const;

    config::Schedule m_schedule;
    QTimeZone m_zone;
};

} // namespace ferry::schedule
