#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

namespace ferry::test {

// The GUI thread's longest gap between two ticks of a 10 ms timer, while it lives, and the most CPU
// the GUI thread itself used within one gap. On a shared 2-core machine a gap also holds the time the
// thread waited for a core; its own CPU time is the work it did instead of handling events.
class StallMeter : public QObject
{
public:
    StallMeter();

    // The gap since the last tick counts too: a stall that has just ended has not ticked yet.
    qint64 longest() const { return qMax(m_longest, m_sinceTick.elapsed()); }
    qint64 mostCpu() const { return m_mostCpu; }
    const QString& longestPhase() const { return m_longestPhase; }
    QString phase; // what the test is doing, to tell where the longest gap was

private:
    static qint64 threadCpuMs();

    QTimer m_ticker;
    QElapsedTimer m_sinceTick;
    qint64 m_longest = 0;
    qint64 m_cpuAtTick = 0;
    qint64 m_mostCpu = 0;
    QString m_longestPhase;
};

} // namespace ferry::test
