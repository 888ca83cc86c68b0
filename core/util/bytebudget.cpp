#include "core/util/bytebudget.h"

namespace ferry::util {

ByteBudget::Lease::~Lease()
{
    if (m_budget)
        m_budget->release(m_bytes);
}

ByteBudget::Lease ByteBudget::acquire(qint64 bytes)
{
    // An empty file still costs an open and a read: it counts as one byte.
    const qint64 share = qBound<qint64>(1, bytes, m_total);
    QMutexLocker lock(&m_mutex);
    while (m_used + share > m_total)
        m_freed.wait(&m_mutex);
    m_used += share;
    m_peak = qMax(m_peak, m_used);
    return {this, share};
}

void ByteBudget::release(qint64 bytes)
{
    QMutexLocker lock(&m_mutex);
    m_used -= bytes;
    m_freed.wakeAll();
}

qint64 ByteBudget::inFlight() const
{
    QMutexLocker lock(&m_mutex);
    return m_used;
}

qint64 ByteBudget::peak() const
{
    QMutexLocker lock(&m_mutex);
    return m_peak;
}

} // namespace ferry::util
