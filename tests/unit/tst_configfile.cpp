#include "core/config/configfile.h"
#include "core/util/atomicfile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ferry;
using config::ConfigFile;

class TestConfigFile : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void missingFileGivesDefaults();
    void saveThenLoadGivesTheSameConfig();
    void addProfileCreatesTheFile();
    void addProfileKeepsUnknownKeysAndOtherProfiles();
    void addProfileRefusesADuplicateAndLeavesTheFileAlone();
    void saveRefusesAnInvalidConfigAndLeavesTheFileAlone();
    void loadingAMalformedFileNamesFileAndField();
    void unwritableLocationIsAnIoErrorNotACrash();

private:
    config::Profile profile(const QString& name) const;
    QString path() const { return m_dir->filePath(QStringLiteral("config.json")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestConfigFile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("notes")));
}

config::Profile TestConfigFile::profile(const QString& name) const
{
    config::Profile p;
    p.name = name;
    p.remote = QStringLiteral("file:///srv/git/notes.git");
    p.folders = {{m_dir->filePath(QStringLiteral("notes")), QStringLiteral("shared/documents")}};
    return p;
}

void TestConfigFile::missingFileGivesDefaults()
{
    const auto loaded = ConfigFile(path()).load();
    QVERIFY(loaded.ok());
    QVERIFY(!loaded->existed);
    QVERIFY(loaded->config.profiles.isEmpty());
}

void TestConfigFile::saveThenLoadGivesTheSameConfig()
{
    config::Config c;
    c.profiles = {profile(QStringLiteral("knowledge"))};
    c.profiles[0].ignore = {QStringLiteral("*.bak")};
    c.profiles[0].intervalSeconds = 120;
    c.profiles[0].versionsKeepDays = 7;
    c.profiles[0].versionsMaxMb = 50;
    c.database.url = QStringLiteral("postgresql://ferry@db/ferry");
    c.market = config::MarketSource{};
    c.market->tickersFile = QStringLiteral("/tmp/t.txt");
    c.market->schedule.days = {6, 7};
    c.market->retry.maxWaitSeconds = 300;
    c.github = config::GithubSource{};
    c.github->repositories = {QStringLiteral("octocat/hello-world")};
    c.github->concurrency = 4;
    QVERIFY2(ConfigFile(path()).save(c).ok(), "save failed");

    const auto loaded = ConfigFile(path()).load();
    QVERIFY2(loaded.ok(), qPrintable(loaded.message()));
    const config::Config& back = loaded->config;
    QCOMPARE(back.profiles.size(), 1);
    QCOMPARE(back.profiles[0].name, c.profiles[0].name);
    QCOMPARE(back.profiles[0].folders[0].local, c.profiles[0].folders[0].local);
    QCOMPARE(back.profiles[0].ignore, c.profiles[0].ignore);
    QCOMPARE(back.profiles[0].intervalSeconds, 120);
    QCOMPARE(back.profiles[0].versionsKeepDays, 7);
    QCOMPARE(back.profiles[0].versionsMaxMb, 50);
    QCOMPARE(back.profiles[0].conflictRules.size(), 4);
    QCOMPARE(back.database.url, c.database.url);
    QVERIFY(back.market && back.github);
    QCOMPARE(back.market->schedule.days, (QList<int>{6, 7}));
    QCOMPARE(back.market->schedule.time, QTime(5, 0));
    QCOMPARE(back.market->retry.maxWaitSeconds, 300);
    QCOMPARE(back.market->retry.rateLimitPauseSeconds, 10); // the other caps kept their defaults
    QCOMPARE(back.github->concurrency, 4);
    QVERIFY(back.github->retry == config::GithubSource().retry);
    // Caps left at their defaults are not written: a saved config stays as short as it can.
    QFile saved(path());
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll().count("\"retry\""), 1);
}

