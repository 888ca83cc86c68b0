#include "core/config/paths.h"

#include <QDir>
#include <QStandardPaths>

namespace ferry::config {
namespace {

QString firstOf(const QString& explicitPath, const char* envVar)
{
    if (!explicitPath.isEmpty())
        return QDir::cleanPath(QDir::current().absoluteFilePath(explicitPath));
    const QString env = qEnvironmentVariable(envVar);
    if (!env.isEmpty())
        return QDir::cleanPath(QDir::current().absoluteFilePath(env));
    return {};
}

} // namespace

QString Paths::configFile(const QString& explicitPath)
{
    const QString chosen = firstOf(explicitPath, "FERRY_CONFIG");
    return chosen.isEmpty() ? platformConfigFile() : chosen;
}

QString Paths::platformConfigFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/ferry/config.json");
}

QString Paths::dataDir(const QString& explicitPath)
{
    const QString chosen = firstOf(explicitPath, "FERRY_DATA_DIR");
    return chosen.isEmpty() ? platformDataDir() : chosen;
}

QString Paths::platformDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/ferry");
}

QString Paths::profileDir(const QString& dataDir, const QString& profile)
{
    return dataDir + QStringLiteral("/profiles/") + profile;
}

QString Paths::versionsDir(const QString& dataDir, const QString& profile)
{
    return profileDir(dataDir, profile) + QStringLiteral("/versions");
}

QString Paths::stateFile(const QString& dataDir, const QString& profile)
{
    return profileDir(dataDir, profile) + QStringLiteral("/state.json");
}

QString Paths::sqliteDatabase(const QString& dataDir)
{
    return dataDir + QStringLiteral("/ferry.sqlite");
}

QString Paths::runQueue(const QString& dataDir)
{
    return dataDir + QStringLiteral("/pending_runs.jsonl");
}

QString Paths::alertLimits(const QString& dataDir)
{
    return dataDir + QStringLiteral("/alert_limits.json");
}

} // namespace ferry::config
