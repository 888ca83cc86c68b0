#pragma once

#include "core/config/config.h"
#include "core/config/jsonfields.h"

namespace ferry::config {

// Turns a Config (or a part of one) back into the JSON format that ConfigReader reads.
class ConfigWriter
{
public:
    static Json toJson(const Config& config);
    static Json toJson(const Profile& profile);
    static Json toJson(const Schedule& schedule);
    static Json toJson(const AlertsConfig& alerts);
};

} // namespace ferry::config
