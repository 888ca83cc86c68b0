#pragma once

#include "core/alert/alert.h"
#include "core/alert/alertlimitfile.h"

#include <memory>

namespace ferry::util {
class Clock;
}

namespace ferry::alert {

// At most one alert per kind and subject in a window: the others are counted, and the next one that
// goes out says how many were held back and since when. As Alertmanager's notification log, an alert
// counts as sent once it was delivered: while it is on its way the same kind and subject are held
// back, and one that could not be delivered lets the next go out at once. In memory, and in a file
// when keepIn() names one, so that a restart does not start afresh.
class AlertLimiter
{
public:
    AlertLimiter(int windowSeconds, const util::Clock& clock);

    // Loads the limits kept in `file` and writes every change there from now on. A file that cannot be
    // read starts afresh and one that cannot be written keeps the limit in memory: both are logged, and
    // neither holds an alert back that would otherwise go out.
    void keepIn(const QString& file);

    // True when `alert` may go out now (then it carries the count held back before it); then tell
    // delivered() or failed() how it went.
    bool admit(Alert& alert);
    // `alert`, admitted, reached its receivers: its window begins at its admission.
    void delivered(const Alert& alert);
    // `alert`, admitted, did not: the next one of its kind and subject goes out, with the count this one
    // carried.
    void failed(const Alert& alert);

private:
    struct Sending
    {
        QDateTime admitted;
        int suppressed = 0; // what it carries, given back if it fails
        QDateTime firstSuppressed;
    };

    void save();

    int m_windowSeconds;
    const util::Clock& m_clock;
    AlertLimitFile::Entries m_entries;
    QHash<QString, Sending> m_sending; // by Alert::key(): admitted, not yet delivered nor failed
    std::unique_ptr<AlertLimitFile> m_file;
};

} // namespace ferry::alert
