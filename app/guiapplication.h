#pragma once

namespace ferry::app {

struct AppStart;

// Starts the tray application on what the command line settled (AppCommand) and runs its event loop;
// returns the exit code. QApplication takes Qt's own options out of argv.
int runGuiApplication(int& argc, char** argv, const AppStart& start);

} // namespace ferry::app
