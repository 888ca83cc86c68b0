#pragma once

#include "core/store/runrecord.h"

namespace ferry::app {

// How a run reads in a terminal: "2026-11-23 09:00:12  github  success  12 rows  3.2 s".
class RunFormat
{
public:
    static QString line(const store::RunRecord& run);
    static QString header();
};

} // namespace ferry::app
