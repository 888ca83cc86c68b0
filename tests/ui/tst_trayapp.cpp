// The `ferry` binary as the tray application, started as a person or a login session would: on the
// config and data folder of its options, one per data folder, and with a clear word where no display is.
#include "core/config/paths.h"
#include "core/store/sqlitestore.h"
#include "tests/support/ferryprocess.h"
#include "tests/support/gitcli.h"
#include "tests/support/replica.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace ferry;
using test::GitCli;
using test::Replica;

class TestTrayApp : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void theAppRunsOnTheConfigAndDataDirOfItsOptions();
    void withoutADisplayAndNoRunningAppItExitsTwoNamingTheDaemon_data();
    void withoutADisplayAndNoRunningAppItExitsTwoNamingTheDaemon();

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    QString remote() const { return m_dir->filePath(QStringLiteral("remote.git")); }
    // The environment of a session: no FERRY_* variables, default folders of its own (where nothing may
    // appear), no keychain wait, and `platform` as QT_QPA_PLATFORM. Without a display when it is "xcb".
    QProcessEnvironment environment(const QString& platform) const;
    Run ferry(const QStringList& args, const QProcessEnvironment& env) const;
    static QString finishedCycles(const QString& dataDir, const QString& profile);

    std::unique_ptr<QTemporaryDir> m_dir;
    QProcess m_app;
};

void TestTrayApp::init()
{
    QVERIFY2(!test::FerryProcess::binary().isEmpty(), "FERRY_BINARY must name the ferry executable");
    m_dir = std::make_unique<QTemporaryDir>();
    GitCli::ok(m_dir->path(),
               {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), remote()});
}

void TestTrayApp::cleanup()
{
    if (m_app.state() != QProcess::NotRunning) {
        m_app.kill();
        m_app.waitForFinished(10000);
    }
    m_dir.reset();
}

QProcessEnvironment TestTrayApp::environment(const QString& platform) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* var : {"FERRY_CONFIG", "FERRY_DATA_DIR", "DATABASE_URL", "DISPLAY", "WAYLAND_DISPLAY"})
        env.remove(QString::fromLatin1(var));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir->filePath(QStringLiteral("xdg-config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("xdg-data")));
    env.insert(QStringLiteral("FERRY_GIT_TOKEN"), QStringLiteral("unused")); // a local remote; no keychain
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), platform);
    return env;
}

TestTrayApp::Run TestTrayApp::ferry(const QStringList& args, const QProcessEnvironment& env) const
{
    const test::FerryProcess::Result r = test::FerryProcess(env).run(args, 60000);
    if (!r.finished)
        return {};
    return {r.exitCode, r.out, r.err};
}

// The statuses of the profile's finished cycles in sync_logs, oldest first ("success,success").
QString TestTrayApp::finishedCycles(const QString& dataDir, const QString& profile)
{
    if (!QFile::exists(config::Paths::sqliteDatabase(dataDir)))
        return {};
    store::SqliteStore store(config::Paths::sqliteDatabase(dataDir));
    if (!store.open().ok())
        return {};
    const Result<QString> statuses = store.scalar(
        QStringLiteral("SELECT group_concat(status) FROM (SELECT status FROM sync_logs WHERE task_name = "
                       "'sync:%1' AND status <> 'running' ORDER BY started_at)")
            .arg(profile));
    return statuses ? *statuses : QString();
}

