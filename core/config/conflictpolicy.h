#pragma once

#include <optional>
#include <QString>
#include <QStringList>

namespace ferry::config {

// How a path changed on both sides is settled (the profile's conflict rules, first match wins).
enum class ConflictPolicy {
    Union,    // JSON records merged as a union
    Newest,   // the later edit wins; near-ties keep both
    Merge,    // three-way text merge
    KeepBoth, // the remote version under the name, the local one as a conflict copy
};

// The name used in the config, state.json, sync_logs and the command line ("keep-both").
QString policyName(ConflictPolicy policy);
// The policy a name stands for; nothing for an unknown name.
std::optional<ConflictPolicy> policyNamed(const QString& name);
// Every name, in the order of the enum.
const QStringList& policyNames();

} // namespace ferry::config
