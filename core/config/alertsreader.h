#pragma once

#include "core/config/jsonfields.h"

namespace ferry::config {

// Reads the optional top-level `alerts` section into `out`, recording every problem in `fields`. A
// message about the webhook URL never repeats it: the URL may be the secret (Slack's are).
class AlertsReader
{
public:
    static void read(JsonFields& fields, const Json& root, AlertsConfig& out);
};

} // namespace ferry::config
