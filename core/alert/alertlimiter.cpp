#include "core/alert/alertlimiter.h"

#include "core/util/clock.h"

namespace ferry::alert {

AlertLimiter::AlertLimiter(int windowSeconds, const util::Clock& clock)
    : m_windowSeconds(windowSeconds), m_clock(clock)
{
}

bool AlertLimiter::admit(Alert& alert)
{
    const QDateTime now = m_clock.nowUtc();
    Entry& e = m_entries[alert.key()];
    if (e.lastSent.isValid() && e.lastSent.secsTo(now) < m_windowSeconds) {
        if (e.suppressed++ == 0)
            e.firstSuppressed = alert.at.isValid() ? alert.at : now;
        return false;
    }
    alert.suppressed = e.suppressed;
    alert.suppressedSince = e.firstSuppressed;
    e = Entry{now, 0, {}};
    return true;
}

} // namespace ferry::alert
