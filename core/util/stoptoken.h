#pragma once

#include <functional>
#include <memory>
#include <QtGlobal>

class QObject;

namespace ferry::util {

// A request to stop, shared by a worker and whoever may end it (SIGTERM, Quit, a watchdog). Copies
// share one flag. A worker's every wait between attempts ends at once on a stop: a blocking wait
// through sleepFor(), a timer in an event loop through whenStopped().
class StopToken
{
public:
    StopToken();

    // Thread-safe; not async-signal-safe (call it from the event loop that heard the signal).
    void requestStop() const;
    bool stopRequested() const;
    // Sleeps up to `ms`; false if a stop was requested before or during the wait.
    bool sleepFor(qint64 ms) const;
    // Calls `onStop` once, in `context`'s thread (through its event loop), when a stop is requested, or
    // soon if one already was; never after `context` is destroyed.
    void whenStopped(QObject* context, std::function<void()> onStop) const;

private:
    struct Shared;
    std::shared_ptr<Shared> m_shared;
};

} // namespace ferry::util
