#pragma once

#include "core/alert/alert.h"
#include "core/alert/alertlimitfile.h"

#include <memory>

namespace ferry::util {
class Clock;
}

namespace ferry::alert {

// At most one alert per kind and subject in a window: the others are counted, and the next one that
// goes out says how many were held back and since when. In memory, and in a file when keepIn() names
// one, so that a restart does not start afresh.
class AlertLimiter
{
public:
    AlertLimiter(int windowSeconds, const util::Clock& clock);

    // Loads the limits kept in `file` and writes every change there from now on. A file that cannot be
    // read starts afresh and one that cannot be written keeps the limit in memory: both are logged, and
    // neither holds an alert back that would otherwise go out.
    void keepIn(const QString& file);

    // True when `alert` may go out now (then it carries the count held back before it).
    bool admit(Alert& alert);

private:
    void save();

    int m_windowSeconds;
    const util::Clock& m_clock;
    AlertLimitFile::Entries m_entries;
    std::unique_ptr<AlertLimitFile> m_file;
};

} // namespace ferry::alert
