#include "core/config/configfile.h"

#include "core/config/configreader.h"
#include "core/config/configwriter.h"
#include "core/util/atomicfile.h"
#include "core/util/logging.h"

namespace ferry::config {
namespace {

Error invalidConfig(const QString& path, const QStringList& errors)
{
    return makeError(
        ErrorKind::Invalid,
        QStringLiteral("%1 is not a valid config:\n  %2").arg(path, errors.join(QStringLiteral("\n  "))));
}

} // namespace

Result<LoadedConfig> ConfigFile::load(ConfigReader::Mode mode) const
{
    const Result<QByteArray> text = util::readWholeFile(m_path);
    if (!text) {
        if (text.error().kind == ErrorKind::NotFound)
            return LoadedConfig{};
        return text.error();
    }
    ConfigReader::Outcome outcome = ConfigReader::read(*text, mode);
    if (outcome.hasErrors())
        return invalidConfig(m_path, outcome.errors());
    for (const QString& w : outcome.warnings())
        qCWarning(lcConfig).noquote() << m_path << w;
    return LoadedConfig{std::move(*outcome.config), outcome.warnings(), true};
}

Status ConfigFile::save(const Config& config) const
{
    return writeValidated(QByteArray::fromStdString(ConfigWriter::toJson(config).dump(2)) + '\n');
}

Status ConfigFile::addProfile(const Profile& profile) const
{
    Json root = Json::object();
    const Result<QByteArray> text = util::readWholeFile(m_path);
    if (text) {
        ConfigReader::Outcome outcome = ConfigReader::read(*text);
        if (outcome.hasErrors())
            return invalidConfig(m_path, outcome.errors());
        root = Json::parse(text->constBegin(), text->constEnd());
    } else if (text.error().kind != ErrorKind::NotFound) {
        return text.error();
    }
    if (!root.contains("profiles") || root["profiles"].is_null())
        root["profiles"] = Json::array();
    for (const Json& existing : root["profiles"]) {
        if (existing.value("name", std::string()) == profile.name.toStdString())
            return makeError(
                ErrorKind::Invalid,
                QStringLiteral("a profile named \"%1\" already exists in %2").arg(profile.name, m_path));
    }
    root["profiles"].push_back(ConfigWriter::toJson(profile));
    return writeValidated(QByteArray::fromStdString(root.dump(2)) + '\n');
}

Status ConfigFile::writeValidated(const QByteArray& json) const
{
    const ConfigReader::Outcome outcome = ConfigReader::read(json);
    if (outcome.hasErrors())
        return invalidConfig(m_path, outcome.errors());
    return util::writeFileAtomically(m_path, json);
}

} // namespace ferry::config
