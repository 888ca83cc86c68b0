#include "config/config.h"

namespace ferry::config {

QList<ConflictRule> Profile::defaultConflictRules()
{
    return {
        {QStringLiteral("shared/memories/**/*.json"), ConflictPolicy::Union},
        {QStringLiteral("**/settings*.json"), ConflictPolicy::Newest},
        {QStringLiteral("**/*.{md,txt}"), ConflictPolicy::Merge},
        {QStringLiteral("**"), ConflictPolicy::KeepBoth},
    };
}

const QStringList& Schedule::dayNames()
{
    static const QStringList names = {QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"),
                                      QStringLiteral("thu"), QStringLiteral("fri"), QStringLiteral("sat"),
                                      QStringLiteral("sun")};
    return names;
}

const Profile* Config::profile(const QString& name) const
{
    for (const Profile& p : profiles) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

} // namespace ferry::config
