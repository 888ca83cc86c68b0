#include "core/sync/health.h"

#include "core/sync/syncresult.h"

#include <QStringList>

namespace ferry::sync {
namespace {

const QStringList& names()
{
    static const QStringList list = {QStringLiteral("healthy"), QStringLiteral("degraded"),
                                     QStringLiteral("failing"), QStringLiteral("paused")};
    return list;
}

// Failures that the same attempt a minute later will meet again: a person has to change something.
bool retryingWillNotHelp(ErrorKind kind)
{
    return kind == ErrorKind::Invalid || kind == ErrorKind::Refused;
}

} // namespace

QString healthName(Health health)
{
    return names().at(int(health));
}

std::optional<Health> healthNamed(const QString& name)
{
    const qsizetype i = names().indexOf(name);
    if (i < 0)
        return std::nullopt;
    return Health(i);
}

SyncHealth SyncHealth::after(const SyncResult& result) const
{
    SyncHealth next;
    if (result.ok) {
        // Synced, but not everything: paths it could not read are retried, and said.
        if (!result.problems.isEmpty()) {
            next.status = Health::Degraded;
            next.lastError = result.problems.first();
        }
        return next;
    }
    next.consecutiveFailures = consecutiveFailures + 1;
    next.lastError = result.error;
    next.status = result.paused                               ? Health::Paused
                  : retryingWillNotHelp(result.errorKind)     ? Health::Failing
                  : next.consecutiveFailures >= kFailingAfter ? Health::Failing
                                                              : Health::Degraded;
    return next;
}

} // namespace ferry::sync
