#pragma once

namespace ferry::app {

// Starts the tray application and runs its event loop; returns the exit code.
int runGuiApplication(int& argc, char** argv);

} // namespace ferry::app