void TestTrayApp::theAppRunsOnTheConfigAndDataDirOfItsOptions()
{
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    alpha.write(QStringLiteral("note.md"), "written before the app started\n");
    const QString configPath = alpha.writeConfig();
    const QStringList paths{QStringLiteral("--config"), configPath, QStringLiteral("--data-dir"),
                            alpha.dataDir()};

    // No display (xcb without DISPLAY) but -platform offscreen: Qt's own options reach Qt.
    test::FerryProcess(environment(QStringLiteral("xcb")))
        .start(m_app, paths + QStringList{QStringLiteral("-platform"), QStringLiteral("offscreen"),
                                          QStringLiteral("--minimized")});
    QVERIFY(m_app.waitForStarted());
    // The first cycle, logged in the data folder of --data-dir, pushed the note to the remote.
    QTRY_VERIFY_WITH_TIMEOUT(!finishedCycles(alpha.dataDir(), QStringLiteral("alpha")).isEmpty() ||
                                 m_app.state() == QProcess::NotRunning,
                             30000);
    QVERIFY2(m_app.state() == QProcess::Running, m_app.readAllStandardError().constData());
    QCOMPARE(finishedCycles(alpha.dataDir(), QStringLiteral("alpha")).section(u',', 0, 0),
             QStringLiteral("success"));
    QCOMPARE(test::filesInBranch(remote(), QStringLiteral("sync"), QStringLiteral("shared/docs")).keys(),
             QStringList{QStringLiteral("note.md")});
    // Nothing went to the default folders.
    QVERIFY(!QDir(m_dir->filePath(QStringLiteral("xdg-data/ferry"))).exists());
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("xdg-config/ferry/config.json"))));

    // `ferry sync` with the same options is handed to the app, which runs the cycle and answers.
    alpha.write(QStringLiteral("later.md"), "written while the app runs\n");
    const Run synced =
        ferry(paths + QStringList{QStringLiteral("sync")}, environment(QStringLiteral("offscreen")));
    QVERIFY2(synced.exitCode == 0, qPrintable(synced.err));
    QVERIFY2(synced.out.contains(QStringLiteral("(run by the Ferry app that is running)")),
             qPrintable(synced.out));
    QTRY_VERIFY(finishedCycles(alpha.dataDir(), QStringLiteral("alpha")).count(QStringLiteral("success")) >=
                2);
    QVERIFY(test::filesInBranch(remote(), QStringLiteral("sync"), QStringLiteral("shared/docs"))
                .contains(QStringLiteral("later.md")));

    // A second start finds the first one before any GUI exists, so no display is needed for it.
    const Run second = ferry(paths, environment(QStringLiteral("xcb")));
    QVERIFY2(second.exitCode == 0, qPrintable(second.err));
    QVERIFY2(second.out.contains(QStringLiteral("Ferry is already running on ") + alpha.dataDir()),
             qPrintable(second.out));
    QVERIFY(m_app.state() == QProcess::Running);

    // An app on another data folder is another app: no display, no running instance there.
    const Run elsewhere = ferry({QStringLiteral("--config"), configPath, QStringLiteral("--data-dir"),
                                 m_dir->filePath(QStringLiteral("other-data"))},
                                environment(QStringLiteral("xcb")));
    QCOMPARE(elsewhere.exitCode, 2);
}

void TestTrayApp::withoutADisplayAndNoRunningAppItExitsTwoNamingTheDaemon_data()
{
    QTest::addColumn<QString>("platform"); // QT_QPA_PLATFORM
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("missing");
    QTest::newRow("QT_QPA_PLATFORM=xcb")
        << QStringLiteral("xcb") << QStringList{} << "DISPLAY is not set (the xcb platform)";
    QTest::newRow("the default platform")
        << QString() << QStringList{} << "neither DISPLAY nor WAYLAND_DISPLAY is set";
    QTest::newRow("-platform xcb") << QStringLiteral("offscreen")
                                   << QStringList{QStringLiteral("-platform"), QStringLiteral("xcb")}
                                   << "DISPLAY is not set (the xcb platform)";
    QTest::newRow("--minimized") << QStringLiteral("xcb") << QStringList{QStringLiteral("--minimized")}
                                 << "DISPLAY is not set (the xcb platform)";
}

void TestTrayApp::withoutADisplayAndNoRunningAppItExitsTwoNamingTheDaemon()
{
#if !defined(Q_OS_UNIX) || defined(Q_OS_DARWIN)
    QSKIP("macOS and Windows always have a display");
#endif
    QFETCH(QString, platform);
    QFETCH(QStringList, args);
    QFETCH(QString, missing);
    const QString dataDir = m_dir->filePath(QStringLiteral("data"));
    QProcessEnvironment env = environment(platform);
    if (platform.isEmpty())
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    const Run r = ferry(QStringList{QStringLiteral("--data-dir"), dataDir} + args, env);
    QCOMPARE(r.exitCode, 2); // not 134: Qt's platform plugin was never asked
    QVERIFY2(r.err.contains(QStringLiteral("ferry: no display for the tray application: ") + missing),
             qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("`ferry daemon` runs the watchers and schedules headless")),
             qPrintable(r.err));
    QVERIFY(!QDir(dataDir).exists()); // nothing started
}

QTEST_GUILESS_MAIN(TestTrayApp)
#include "tst_trayapp.moc"
