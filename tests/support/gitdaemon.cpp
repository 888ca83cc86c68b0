#include "tests/support/gitdaemon.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

namespace ferry::test {
namespace {

int freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

bool answers(int port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(port));
    return socket.waitForConnected(200);
}

} // namespace

GitDaemon::GitDaemon(const QString& basePath, Access access)
{
    const int port = freePort();
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QStringList args{QStringLiteral("daemon"),
                     QStringLiteral("--reuseaddr"),
                     QStringLiteral("--listen=127.0.0.1"),
                     QStringLiteral("--port=%1").arg(port),
                     QStringLiteral("--base-path=") + basePath,
                     QStringLiteral("--export-all"),
                     basePath};
    if (access == Access::ReadWrite)
        args.insert(args.size() - 1, QStringLiteral("--enable=receive-pack"));
    m_process.start(QStringLiteral("git"), args);
    if (!m_process.waitForStarted(5000))
        return;
    for (QDeadlineTimer deadline(10000); !deadline.hasExpired(); QThread::msleep(50)) {
        if (answers(port)) {
            m_port = port;
            return;
        }
    }
}

GitDaemon::~GitDaemon()
{
    m_process.terminate();
    if (!m_process.waitForFinished(5000))
        m_process.kill();
}

QString GitDaemon::url(const QString& name) const
{
    return QStringLiteral("git://127.0.0.1:%1/%2").arg(m_port).arg(name);
}

bool installHook(const QString& bareRepo, const QString& name, const QByteArray& script)
{
    QFile hook(bareRepo + QStringLiteral("/hooks/") + name);
    if (!hook.open(QIODevice::WriteOnly | QIODevice::Truncate) || hook.write(script) != script.size())
        return false;
    hook.close();
    return hook.setPermissions(hook.permissions() | QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther);
}

} // namespace ferry::test
