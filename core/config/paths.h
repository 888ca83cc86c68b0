#pragma once

#include <QString>

namespace ferry::config {

// Where Ferry keeps its files. An explicit path (command line) wins, then the environment
// (FERRY_CONFIG, FERRY_DATA_DIR), then the platform's locations.
class Paths
{
public:
    static QString configFile(const QString& explicitPath = {});
    static QString dataDir(const QString& explicitPath = {});
    // The platform's locations alone (no command line, no environment): what a program started
    // at login without arguments would use.
    static QString platformConfigFile();
    static QString platformDataDir();

    static QString profileDir(const QString& dataDir, const QString& profile);
    static QString stateFile(const QString& dataDir, const QString& profile);
    static QString versionsDir(const QString& dataDir, const QString& profile);
    static QString sqliteDatabase(const QString& dataDir);
    static QString runQueue(const QString& dataDir);
    static QString alertLimits(const QString& dataDir); // the alerts' rate limit, kept across restarts
};

} // namespace ferry::config
