#include "core/sync/failpoint.h"

#include <csignal>
#include <cstdlib>
#include <QByteArray>
#include <QProcess>
#include <QStringList>
#include <QtGlobal>
#include <QThread>

namespace ferry::sync {

void Failpoint::hit(const char* name)
{
    static const QByteArray armed = qgetenv("FERRY_FAILPOINT");
    if (armed.isEmpty() || armed != name)
        return;
#ifdef SIGKILL
    std::raise(SIGKILL);
#endif
    std::_Exit(137);
}

void Failpoint::pause(const char* name)
{
    const QByteArray armed = qgetenv("FERRY_TEST_PAUSE"); // read each time: tests set and clear it
    const qsizetype colon = armed.lastIndexOf(':');
    if (colon < 0 || armed.left(colon) != name)
        return;
    QThread::msleep(armed.mid(colon + 1).toULong());
}

bool Failpoint::unreadable(const QString& absoluteDir)
{
    if (!qEnvironmentVariableIsSet("FERRY_TEST_UNREADABLE")) // read each time: tests set and clear it
        return false;
    return qEnvironmentVariable("FERRY_TEST_UNREADABLE")
        .split(u':', Qt::SkipEmptyParts)
        .contains(absoluteDir);
}

bool Failpoint::diskFull(const QString& absolutePath)
{
    return qEnvironmentVariableIsSet("FERRY_TEST_DISK_FULL") &&
           qEnvironmentVariable("FERRY_TEST_DISK_FULL") == absolutePath;
}

void Failpoint::beforePush()
{
    const QString command = qEnvironmentVariable("FERRY_TEST_BEFORE_PUSH");
    if (command.isEmpty())
        return;
    qunsetenv("FERRY_TEST_BEFORE_PUSH");
    QProcess::execute(QStringLiteral("sh"), {QStringLiteral("-c"), command});
}

} // namespace ferry::sync
