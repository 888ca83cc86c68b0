#pragma once

#include "core/config/config.h"
#include "core/config/configreader.h"
#include "core/util/result.h"

#include <QString>
#include <QStringList>

namespace ferry::config {

struct LoadedConfig
{
    Config config;
    QStringList warnings; // unknown keys and the like, "field: reason"
    bool existed = false; // false: no file yet, config holds the defaults
};

// The config file on disk. Loading never crashes on a bad file: every problem comes back as an
// ErrorKind::Invalid error listing "field: reason" lines. Writing is atomic and refuses to write an
// invalid config, so a failed save leaves the previous file as it was.
class ConfigFile
{
public:
    explicit ConfigFile(QString path) : m_path(std::move(path)) {}

    const QString& path() const { return m_path; }
    Result<LoadedConfig> load(ConfigReader::Mode mode = ConfigReader::Mode::Strict) const;
    Status save(const Config& config) const;

    // Appends a profile to the file, keeping everything else in it (unknown keys included) as it is.
    Status addProfile(const Profile& profile) const;

private:
    Status writeValidated(const QByteArray& json) const;

    QString m_path;
};

} // namespace ferry::config
