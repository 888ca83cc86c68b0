#include "core/config/conflictpolicy.h"

namespace ferry::config {

const QStringList& policyNames()
{
    static const QStringList names = {QStringLiteral("union"), QStringLiteral("newest"),
                                      QStringLiteral("merge"), QStringLiteral("keep-both")};
    return names;
}

QString policyName(ConflictPolicy policy)
{
    return policyNames().at(int(policy));
}

std::optional<ConflictPolicy> policyNamed(const QString& name)
{
    const qsizetype i = policyNames().indexOf(name);
    if (i < 0)
        return std::nullopt;
    return ConflictPolicy(i);
}

} // namespace ferry::config