void TestConfigFile::addProfileCreatesTheFile()
{
    QVERIFY(ConfigFile(path()).addProfile(profile(QStringLiteral("a"))).ok());
    const auto loaded = ConfigFile(path()).load();
    QVERIFY(loaded.ok() && loaded->existed);
    QCOMPARE(loaded->config.profiles.size(), 1);
}

void TestConfigFile::addProfileKeepsUnknownKeysAndOtherProfiles()
{
    const QByteArray original =
        QStringLiteral(R"({"x_future_key": {"keep": true}, "profiles": [{"name": "first",
        "remote": "r", "folders": [{"local": "%1", "repo_path": "one"}]}]})")
            .arg(m_dir->filePath(QStringLiteral("notes")))
            .toUtf8();
    QVERIFY(util::writeFileAtomically(path(), original).ok());
    config::Profile second = profile(QStringLiteral("second"));
    QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("other")));
    second.folders[0].local = m_dir->filePath(QStringLiteral("other")); // one folder, one profile
    QVERIFY(ConfigFile(path()).addProfile(second).ok());
    const QByteArray text = *util::readWholeFile(path());
    QVERIFY(text.contains("\"x_future_key\""));
    const auto loaded = ConfigFile(path()).load();
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->config.profiles.size(), 2);
    QCOMPARE(loaded->config.profiles[0].name, QStringLiteral("first"));
    QCOMPARE(loaded->config.profiles[1].name, QStringLiteral("second"));
    QCOMPARE(loaded->warnings, QStringList{QStringLiteral("x_future_key: unknown key, ignored")});
}

void TestConfigFile::addProfileRefusesADuplicateAndLeavesTheFileAlone()
{
    QVERIFY(ConfigFile(path()).addProfile(profile(QStringLiteral("a"))).ok());
    const QByteArray before = *util::readWholeFile(path());
    const Status again = ConfigFile(path()).addProfile(profile(QStringLiteral("a")));
    QVERIFY(!again.ok());
    QCOMPARE(again.error().kind, ErrorKind::Invalid);
    QVERIFY2(again.message().contains(QStringLiteral("a profile named \"a\" already exists")),
             qPrintable(again.message()));
    QCOMPARE(*util::readWholeFile(path()), before);
}

void TestConfigFile::saveRefusesAnInvalidConfigAndLeavesTheFileAlone()
{
    QVERIFY(ConfigFile(path()).addProfile(profile(QStringLiteral("a"))).ok());
    const QByteArray before = *util::readWholeFile(path());
    config::Config bad;
    bad.profiles = {profile(QStringLiteral("a"))};
    bad.profiles[0].folders[0].local = m_dir->filePath(QStringLiteral("missing"));
    const Status s = ConfigFile(path()).save(bad);
    QVERIFY(!s.ok());
    QVERIFY2(s.message().contains(QStringLiteral("profiles[0].folders[0].local: folder does not exist")),
             qPrintable(s.message()));
    QCOMPARE(*util::readWholeFile(path()), before);
}

void TestConfigFile::loadingAMalformedFileNamesFileAndField()
{
    QVERIFY(util::writeFileAtomically(path(), R"({"profiles": [{"name": 1}]})").ok());
    const auto loaded = ConfigFile(path()).load();
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().kind, ErrorKind::Invalid);
    QVERIFY(loaded.message().contains(path()));
    QVERIFY(loaded.message().contains(QStringLiteral("profiles[0].name: expected a string, got number")));
}

void TestConfigFile::unwritableLocationIsAnIoErrorNotACrash()
{
    // A folder that cannot exist because a file has its name (root ignores permissions; this it cannot).
    QFile blocker(m_dir->filePath(QStringLiteral("blocker")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const Status s = ConfigFile(m_dir->filePath(QStringLiteral("blocker/config.json")))
                         .addProfile(profile(QStringLiteral("a")));
    QVERIFY(!s.ok());
    QCOMPARE(s.error().kind, ErrorKind::Io);
}

QTEST_GUILESS_MAIN(TestConfigFile)
#include "tst_configfile.moc"
