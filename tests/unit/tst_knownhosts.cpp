#include "core/git/knownhosts.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using ferry::git::KnownHosts;

class TestKnownHosts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void plainHostsPortsAndLists();
    void hashedHostsAsSshKeygenWritesThem();
    void wildcardsNegationsAndRevokedKeys();
    void sshPortOfARemoteUrl();

private:
    // A fresh ed25519 key: the known_hosts line's key field and its decoded blob.
    QByteArray newKey(const QString& name);

    QTemporaryDir m_dir;
    QByteArray m_key, m_other;
};

QByteArray TestKnownHosts::newKey(const QString& name)
{
    const QString path = m_dir.path() + u'/' + name;
    QProcess keygen;
    keygen.start(QStringLiteral("ssh-keygen"),
                 {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
                  QString(), QStringLiteral("-f"), path});
    if (!keygen.waitForFinished() || keygen.exitCode() != 0)
        return {};
    QFile pub(path + QStringLiteral(".pub"));
    pub.open(QIODevice::ReadOnly);
    return pub.readAll().split(' ').value(1); // "ssh-ed25519 BASE64 comment"
}

void TestKnownHosts::initTestCase()
{
    m_key = newKey(QStringLiteral("host"));
    m_other = newKey(QStringLiteral("attacker"));
    QVERIFY2(!m_key.isEmpty() && !m_other.isEmpty(), "ssh-keygen is needed for this test");
}

void TestKnownHosts::plainHostsPortsAndLists()
{
    const KnownHosts hosts = KnownHosts::parse("# comment\n\n"
                                               "git.example.org,10.0.0.5 ssh-ed25519 " +
                                               m_key +
                                               " a comment\n"
                                               "[git.example.org]:2222 ssh-ed25519 " +
                                               m_other + "\n");
    const QByteArray key = QByteArray::fromBase64(m_key), other = QByteArray::fromBase64(m_other);
    QCOMPARE(hosts.check(QStringLiteral("git.example.org"), 22, key), KnownHosts::Verdict::Match);
    QCOMPARE(hosts.check(QStringLiteral("10.0.0.5"), 22, key), KnownHosts::Verdict::Match);
    QCOMPARE(hosts.check(QStringLiteral("GIT.example.org"), 22, key), KnownHosts::Verdict::Match);
    QCOMPARE(hosts.check(QStringLiteral("git.example.org"), 22, other), KnownHosts::Verdict::Mismatch);
    QCOMPARE(hosts.check(QStringLiteral("git.example.org"), 2222, other), KnownHosts::Verdict::Match);
    QCOMPARE(hosts.check(QStringLiteral("git.example.org"), 2222, key), KnownHosts::Verdict::Mismatch);
    QCOMPARE(hosts.check(QStringLiteral("elsewhere.org"), 22, key), KnownHosts::Verdict::Unknown);
}

void TestKnownHosts::hashedHostsAsSshKeygenWritesThem()
{
    const QString file = m_dir.path() + QStringLiteral("/known_hosts");
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("git.example.org ssh-ed25519 " + m_key + "\n[git.example.org]:2222 ssh-ed25519 " + m_key + "\n");
    f.close();
    QProcess hash;
    hash.start(QStringLiteral("ssh-keygen"), {QStringLiteral("-H"), QStringLiteral("-f"), file});
    QVERIFY(hash.waitForFinished());
    QFile hashed(file);
    QVERIFY(hashed.open(QIODevice::ReadOnly));
    QVERIFY2(hashed.readAll().startsWith("|1|"), "ssh-keygen -H hashes the host names");
    const KnownHosts hosts = KnownHosts::load({file, m_dir.path() + QStringLiteral("/missing")});
    const QByteArray key = QByteArray::fromBase64(m_key);
    QCOMPARE(hosts.check(QStringLiteral("git.example.org"), 22, key), KnownHosts::Verdict::Match);
    QCOMPARE(hosts.check(QStringLiteral("git.example.org"), 2222, key), KnownHosts::Verdict::Match);
    QCOMPARE(hosts.check(QStringLiteral("git.example.org"), 22, QByteArray::fromBase64(m_other)),
             KnownHosts::Verdict::Mismatch);
    QCOMPARE(hosts.check(QStringLiteral("other.example.org"), 22, key), KnownHosts::Verdict::Unknown);
}

void TestKnownHosts::wildcardsNegationsAndRevokedKeys()
{
    const KnownHosts hosts = KnownHosts::parse("*.example.org,!evil.example.org ssh-ed25519 " + m_key +
                                               "\n"
                                               "@revoked * ssh-ed25519 " +
                                               m_other +
                                               "\n"
                                               "@cert-authority *.example.org ssh-ed25519 " +
                                               m_other +
                                               "\n"
                                               "broken-line-without-key\n");
    const QByteArray key = QByteArray::fromBase64(m_key), revoked = QByteArray::fromBase64(m_other);
    QCOMPARE(hosts.check(QStringLiteral("git.example.org"), 22, key), KnownHosts::Verdict::Match);
    QCOMPARE(hosts.check(QStringLiteral("evil.example.org"), 22, key), KnownHosts::Verdict::Unknown);
    QCOMPARE(hosts.check(QStringLiteral("git.example.org"), 22, revoked), KnownHosts::Verdict::Mismatch);
    QCOMPARE(hosts.check(QStringLiteral("unlisted.net"), 22, revoked), KnownHosts::Verdict::Mismatch);
}

void TestKnownHosts::sshPortOfARemoteUrl()
{
    QCOMPARE(KnownHosts::sshPort(QStringLiteral("ssh://git@git.example.org:2222/me/stack.git")), 2222);
    QCOMPARE(KnownHosts::sshPort(QStringLiteral("ssh://git@git.example.org/me/stack.git")), 22);
    QCOMPARE(KnownHosts::sshPort(QStringLiteral("git@github.com:me/stack.git")), 22);
}

QTEST_GUILESS_MAIN(TestKnownHosts)
#include "tst_knownhosts.moc"
