#include "core/util/backoff.h"

#include <QRandomGenerator>
#include <QtGlobal>

namespace ferry::util {

int Backoff::delayMs(int retry) const
{
    const double jitter = QRandomGenerator::global()->generateDouble();
    return int((double(1 << qBound(0, retry, 20)) + jitter) * baseMs);
}

Backoff Backoff::fromEnvironment(int defaultBaseMs)
{
    Backoff b;
    b.baseMs = defaultBaseMs;
    bool ok = false;
    const int base = qEnvironmentVariableIntValue("FERRY_RETRY_BASE_MS", &ok);
    if (ok && base >= 0)
        b.baseMs = base;
    return b;
}

} // namespace ferry::util
