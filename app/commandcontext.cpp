#include "commandcontext.h"

#include "store/storefactory.h"

namespace ferry::app {

CommandContext::CommandContext(QString configPath, QString dataDir, QTextStream& out, QTextStream& err)
    : m_configPath(std::move(configPath)), m_dataDir(std::move(dataDir)), m_out(out), m_err(err)
{
}

Result<config::LoadedConfig> CommandContext::loadConfig(config::ConfigReader::Mode mode)
{
    Result<config::LoadedConfig> loaded = config::ConfigFile(m_configPath).load(mode);
    if (loaded) {
        for (const QString& warning : loaded->warnings)
            m_err << "ferry: warning: " << m_configPath << ": " << warning << Qt::endl;
    }
    return loaded;
}

Result<std::unique_ptr<store::Store>> CommandContext::openStore(const config::Config& config)
{
    std::unique_ptr<store::Store> store = store::StoreFactory::create(config, m_dataDir);
    if (Status s = store->open(); !s)
        return s.error();
    return store;
}

} // namespace ferry::app
