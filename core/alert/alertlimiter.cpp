#include "core/alert/alertlimiter.h"

#include "core/util/clock.h"
#include "core/util/logging.h"

namespace ferry::alert {

AlertLimiter::AlertLimiter(int windowSeconds, const util::Clock& clock)
    : m_windowSeconds(windowSeconds), m_clock(clock)
{
}

void AlertLimiter::keepIn(const QString& file)
{
    m_file = std::make_unique<AlertLimitFile>(file);
    Result<AlertLimitFile::Entries> kept = m_file->read();
    if (!kept) {
        qCWarning(lcAlert).noquote() << "rate limit: starting afresh:" << kept.message();
        return;
    }
    for (auto it = kept->begin(); it != kept->end(); ++it) {
        if (!m_entries.contains(it.key()))
            m_entries.insert(it.key(), it.value());
    }
}

bool AlertLimiter::admit(Alert& alert)
{
    const QDateTime now = m_clock.nowUtc();
    AlertLimitFile::Entry& e = m_entries[alert.key()];
    const bool inWindow = e.lastSent.isValid() && e.lastSent.secsTo(now) < m_windowSeconds;
    if (inWindow || m_sending.contains(alert.key())) {
        if (e.suppressed++ == 0)
            e.firstSuppressed = alert.at.isValid() ? alert.at : now;
        save();
        return false;
    }
    alert.suppressed = e.suppressed;
    alert.suppressedSince = e.firstSuppressed;
    m_sending.insert(alert.key(), Sending{now, e.suppressed, e.firstSuppressed});
    e.suppressed = 0;
    e.firstSuppressed = QDateTime();
    return true;
}

void AlertLimiter::delivered(const Alert& alert)
{
    const auto sending = m_sending.constFind(alert.key());
    if (sending == m_sending.cend())
        return;
    m_entries[alert.key()].lastSent = sending->admitted;
    m_sending.erase(sending);
    save();
}

void AlertLimiter::failed(const Alert& alert)
{
    const auto sending = m_sending.constFind(alert.key());
    if (sending == m_sending.cend())
        return;
    AlertLimitFile::Entry& e = m_entries[alert.key()];
    e.suppressed += sending->suppressed;
    if (sending->firstSuppressed.isValid() &&
        (!e.firstSuppressed.isValid() || sending->firstSuppressed < e.firstSuppressed))
        e.firstSuppressed = sending->firstSuppressed;
    m_sending.erase(sending);
    save();
}

// Entries whose window has passed with nothing held back say nothing more: they are left out of the file.
void AlertLimiter::save()
{
    if (!m_file)
        return;
    const QDateTime now = m_clock.nowUtc();
    AlertLimitFile::Entries live;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        if (it->suppressed > 0 || (it->lastSent.isValid() && it->lastSent.secsTo(now) < m_windowSeconds))
            live.insert(it.key(), it.value());
    }
    const Status written = m_file->write(live);
    if (!written)
        qCWarning(lcAlert).noquote() << "rate limit: kept in memory only:" << written.message();
}

} // namespace ferry::alert
