#pragma once

#include <QMutex>
#include <QtGlobal>
#include <QWaitCondition>

namespace ferry::util {

// Bounds the bytes of the files read at once by parallel workers, not only their number: many small
// files go in parallel, large ones take turns, and a file larger than the whole budget takes all of it
// and is read alone. A worker blocks in acquire() until its share fits; the lease gives it back.
class ByteBudget
{
public:
    explicit ByteBudget(qint64 bytes) : m_total(qMax<qint64>(1, bytes)) {}
    ByteBudget(const ByteBudget&) = delete;
    ByteBudget& operator=(const ByteBudget&) = delete;

    class Lease
    {
    public:
        Lease(ByteBudget* budget, qint64 bytes) : m_budget(budget), m_bytes(bytes) {}
        ~Lease();
        Lease(Lease&& other) noexcept : m_budget(other.m_budget), m_bytes(other.m_bytes)
        {
            other.m_budget = nullptr;
        }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Lease& operator=(Lease&&) = delete;

    private:
        ByteBudget* m_budget;
        qint64 m_bytes;
    };

    [[nodiscard]] Lease acquire(qint64 bytes);

    qint64 total() const { return m_total; }
    qint64 inFlight() const;
    qint64 peak() const; // the most ever taken at once (for tests and benchmarks)

    static constexpr qint64 kDefault = qint64(64) << 20;

private:
    void release(qint64 bytes);

    const qint64 m_total;
    mutable QMutex m_mutex;
    QWaitCondition m_freed;
    qint64 m_used = 0;
    qint64 m_peak = 0;
};

} // namespace ferry::util
