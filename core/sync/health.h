#pragma once

#include <optional>
#include <QString>

namespace ferry::sync {

struct SyncResult;

// A profile's health, as the engine, `ferry status`, the status window and the tray all show it.
enum class Health {
    Healthy,  // the last cycle synced everything it could see
    Degraded, // the last cycles failed on something that may pass (network), or a cycle skipped paths
              // it could not read; still retrying
    Failing,  // failed kFailingAfter times in a row, or on something retrying will not fix (refused
              // credentials or push, bad configuration)
    Paused,   // a guard stopped the profile until a person acts (folder missing, remote reset)
};

QString healthName(Health health); // "healthy", "degraded", "failing", "paused"
std::optional<Health> healthNamed(const QString& name);

struct SyncHealth
{
    static constexpr int kFailingAfter = 3;

    Health status = Health::Healthy;
    QString lastError;
    int consecutiveFailures = 0;

    // The one rule: the health after a cycle that ended as `result`.
    SyncHealth after(const SyncResult& result) const;
};

} // namespace ferry::sync
