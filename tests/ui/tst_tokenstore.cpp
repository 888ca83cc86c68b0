// Tokens in a real Secret Service: the test starts its own D-Bus session and gnome-keyring-daemon (as a
// desktop login would), so nothing of the machine's keychain is touched.
#include "config/configfile.h"
#include "settings/settingsdialog.h"
#include "settings/tokenstore.h"

#include <QDBusConnection>
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
    QProcess m_keyring; // in the foreground: this test owns it and ends it, no other keyring on the machine
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
    m_keyring.start(
        QStringLiteral("gnome-keyring-daemon"),
        {QStringLiteral("--foreground"), QStringLiteral("--unlock"), QStringLiteral("--components=secrets")});
    QVERIFY2(m_keyring.waitForStarted(5000), "gnome-keyring-daemon (package gnome-keyring) is needed");
    m_keyring.write("throwaway-password");
    m_keyring.closeWriteChannel();
    m_keyring.waitForBytesWritten(5000);
    // The daemon makes the login collection after it starts: wait for it rather than race it (on a
    // loaded machine the first write came before it and failed with "Object does not exist").
    QElapsedTimer waited;
    waited.start();
    while (!loginCollectionUnlocked() && waited.elapsed() < 20000)
        QTest::qWait(50);
    QVERIFY2(loginCollectionUnlocked(),
             qPrintable(QStringLiteral("gnome-keyring-daemon made no unlocked login "
                                       "collection in 20 s: %1")
                            .arg(QString::fromUtf8(m_keyring.readAll()))));
}

bool TestTokenStore::loginCollectionUnlocked()
{
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
    m_keyring.terminate();
    if (!m_keyring.waitForFinished(5000))
        m_keyring.kill();
    m_keyring.waitForFinished();
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
