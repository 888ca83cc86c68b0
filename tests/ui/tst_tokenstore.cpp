// Tokens in a real Secret Service: the test starts its own D-Bus session and gnome-keyring-daemon (as a
// desktop login would), so nothing of the machine's keychain is touched.
#include "core/config/configfile.h"
#include "ui/settings/settingsdialog.h"
#include "ui/settings/tokenstore.h"

#include <csignal>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusVariant>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <sys/types.h>

using ferry::ui::TokenStore;

class TestTokenStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void aTokenWrittenIsReadBackAndRemoved();
    void theSettingsPutATypedTokenInTheKeychainNotInTheConfig();

private:
    static bool loginCollectionUnlocked();

    QProcess m_bus;
    qint64 m_keyringPid = 0; // the daemon this test started, ended by the test
    QTemporaryDir m_home;
};

void TestTokenStore::initTestCase()
{
    // A private session bus, then the keyring's secrets component unlocked on it with a throwaway password.
    m_bus.start(QStringLiteral("dbus-daemon"), {QStringLiteral("--session"), QStringLiteral("--nofork"),
                                                QStringLiteral("--print-address=1")});
    QVERIFY2(m_bus.waitForStarted(5000), "dbus-daemon (package dbus) is needed");
    QVERIFY(m_bus.waitForReadyRead(5000));
    const QByteArray address = m_bus.readLine().trimmed();
    qputenv("DBUS_SESSION_BUS_ADDRESS", address);
    qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8()); // the keyring files
    qputenv("XDG_RUNTIME_DIR", m_home.path().toUtf8());
    QProcess keyring; // unlocks with the password on stdin, then forks the daemon and exits
    keyring.start(QStringLiteral("gnome-keyring-daemon"),
                  {QStringLiteral("--unlock"), QStringLiteral("--components=secrets")});
    QVERIFY2(keyring.waitForStarted(5000), "gnome-keyring-daemon (package gnome-keyring) is needed");
    keyring.write("throwaway-password");
    keyring.closeWriteChannel();
    QVERIFY(keyring.waitForFinished(10000));
    // The forked daemon takes its bus name and makes the login collection after the parent exits: wait
    // for both rather than race them (on a loaded machine the first write came first and failed with
    // "Object does not exist").
    QElapsedTimer waited;
    waited.start();
    while (!loginCollectionUnlocked() && waited.elapsed() < 20000)
        QTest::qWait(50);
    QVERIFY2(loginCollectionUnlocked(), "gnome-keyring-daemon made no unlocked login collection in 20 s");
    // The daemon is this test's: the bus knows its process (no pkill that would reach other keyrings).
    QDBusMessage pid = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
        QStringLiteral("org.freedesktop.DBus"), QStringLiteral("GetConnectionUnixProcessID"));
    pid << QStringLiteral("org.freedesktop.secrets");
    const QDBusMessage owner = QDBusConnection::sessionBus().call(pid);
    QVERIFY2(owner.type() == QDBusMessage::ReplyMessage, qPrintable(owner.errorMessage()));
    m_keyringPid = qint64(owner.arguments().first().toUInt());
}

bool TestTokenStore::loginCollectionUnlocked()
{
    // Only once our daemon owns the name: a call to an unowned org.freedesktop.secrets would make the
    // bus start another keyring daemon (D-Bus activation), one without the password or the collection.
    if (!QDBusConnection::sessionBus().interface()->isServiceRegistered(
            QStringLiteral("org.freedesktop.secrets")))
        return false;
    QDBusMessage get = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.secrets"),
        QStringLiteral("/org/freedesktop/secrets/collection/login"),
        QStringLiteral("org.freedesktop.DBus.Properties"), QStringLiteral("Get"));
    get << QStringLiteral("org.freedesktop.Secret.Collection") << QStringLiteral("Locked");
    const QDBusMessage reply = QDBusConnection::sessionBus().call(get, QDBus::Block, 2000);
    return reply.type() == QDBusMessage::ReplyMessage && !reply.arguments().isEmpty() &&
           !reply.arguments().first().value<QDBusVariant>().variant().toBool();
}

void TestTokenStore::cleanupTestCase()
{
    if (m_keyringPid > 0)
        ::kill(pid_t(m_keyringPid), SIGTERM);
    m_bus.kill();
    m_bus.waitForFinished();
}

void TestTokenStore::aTokenWrittenIsReadBackAndRemoved()
{
    QString error = QStringLiteral("no answer");
    bool answered = false;
    TokenStore::write(QStringLiteral("FERRY_TEST_TOKEN"), QStringLiteral("s3cr3t-token"),
                      [&](const QString& e) {
                          error = e;
                          answered = true;
                      });
    QTRY_VERIFY_WITH_TIMEOUT(answered, 10000);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    QString token;
    answered = false;
    TokenStore::read(QStringLiteral("FERRY_TEST_TOKEN"), [&](const QString& t, const QString& e) {
        token = t;
        error = e;
        answered = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(answered, 10000);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(token, QStringLiteral("s3cr3t-token"));

    answered = false;
    TokenStore::remove(QStringLiteral("FERRY_TEST_TOKEN"), [&](const QString& e) {
        error = e;
        answered = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(answered, 10000);
    QVERIFY(error.isEmpty());
    answered = false;
    TokenStore::read(QStringLiteral("FERRY_TEST_TOKEN"), [&](const QString& t, const QString& e) {
        token = t;
        error = e;
        answered = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(answered, 10000);
    QVERIFY(token.isEmpty() && error.isEmpty()); // gone, and "not there" is not an error
}

void TestTokenStore::theSettingsPutATypedTokenInTheKeychainNotInTheConfig()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("notes"));
    QVERIFY(QDir().mkpath(folder));
    const QString configPath = dir.filePath(QStringLiteral("config.json"));
    ferry::config::Config c;
    ferry::config::Profile p;
    p.name = QStringLiteral("knowledge");
    p.remote = QStringLiteral("https://example.com/me/stack.git");
    p.tokenEnv = QStringLiteral("FERRY_TEST_GIT_TOKEN");
    p.folders = {{folder, QStringLiteral("notes")}};
    c.profiles = {p};
    QVERIFY(ferry::config::ConfigFile(configPath).save(c).ok());
    qputenv("XDG_CONFIG_HOME", dir.filePath(QStringLiteral("xdg")).toUtf8());

    ferry::ui::SettingsDialog dialog(configPath);
    QSignalSpy loaded(&dialog, &ferry::ui::SettingsDialog::loaded);
    QSignalSpy applied(&dialog, &ferry::ui::SettingsDialog::applied);
    QVERIFY(loaded.wait(10000));
    QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("profiles[0].token")),
                     QStringLiteral("ghp_typed"));
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("apply")), Qt::LeftButton);
    QVERIFY(applied.wait(10000));
    QFile file(configPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("ghp_typed"));
    QCOMPARE(qEnvironmentVariable("FERRY_TEST_GIT_TOKEN"), QStringLiteral("ghp_typed")); // for the engine now

    QString token;
    bool answered = false;
    TokenStore::read(QStringLiteral("FERRY_TEST_GIT_TOKEN"), [&](const QString& t, const QString&) {
        token = t;
        answered = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(answered, 10000);
    QCOMPARE(token, QStringLiteral("ghp_typed"));
}

QTEST_MAIN(TestTokenStore)
#include "tst_tokenstore.moc"
