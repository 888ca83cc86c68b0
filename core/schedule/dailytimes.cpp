#include "core/schedule/dailytimes.h"

namespace ferry::schedule {
namespace {

// Wide enough that every day of the week is seen once, plus a day either side for the zone's offset.
constexpr int kSearchDays = 9;

} // namespace

DailyTimes::DailyTimes(config::Schedule schedule)
    : m_schedule(std::move(schedule)), m_zone(zoneNamed(m_schedule.timezone))
{
}

QTimeZone DailyTimes::zoneNamed(const QString& name)
{
    if (name == u"UTC")
        return QTimeZone::utc();
    if (name == u"local")
        return QTimeZone::systemTimeZone();
    return QTimeZone(name.toUtf8());
}

bool DailyTimes::isValid() const
{
    return m_zone.isValid() && m_schedule.time.isValid() && !m_schedule.days.isEmpty();
}

bool DailyTimes::isDay(const QDate& localDate) const
{
    return m_schedule.days.contains(localDate.dayOfWeek());
}

// Computed from the zone's offsets rather than QDateTime(date, time, zone), whose handling of gaps and
// folds changed between Qt versions: the wall time is tried with the offset in force a day before and
// a day after (a zone changes offset at most once a day), keeping the earliest that reads back.
QDateTime DailyTimes::onDate(const QDate& localDate) const
{
    const QDateTime wall(localDate, m_schedule.time, Qt::UTC); // the wall time, as if it were UTC
    const int before = m_zone.offsetFromUtc(wall.addDays(-1));
    const int after = m_zone.offsetFromUtc(wall.addDays(1));
    QDateTime best;
    for (const int offset : {before, after}) {
        const QDateTime candidate = wall.addSecs(-offset);
        if (m_zone.offsetFromUtc(candidate) == offset && (!best.isValid() || candidate < best))
            best = candidate;
    }
    if (best.isValid())
        return best;
    // In a gap (clocks moved forward past it): the transition is the first valid instant after it.
    const QTimeZone::OffsetData transition = m_zone.nextTransition(wall.addSecs(-qMax(before, after)));
    return transition.atUtc.toUTC();
}

QDateTime DailyTimes::previous(const QDateTime& now) const
{
    if (!isValid())
        return {};
    const QDate today = now.toTimeZone(m_zone).date();
    for (QDate d = today.addDays(1); d >= today.addDays(-kSearchDays); d = d.addDays(-1)) {
        if (!isDay(d))
            continue;
        if (const QDateTime due = onDate(d); due <= now)
            return due;
    }
    return {};
}

QDateTime DailyTimes::next(const QDateTime& now) const
{
    if (!isValid())
        return {};
    const QDate today = now.toTimeZone(m_zone).date();
    for (QDate d = today.addDays(-1); d <= today.addDays(kSearchDays); d = d.addDays(1)) {
        if (!isDay(d))
            continue;
        if (const QDateTime due = onDate(d); due > now)
            return due;
    }
    return {};
}

QDateTime DailyTimes::overdue(const QDateTime& lastDue, const QDateTime& now) const
{
    const QDateTime due = previous(now);
    return due.isValid() && (!lastDue.isValid() || lastDue < due) ? due : QDateTime();
}

QDateTime DailyTimes::nextRun(const QDateTime& lastDue, const QDateTime& now) const
{
    const QDateTime due = overdue(lastDue, now);
    return due.isValid() ? due : next(now);
}

} // namespace ferry::schedule
