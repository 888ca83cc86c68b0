#pragma once

#include "core/config/configfile.h"
#include "core/util/result.h"

#include <memory>
#include <optional>
#include <QJsonObject>
#include <QTextStream>

namespace ferry::store {
class Store;
}

namespace ferry::app {

// What every command needs: where the config and data live, and where to print.
class CommandContext
{
public:
    CommandContext(QString configPath, QString dataDir, QTextStream& out, QTextStream& err);

    const QString& configPath() const { return m_configPath; }
    const QString& dataDir() const { return m_dataDir; }
    QTextStream& out() { return m_out; }
    QTextStream& err() { return m_err; }

    // Loads the config (a missing file gives the defaults); warnings go to stderr.
    Result<config::LoadedConfig>
    loadConfig(config::ConfigReader::Mode mode = config::ConfigReader::Mode::Strict);
    // Hands the command to a Ferry app running on the same data directory, if there is one, and prints
    // its answer: the exit status, or nothing when no app runs (the command then runs here).
    std::optional<int> handToRunningApp(const QJsonObject& request);
    // The configured store, opened and migrated.
    Result<std::unique_ptr<store::Store>> openStore(const config::Config& config);

private:
    QString m_configPath;
    QString m_dataDir;
    QTextStream& m_out;
    QTextStream& m_err;
};

} // namespace ferry::app
