#include "core/config/config.h"

#include <QDir>

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

QString Signing::formatName(Format format)
{
    switch (format) {
    case Format::Ssh:
        return QStringLiteral("ssh");
    case Format::OpenPgp:
        return QStringLiteral("openpgp");
    case Format::None:
        break;
    }
    return {};
}

const QStringList& Schedule::dayNames()
{
    static const QStringList names = {QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"),
                                      QStringLiteral("thu"), QStringLiteral("fri"), QStringLiteral("sat"),
                                      QStringLiteral("sun")};
    return names;
}

// Only a data directory inside a folder (or equal to it) is refused: its files would sync as the
// user's. A folder inside the data directory is the user's choice (tests and portable setups do it);
// Ferry's own files live in named subfolders that the folder does not reach.
QString Config::folderHolding(const QString& dataDir) const
{
    const QString data = QDir::cleanPath(dataDir);
    for (qsizetype i = 0; i < profiles.size(); ++i) {
        for (qsizetype j = 0; j < profiles[i].folders.size(); ++j) {
            const QString local = QDir::cleanPath(profiles[i].folders[j].local);
            if (!local.isEmpty() && (data == local || data.startsWith(local + u'/')))
                return QStringLiteral(
                           "profiles[%1].folders[%2].local: the data directory %3 is inside the folder %4; "
                           "Ferry's own files would sync as yours (choose another --data-dir "
                           "or folder)")
                    .arg(i)
                    .arg(j)
                    .arg(data, local);
        }
    }
    return {};
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
