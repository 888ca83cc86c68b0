#include "tests/support/stallmeter.h"

#include <ctime>

namespace ferry::test {

StallMeter::StallMeter()
{
    connect(&m_ticker, &QTimer::timeout, this, [this] {
        const qint64 gap = m_sinceTick.restart();
        const qint64 cpu = threadCpuMs() - m_cpuAtTick;
        m_cpuAtTick += cpu;
        if (gap > m_longest) {
            m_longest = gap;
            m_longestPhase = phase;
        }
        m_mostCpu = qMax(m_mostCpu, cpu);
    });
    m_ticker.start(10);
    m_sinceTick.start();
    m_cpuAtTick = threadCpuMs();
}

qint64 StallMeter::threadCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return qint64(t.tv_sec) * 1000 + t.tv_nsec / 1000000;
}

} // namespace ferry::test
