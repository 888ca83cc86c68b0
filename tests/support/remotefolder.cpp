#include "tests/support/remotefolder.h"

#include "tests/support/gitcli.h"

#include <QTest>

namespace ferry::test {

std::unique_ptr<QTemporaryDir> makeRemoteFolder()
{
    auto dir = std::make_unique<QTemporaryDir>();
    if (!QTest::qVerify(dir->isValid(), "dir->isValid()", "a temporary folder", __FILE__, __LINE__))
        return nullptr;
    GitCli::ok(dir->path(), {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"),
                             dir->path() + QStringLiteral("/remote.git")});
    return dir;
}

} // namespace ferry::test
