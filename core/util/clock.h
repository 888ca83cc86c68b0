#pragma once

#include <QDateTime>

namespace ferry::util {

// The one source of "now" in core, so tests can move time (schedules, durations, retention).
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime nowUtc() const = 0;

    // The process-wide wall clock.
    static const Clock& system();
};

// A clock that stands still until a test moves it.
class ManualClock : public Clock
{
public:
    explicit ManualClock(const QDateTime& start) : m_now(start.toUTC()) {}
    QDateTime nowUtc() const override { return m_now; }
    void advanceMs(qint64 ms) { m_now = m_now.addMSecs(ms); }
    void set(const QDateTime& now) { m_now = now.toUTC(); }

private:
    QDateTime m_now;
};

} // namespace ferry::util
