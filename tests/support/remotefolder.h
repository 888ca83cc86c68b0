#pragma once

#include <memory>
#include <QString>
#include <QTemporaryDir>

namespace ferry::test {

// The fixture of the sync integration tests: a fresh temporary folder holding an empty bare repository,
// remote.git, that the test's replicas sync with. Null (the current test failed) if it cannot be made.
std::unique_ptr<QTemporaryDir> makeRemoteFolder();

} // namespace ferry::test
