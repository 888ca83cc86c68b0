#pragma once

#include "core/alert/alert.h"

#include <QHash>

namespace ferry::util {
class Clock;
}

namespace ferry::alert {

// At most one alert per kind and subject in a window: the others are counted, and the next one that
// goes out says how many were held back and since when. In memory: a restart starts afresh.
class AlertLimiter
{
public:
    AlertLimiter(int windowSeconds, const util::Clock& clock);

    // True when `alert` may go out now (then it carries the count held back before it).
    bool admit(Alert& alert);

private:
    struct Entry
    {
        QDateTime lastSent;
        int suppressed = 0;
        QDateTime firstSuppressed;
    };

    int m_windowSeconds;
    const util::Clock& m_clock;
    QHash<QString, Entry> m_entries; // by Alert::key()
};

} // namespace ferry::alert
