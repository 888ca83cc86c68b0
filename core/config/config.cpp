#include "config/config.h"

namespace ferry::config {

QList<ConflictRule> Profile::defaultConflictRules()
{
    return {
        {QStringLiteral("shared/memories/**/*.json"), QStringLiteral("union")},
        {QStringLiteral("**/settings*.json"), QStringLiteral("newest")},
        {QStringLiteral("**/*.{md,txt}"), QStringLiteral("merge")},
        {QStringLiteral("**"), QStringLiteral("keep-both")},
    };
}

const QStringList& Profile::policies()
{
    static const QStringList names = {QStringLiteral("union"), QStringLiteral("newest"),
                                      QStringLiteral("merge"), QStringLiteral("keep-both")};
    return names;
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
