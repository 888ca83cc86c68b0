#include "util/stoptoken.h"

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace ferry::util {

struct StopToken::Shared
{
    std::mutex mutex;
    std::condition_variable woken;
    bool stopped = false;
};

StopToken::StopToken() : m_shared(std::make_shared<Shared>()) {}

void StopToken::requestStop() const
{
    {
        const std::lock_guard<std::mutex> lock(m_shared->mutex);
        m_shared->stopped = true;
    }
    m_shared->woken.notify_all();
}

bool StopToken::stopRequested() const
{
    const std::lock_guard<std::mutex> lock(m_shared->mutex);
    return m_shared->stopped;
}

bool StopToken::sleepFor(qint64 ms) const
{
    std::unique_lock<std::mutex> lock(m_shared->mutex);
    m_shared->woken.wait_for(lock, std::chrono::milliseconds(qMax<qint64>(0, ms)),
                             [this] { return m_shared->stopped; });
    return !m_shared->stopped;
}

} // namespace ferry::util
