#include "tests/support/sshserver.h"

#include <pwd.h>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QTcpServer>
#include <QThread>
#include <unistd.h>

namespace ferry::test {

bool SshServer::available()
{
    return QFile::exists(QStringLiteral("/usr/sbin/sshd"));
}

QByteArray SshServer::keygen(const QString& path)
{
    QProcess p;
    p.start(QStringLiteral("ssh-keygen"),
            {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ecdsa"), QStringLiteral("-N"),
             QString(), QStringLiteral("-f"), path});
    p.waitForFinished();
    QFile pub(path + QStringLiteral(".pub"));
    return pub.open(QIODevice::ReadOnly) ? pub.readAll().trimmed() : QByteArray();
}

SshServer::SshServer(const QString& dir) : m_dir(dir)
{
    m_hostKey = keygen(m_dir + QStringLiteral("/host_key"));
    m_otherKey = keygen(m_dir + QStringLiteral("/impostor_key"));
    if (m_hostKey.isEmpty() || addClientKey(QStringLiteral("client_key"), true).isEmpty()) {
        m_error = QStringLiteral("ssh-keygen failed");
        return;
    }
    {
        QTcpServer probe; // a free port
        if (!probe.listen(QHostAddress::LocalHost)) {
            m_error = QStringLiteral("no free port");
            return;
        }
        m_port = probe.serverPort();
    }
    const QString config = m_dir + QStringLiteral("/sshd_config");
    QFile c(config);
    if (!c.open(QIODevice::WriteOnly)) {
        m_error = QStringLiteral("cannot write ") + config;
        return;
    }
    c.write(QStringLiteral("Port %1\nListenAddress 127.0.0.1\nHostKey %2/host_key\nPidFile %2/sshd.pid\n"
                           "AuthorizedKeysFile %2/authorized_keys\nStrictModes no\nUsePAM no\n"
                           "PasswordAuthentication no\nKbdInteractiveAuthentication no\n"
                           "PermitRootLogin prohibit-password\n")
                .arg(m_port)
                .arg(m_dir)
                .toUtf8());
    c.close();
    if (::geteuid() == 0)
        QDir().mkpath(QStringLiteral("/run/sshd")); // privilege separation, when run as root
    m_sshd.start(QStringLiteral("/usr/sbin/sshd"),
                 {QStringLiteral("-D"), QStringLiteral("-E"), m_dir + QStringLiteral("/sshd.log"),
                  QStringLiteral("-f"), config});
    if (!m_sshd.waitForStarted()) {
        m_error = QStringLiteral("sshd did not start");
        return;
    }
    for (QDeadlineTimer deadline(10000); !deadline.hasExpired(); QThread::msleep(50)) {
        if (QFile::exists(m_dir + QStringLiteral("/sshd.pid")))
            return;
    }
    m_error = QStringLiteral("sshd did not start; see %1/sshd.log").arg(m_dir);
}

SshServer::~SshServer()
{
    if (m_sshd.state() != QProcess::NotRunning) {
        m_sshd.terminate();
        m_sshd.waitForFinished();
    }
}

QString SshServer::url(const QString& absolutePath) const
{
    const passwd* me = ::getpwuid(::geteuid());
    return QStringLiteral("ssh://%1@127.0.0.1:%2%3")
        .arg(QString::fromLocal8Bit(me->pw_name))
        .arg(m_port)
        .arg(absolutePath);
}

QString SshServer::addClientKey(const QString& name, bool authorize, const QByteArray& options)
{
    const QString path = m_dir + u'/' + name;
    const QByteArray pub = keygen(path);
    if (pub.isEmpty())
        return {};
    if (authorize) {
        QFile authorized(m_dir + QStringLiteral("/authorized_keys"));
        if (!authorized.open(QIODevice::Append))
            return {};
        authorized.write((options.isEmpty() ? QByteArray() : options + ' ') + pub + '\n');
    }
    return path;
}

QString SshServer::writeKnownHosts(const QString& file, bool impostor) const
{
    QFile f(file);
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate)) // "[127.0.0.1]:PORT ecdsa-sha2-nistp256 AAAA…"
        f.write(QStringLiteral("[127.0.0.1]:%1 ").arg(m_port).toLatin1() +
                (impostor ? m_otherKey : m_hostKey).split(' ').mid(0, 2).join(' ') + '\n');
    return file;
}

} // namespace ferry::test
