#pragma once

#include "core/config/config.h"

#include <optional>
#include <QByteArray>
#include <QList>

namespace ferry::config {

// Turns config JSON into a Config, checking every field: errors name the field and the reason
// ("profiles[0].folders[1].local: folder does not exist"); unknown keys are warnings.
class ConfigReader
{
public:
    struct Outcome
    {
        std::optional<Config> config; // set when there is no error
        QList<ConfigIssue> issues;

        bool hasErrors() const;
        QStringList errors() const;
        QStringList warnings() const;
    };

    // Strict: a mapped folder that does not exist is an error (writing a config, init, status).
    // MissingFoldersAllowed: it is a warning, for code that runs profiles: the sync engine pauses that
    // profile instead (an unplugged drive must not stop the others).
    enum class Mode { Strict, MissingFoldersAllowed };

    static Outcome read(const QByteArray& json, Mode mode = Mode::Strict);
};

} // namespace ferry::config
