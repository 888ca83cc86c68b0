#pragma once

namespace ferry::app {

// The exit status contract of docs/design.md ("Command line").
enum ExitCode : int {
    ExitSuccess = 0,
    ExitRunFailed = 1, // a run failed or left conflicts; a database or remote did not answer
    ExitUsage = 2,     // bad usage or configuration; the message names the option or field
};

} // namespace ferry::app
