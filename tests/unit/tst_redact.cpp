#include "core/util/redact.h"

#include <QTest>

using ferry::util::Redact;

// Credentials never reach a message, a log line or a stored row: every URL passes through Redact.
class TestRedact : public QObject
{
    Q_OBJECT

private slots:
    void urlsLoseTheirSecrets_data();
    void urlsLoseTheirSecrets();
    void messagesLoseEverySecretUrlInThem();
    void secretsInARemoteAreNamedNotRepeated_data();
    void secretsInARemoteAreNamedNotRepeated();
};

void TestRedact::urlsLoseTheirSecrets_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("redacted");
    QTest::newRow("https user and token") << "https://me:ghp_abc@github.com/me/x.git"
                                          << "https://github.com/me/x.git";
    QTest::newRow("https token as user") << "https://ghp_abc@github.com/me/x.git"
                                         << "https://github.com/me/x.git";
    QTest::newRow("http with port") << "http://u:p@host:8080/r.git"
                                    << "http://host:8080/r.git";
    QTest::newRow("'@' in the path stays") << "https://host/a@b/r.git"
                                           << "https://host/a@b/r.git";
    QTest::newRow("ssh user kept, password dropped") << "ssh://git:pw@host:22/r.git"
                                                     << "ssh://git@host:22/r.git";
    QTest::newRow("ssh user alone") << "ssh://git@host/r.git"
                                    << "ssh://git@host/r.git";
    QTest::newRow("scp-like untouched") << "git@github.com:me/x.git"
                                        << "git@github.com:me/x.git";
    QTest::newRow("a path") << "/srv/git/x.git"
                            << "/srv/git/x.git";
}

void TestRedact::urlsLoseTheirSecrets()
{
    QFETCH(QString, url);
    QFETCH(QString, redacted);
    QCOMPARE(Redact::url(url), redacted);
}

void TestRedact::messagesLoseEverySecretUrlInThem()
{
    const QString message = QStringLiteral("cannot fetch sync from https://me:tok1@a.example/r.git: redirect "
                                           "to 'https://x:tok2@b.example/r.git'");
    const QString clean = Redact::text(message);
    QVERIFY(!clean.contains(QStringLiteral("tok1")));
    QVERIFY(!clean.contains(QStringLiteral("tok2")));
    QCOMPARE(clean, QStringLiteral("cannot fetch sync from https://a.example/r.git: redirect to "
                                   "'https://b.example/r.git'"));
    QCOMPARE(Redact::text(QStringLiteral("no url here: user@host")),
             QStringLiteral("no url here: user@host"));
}

void TestRedact::secretsInARemoteAreNamedNotRepeated_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("secret");
    QTest::newRow("password") << "https://me:pw@h/r.git"
                              << "a password or token";
    QTest::newRow("github token as user") << "https://ghp_0123456789@h/r.git"
                                          << "a token as the user name";
    QTest::newRow("long opaque user") << "https://0123456789abcdef0123456789abcdef01234567@h/r.git"
                                      << "a token as the user name";
    QTest::newRow("plain user") << "https://me@h/r.git"
                                << "";
    QTest::newRow("ssh user") << "ssh://git@h/r.git"
                              << "";
    QTest::newRow("ssh password") << "ssh://git:pw@h/r.git"
                                  << "a password or token";
    QTest::newRow("scp-like") << "git@github.com:me/x.git"
                              << "";
}

void TestRedact::secretsInARemoteAreNamedNotRepeated()
{
    QFETCH(QString, url);
    QFETCH(QString, secret);
    QCOMPARE(Redact::secretIn(url), secret);
}

QTEST_GUILESS_MAIN(TestRedact)
#include "tst_redact.moc"
