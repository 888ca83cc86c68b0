// The SSH transport against a real OpenSSH server (sshd on a free local port, run by the test as the
// current user): a key file logs in, the host key is checked against known_hosts, and an unknown or
// changed host key refuses the connection instead of trusting whoever answers.
#include "tests/support/gitcli.h"
#include "tests/support/replica.h"
#include "tests/support/sshserver.h"

#include <memory>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ferry;
using test::GitCli;
using test::Replica;

class TestSshTransport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void anUnknownHostKeyIsRefused();
    void aKnownHostKeyLetsTheSyncThrough();
    void aChangedHostKeyIsRefused();

private:
    Replica replica(const QString& name) const;
    QString knownHosts() const { return m_dir.path() + QStringLiteral("/known_hosts"); }

    QTemporaryDir m_dir;
    std::unique_ptr<test::SshServer> m_server;
    QString m_url;
};

void TestSshTransport::initTestCase()
{
    if (!test::SshServer::available())
        QSKIP("no /usr/sbin/sshd (Debian package openssh-server; .ci/test installs it)");
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<test::SshServer>(m_dir.path());
    QVERIFY2(m_server->error().isEmpty(), qPrintable(m_server->error()));
    GitCli::ok(m_dir.path(), {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"),
                              m_dir.path() + QStringLiteral("/remote.git")});
    m_url = m_server->url(m_dir.path() + QStringLiteral("/remote.git"));
    qunsetenv("SSH_AUTH_SOCK"); // the key file, not whatever agent the machine runs
    qputenv("FERRY_KNOWN_HOSTS", knownHosts().toUtf8());
    qputenv("FERRY_RETRY_BASE_MS", "1");
}

Replica TestSshTransport::replica(const QString& name) const
{
    Replica r(m_dir.path(), name, m_url);
    r.profile().sshKey = m_server->clientKey();
    return r;
}

void TestSshTransport::anUnknownHostKeyIsRefused()
{
    QFile::remove(knownHosts());
    Replica alpha = replica(QStringLiteral("alpha"));
    alpha.write(QStringLiteral("note.md"), "over ssh\n");
    const sync::SyncResult r = alpha.sync();
    QVERIFY(!r.ok);
    QCOMPARE(r.errorKind, ErrorKind::Invalid); // not retried: waiting will not make the key known
    QVERIFY2(r.error.contains(QStringLiteral("is not in")), qPrintable(r.error));
}

void TestSshTransport::aKnownHostKeyLetsTheSyncThrough()
{
    m_server->writeKnownHosts(knownHosts());
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
    m_server->writeKnownHosts(knownHosts(), true); // as if the server's key had changed since it was recorded
    Replica alpha = replica(QStringLiteral("gamma"));
    const sync::SyncResult r = alpha.sync();
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(QStringLiteral("does not match")), qPrintable(r.error));
}

QTEST_GUILESS_MAIN(TestSshTransport)
#include "tst_sshtransport.moc"
