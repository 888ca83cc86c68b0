// The SSH transport against a real OpenSSH server (sshd on a free local port, run by the test as the
// current user): a key file logs in, the host key is checked against known_hosts, and an unknown or
// changed host key refuses the connection instead of trusting whoever answers.
#include "gitcli.h"
#include "replica.h"

#include <pwd.h>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

using namespace ferry;
using test::GitCli;
using test::Replica;

class TestSshTransport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void anUnknownHostKeyIsRefused();
    void aKnownHostKeyLetsTheSyncThrough();
    void aChangedHostKeyIsRefused();

private:
    QByteArray keygen(const QString& name) const; // the public key line
    void writeKnownHosts(const QByteArray& publicKeyLine) const;
    Replica replica(const QString& name) const;

    QTemporaryDir m_dir;
    QProcess m_sshd;
    int m_port = 0;
    QByteArray m_hostKey, m_otherKey;
    QString m_url;
};

QByteArray TestSshTransport::keygen(const QString& name) const
{
    const QString path = m_dir.path() + u'/' + name;
    QProcess p;
    p.start(QStringLiteral("ssh-keygen"),
            {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ecdsa"), QStringLiteral("-N"),
             QString(), QStringLiteral("-f"), path});
    p.waitForFinished();
    QFile pub(path + QStringLiteral(".pub"));
    return pub.open(QIODevice::ReadOnly) ? pub.readAll().trimmed() : QByteArray();
}

void TestSshTransport::writeKnownHosts(const QByteArray& publicKeyLine) const
{
    QFile f(m_dir.path() + QStringLiteral("/known_hosts"));
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    if (!publicKeyLine.isEmpty()) // "[127.0.0.1]:PORT ecdsa-sha2-nistp256 AAAA…"
        f.write(QStringLiteral("[127.0.0.1]:%1 ").arg(m_port).toLatin1() +
                publicKeyLine.split(' ').mid(0, 2).join(' ') + '\n');
}

void TestSshTransport::initTestCase()
{
    if (!QFile::exists(QStringLiteral("/usr/sbin/sshd")))
        QSKIP("no /usr/sbin/sshd (Debian package openssh-server; .ci/test installs it)");
    QVERIFY(m_dir.isValid());
    m_hostKey = keygen(QStringLiteral("host_key"));
    m_otherKey = keygen(QStringLiteral("impostor_key"));
    const QByteArray client = keygen(QStringLiteral("client_key"));
    QVERIFY(!m_hostKey.isEmpty() && !client.isEmpty());
    QFile authorized(m_dir.path() + QStringLiteral("/authorized_keys"));
    QVERIFY(authorized.open(QIODevice::WriteOnly));
    authorized.write(client + '\n');
    authorized.close();
    {
        QTcpServer probe; // a free port
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        m_port = probe.serverPort();
    }
    const QString config = m_dir.path() + QStringLiteral("/sshd_config");
    QFile c(config);
    QVERIFY(c.open(QIODevice::WriteOnly));
    c.write(QStringLiteral("Port %1\nListenAddress 127.0.0.1\nHostKey %2/host_key\nPidFile %2/sshd.pid\n"
                           "AuthorizedKeysFile %2/authorized_keys\nStrictModes no\nUsePAM no\n"
                           "PasswordAuthentication no\nKbdInteractiveAuthentication no\n"
                           "PermitRootLogin prohibit-password\n")
                .arg(m_port)
                .arg(m_dir.path())
                .toUtf8());
    c.close();
    if (::geteuid() == 0)
        QDir().mkpath(QStringLiteral("/run/sshd")); // privilege separation, when run as root
    // Its log goes to a file (-E), shown if the server does not come up.
    m_sshd.start(QStringLiteral("/usr/sbin/sshd"),
                 {QStringLiteral("-D"), QStringLiteral("-E"), m_dir.path() + QStringLiteral("/sshd.log"),
                  QStringLiteral("-f"), config});
    QVERIFY(m_sshd.waitForStarted());
    QTRY_VERIFY2_WITH_TIMEOUT(
        QFile::exists(m_dir.path() + QStringLiteral("/sshd.pid")),
        qPrintable(QStringLiteral("sshd did not start; see %1/sshd.log").arg(m_dir.path())), 10000);

    GitCli::ok(m_dir.path(), {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"),
                              m_dir.path() + QStringLiteral("/remote.git")});
    const passwd* me = ::getpwuid(::geteuid());
    m_url = QStringLiteral("ssh://%1@127.0.0.1:%2%3/remote.git")
                .arg(QString::fromLocal8Bit(me->pw_name))
                .arg(m_port)
                .arg(m_dir.path());
    qunsetenv("SSH_AUTH_SOCK"); // the key file, not whatever agent the machine runs
    qputenv("FERRY_KNOWN_HOSTS", (m_dir.path() + QStringLiteral("/known_hosts")).toUtf8());
    qputenv("FERRY_RETRY_BASE_MS", "1");
}

void TestSshTransport::cleanupTestCase()
{
    if (m_sshd.state() != QProcess::NotRunning) {
        m_sshd.terminate();
        m_sshd.waitForFinished();
    }
}

Replica TestSshTransport::replica(const QString& name) const
{
    Replica r(m_dir.path(), name, m_url);
    r.profile().sshKey = m_dir.path() + QStringLiteral("/client_key");
    return r;
}

void TestSshTransport::anUnknownHostKeyIsRefused()
{
    writeKnownHosts({});
    Replica alpha = replica(QStringLiteral("alpha"));
    alpha.write(QStringLiteral("note.md"), "over ssh\n");
    const sync::SyncResult r = alpha.sync();
    QVERIFY(!r.ok);
    QCOMPARE(r.errorKind, ErrorKind::Invalid); // not retried: waiting will not make the key known
    QVERIFY2(r.error.contains(QStringLiteral("is not in")), qPrintable(r.error));
}

void TestSshTransport::aKnownHostKeyLetsTheSyncThrough()
{
    writeKnownHosts(m_hostKey);
    Replica alpha = replica(QStringLiteral("alpha"));
    alpha.write(QStringLiteral("note.md"), "over ssh\n");
    const sync::SyncResult r = alpha.sync();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(test::filesInBranch(m_dir.path() + QStringLiteral("/remote.git"), QStringLiteral("sync"),
                                 QStringLiteral("shared/docs"))
                 .value(QStringLiteral("note.md")),
             QByteArray("over ssh\n"));
    Replica beta = replica(QStringLiteral("beta"));
    QVERIFY(beta.sync().ok);
    QCOMPARE(beta.read(QStringLiteral("note.md")), QByteArray("over ssh\n"));
}

void TestSshTransport::aChangedHostKeyIsRefused()
{
    writeKnownHosts(m_otherKey); // as if the server's key had changed since it was recorded
    Replica alpha = replica(QStringLiteral("gamma"));
    const sync::SyncResult r = alpha.sync();
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(QStringLiteral("does not match")), qPrintable(r.error));
}

QTEST_GUILESS_MAIN(TestSshTransport)
#include "tst_sshtransport.moc"
