#include "app/commandcontext.h"

#include "core/store/storefactory.h"
#include "core/util/instancechannel.h"

namespace ferry::app {

CommandContext::CommandContext(QString configPath, QString dataDir, QTextStream& out, QTextStream& err)
    : m_configPath(std::move(configPath)), m_dataDir(std::move(dataDir)), m_out(out), m_err(err)
{
}

Result<config::LoadedConfig> CommandContext::loadConfig(config::ConfigReader::Mode mode)
{
    Result<config::LoadedConfig> loaded = config::ConfigFile(m_configPath).load(mode);
    if (loaded) {
        if (const QString overlap = loaded->config.folderHolding(m_dataDir); !overlap.isEmpty())
            return makeError(ErrorKind::Invalid, m_configPath + QStringLiteral(": ") + overlap);
        for (const QString& warning : loaded->warnings)
            m_err << "ferry: warning: " << m_configPath << ": " << warning << Qt::endl;
    }
    return loaded;
}

std::optional<int> CommandContext::handToRunningApp(const QJsonObject& request)
{
    const Result<QJsonObject> answer =
        util::InstanceChannel::request(util::InstanceChannel::name(m_dataDir), request);
    if (!answer) {
        if (answer.error().kind != ErrorKind::NotFound)
            m_err << "ferry: " << answer.message() << "; running the command here" << Qt::endl;
        return std::nullopt;
    }
    if (const QString out = answer->value(QStringLiteral("out")).toString(); !out.isEmpty())
        m_out << out << Qt::endl;
    if (const QString err = answer->value(QStringLiteral("err")).toString(); !err.isEmpty())
        m_err << "ferry: " << err << Qt::endl;
    return answer->value(QStringLiteral("exit")).toInt();
}

Result<std::unique_ptr<store::Store>> CommandContext::openStore(const config::Config& config)
{
    std::unique_ptr<store::Store> store = store::StoreFactory::create(config, m_dataDir);
    if (Status s = store->open(); !s)
        return s.error();
    return store;
}

} // namespace ferry::app
