#pragma once

#include <memory>
#include <QtGlobal>

namespace ferry::util {

// A request to stop, shared by a worker and whoever may end it (SIGTERM, Quit, a watchdog). Copies
// share one flag. Every wait a worker makes between attempts goes through sleepFor(), so a stop ends
// it at once instead of after the backoff, the Retry-After or the rate-limit reset.
class StopToken
{
public:
    StopToken();

    // Thread-safe; not async-signal-safe (call it from the event loop that heard the signal).
    void requestStop() const;
    bool stopRequested() const;
    // Sleeps up to `ms`; false if a stop was requested before or during the wait.
    bool sleepFor(qint64 ms) const;

private:
    struct Shared;
    std::shared_ptr<Shared> m_shared;
};

} // namespace ferry::util
