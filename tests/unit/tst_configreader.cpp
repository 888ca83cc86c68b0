#include "core/config/configreader.h"
#include "core/config/configwriter.h"

#include <QTemporaryDir>
#include <QTest>

using ferry::config::ConfigIssue;
using ferry::config::ConfigReader;

class TestConfigReader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void readsTheDesignExampleWithDefaults();
    void emptyObjectIsAValidConfigWithNothingToDo();
    void refusesEachKindOfMistakeNamingTheField_data();
    void refusesEachKindOfMistakeNamingTheField();
    void reportsEveryErrorNotOnlyTheFirst();
    void aSecretInTheRemoteIsNeverRepeated();
    void aUserNameOrSshUserInTheRemoteIsFine();
    void warnsAboutUnknownKeysButLoads();
    void expandsHomeInFolderPaths();
    void aMissingFolderIsOnlyAWarningForCodeThatRunsProfiles();
    void readsAndWritesSigningPerProfile();

private:
    QByteArray withDir(QByteArray json) const { return json.replace("@DIR@", m_dir.path().toUtf8()); }
    QTemporaryDir m_dir;
};

void TestConfigReader::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestConfigReader::readsTheDesignExampleWithDefaults()
{
    const QByteArray json = withDir(R"({
      "profiles": [{
        "name": "knowledge", "remote": "git@github.com:me/stack.git",
        "folders": [{"local": "@DIR@", "repo_path": "shared/documents/"}],
        "ignore": ["*.tmp", "!keep.tmp", "/build/"]
      }],
      "database": {"url": "postgresql://ferry@db.example/ferry"},
      "ingestion": {
        "github": {"repositories": ["octocat/hello-world"],
                   "schedule": {"time": "04:30", "timezone": "Europe/Paris", "days": ["mon", "FRI"]}},
        "market": {"tickers_file": "/tmp/tickers.txt", "days": 7}
      }
    })");
    const ConfigReader::Outcome outcome = ConfigReader::read(json);
    QVERIFY2(!outcome.hasErrors(), qPrintable(outcome.errors().join(u'\n')));
    QVERIFY(outcome.warnings().isEmpty());
    const auto& c = *outcome.config;
    QCOMPARE(c.profiles.size(), 1);
    const auto& p = c.profiles.first();
    QCOMPARE(p.branch, QStringLiteral("sync"));
    QCOMPARE(p.tokenEnv, QStringLiteral("FERRY_GIT_TOKEN"));
    QCOMPARE(p.intervalSeconds, 900);
    QCOMPARE(p.versionsKeepDays, 30);
    QCOMPARE(p.versionsMaxMb, 1024);
    QCOMPARE(p.debounceMs, 2000);
    QCOMPARE(p.pollSeconds, 60);
    QCOMPARE(p.folders.first().repoPath, QStringLiteral("shared/documents")); // trailing '/' dropped
    QCOMPARE(p.conflictRules.size(), 4);
    QCOMPARE(p.conflictRules.first().policy, ferry::config::ConflictPolicy::Union);
    QCOMPARE(p.conflictRules.last().pattern, QStringLiteral("**"));
    QCOMPARE(c.database.url, QStringLiteral("postgresql://ferry@db.example/ferry"));
    QVERIFY(c.github);
    QCOMPARE(c.github->apiUrl, QStringLiteral("https://api.github.com"));
    QCOMPARE(c.github->tokenEnv, QStringLiteral("GITHUB_TOKEN"));
    QCOMPARE(c.github->schedule.time, QTime(4, 30));
    QCOMPARE(c.github->schedule.timezone, QStringLiteral("Europe/Paris"));
    QCOMPARE(c.github->schedule.days, (QList<int>{1, 5}));
    QVERIFY(c.market);
    QCOMPARE(c.market->days, 7);
    QCOMPARE(c.market->concurrency, 50);
    QCOMPARE(c.market->dcfConcurrency, 10);
    QCOMPARE(c.market->schedule.time, QTime(5, 0));
    QCOMPARE(c.market->apiKeyEnv, QStringLiteral("FMP_API_KEY"));
    // Retries and rate-limit caps: GitHub waits a minute when a limit does not say, FMP 10 s.
    QCOMPARE(c.github->concurrency, 8);
    QCOMPARE(c.github->retry.tries, 5);
    QCOMPARE(c.github->retry.rateLimitPauseSeconds, 60);
    QCOMPARE(c.github->retry.rateLimitTries, 8);
    QCOMPARE(c.github->retry.maxWaitSeconds, 900);
    QCOMPARE(c.market->retry.rateLimitPauseSeconds, 10);
    QCOMPARE(c.market->retry.maxWaitSeconds, 900);
}

void TestConfigReader::emptyObjectIsAValidConfigWithNothingToDo()
{
    const auto outcome = ConfigReader::read("{}");
    QVERIFY(!outcome.hasErrors());
    QVERIFY(outcome.config->profiles.isEmpty());
    QVERIFY(!outcome.config->github);
}

void TestConfigReader::refusesEachKindOfMistakeNamingTheField_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected"); // the whole "field: reason" text must contain this

    const QByteArray folder = R"("folders": [{"local": "@DIR@", "repo_path": "docs"}])";
    QTest::newRow("malformed JSON") << QByteArray(R"({"profiles": [ {"name": "a",, }]})")
                                    << "malformed JSON: parse error at line 1, column";
    QTest::newRow("truncated JSON") << QByteArray(R"({"profiles": [)") << "malformed JSON";
    QTest::newRow("not an object") << QByteArray("[1, 2]") << "the config must be a JSON object, not array";
    QTest::newRow("missing name") << QByteArray(R"({"profiles": [{"remote": "r", )" + folder + "}]}")
                                  << "profiles[0].name: required field is missing";
    QTest::newRow("missing remote") << QByteArray(R"({"profiles": [{"name": "a", )" + folder + "}]}")
                                    << "profiles[0].remote: required field is missing";
    QTest::newRow("missing folders") << QByteArray(R"({"profiles": [{"name": "a", "remote": "r"}]})")
                                     << "profiles[0].folders: required field is missing";
    QTest::newRow("missing repo_path")
        << QByteArray(R"({"profiles": [{"name": "a", "remote": "r", "folders": [{"local": "@DIR@"}]}]})")
        << "profiles[0].folders[0].repo_path: required field is missing";
    QTest::newRow("wrong type: string for integer")
        << QByteArray(R"({"profiles": [{"name": "a", "remote": "r", "interval_seconds": "900", )" + folder +
                      "}]}")
        << "profiles[0].interval_seconds: expected an integer, got string";
    QTest::newRow("wrong type: object for array")
        << QByteArray(R"({"profiles": {"name": "a"}})") << "profiles: expected an array, got object";
    QTest::newRow("wrong type: number for string")
        << QByteArray(R"({"profiles": [{"name": 7, "remote": "r", )" + folder + "}]}")
        << "profiles[0].name: expected a string, got number";
    QTest::newRow("wrong type in list")
        << QByteArray(R"({"profiles": [{"name": "a", "remote": "r", "ignore": ["*.o", 3], )" + folder + "}]}")
        << "profiles[0].ignore[1]: expected a string, got number";
    QTest::newRow("nonexistent folder")
        << QByteArray(
               R"({"profiles": [{"name": "a", "remote": "r", "folders": [{"local": "@DIR@", "repo_path": "x"},
                                        {"local": "@DIR@/nope", "repo_path": "y"}]}]})")
        << "profiles[0].folders[1].local: folder does not exist";
    QTest::newRow("relative folder")
        << QByteArray(
               R"({"profiles": [{"name": "a", "remote": "r", "folders": [{"local": "notes", "repo_path": "x"}]}]})")
        << "profiles[0].folders[0].local: \"notes\" must be an absolute path";
    QTest::newRow("duplicate profile name")
        << QByteArray(R"({"profiles": [{"name": "a", "remote": "r", )" + folder + R"(},
                                       {"name": "a", "remote": "s", )" +
                      folder + "}]}")
        << "profiles[1].name: duplicate profile name \"a\"";
    QTest::newRow("invalid glob in conflict rule")
        << QByteArray(R"({"profiles": [{"name": "a", "remote": "r", )" + folder +
                      R"(, "conflict_rules": [{"pattern": "**/*.{md,txt", "policy": "merge"}]}]})")
        << "profiles[0].conflict_rules[0].pattern: invalid glob \"**/*.{md,txt\": '{' is never closed";
    QTest::newRow("invalid glob in ignore")
        << QByteArray(R"({"profiles": [{"name": "a", "remote": "r", "ignore": ["[abc"], )" + folder + "}]}")
        << "profiles[0].ignore[0]: invalid glob \"[abc\"";
    QTest::newRow("unknown policy")
        << QByteArray(R"({"profiles": [{"name": "a", "remote": "r", )" + folder +
                      R"(, "conflict_rules": [{"pattern": "**", "policy": "ours"}]}]})")
        << "profiles[0].conflict_rules[0].policy: \"ours\" is not one of union, newest, merge, keep-both";
    QTest::newRow("out of range")
        << QByteArray(R"({"profiles": [{"name": "a", "remote": "r", "interval_seconds": 1, )" + folder +
                      "}]}")
        << "profiles[0].interval_seconds: 1 is out of range (10 to 604800)";
    QTest::newRow("versions kept for no time")
        << QByteArray(R"({"profiles": [{"name": "a", "remote": "r", "versions_keep_days": 0, )" + folder +
                      "}]}")
        << "profiles[0].versions_keep_days: 0 is out of range (1 to 36500)";
    QTest::newRow("bad profile name")
        << QByteArray(R"({"profiles": [{"name": "../x", "remote": "r", )" + folder + "}]}")
        << "profiles[0].name: \"../x\" is not a valid name";
    QTest::newRow("bad branch")
        << QByteArray(R"({"profiles": [{"name": "a", "remote": "r", "branch": "my branch", )" + folder +
                      "}]}")
        << "profiles[0].branch: \"my branch\" is not a valid branch name";
    QTest::newRow("escaping repo_path")
        << QByteArray(
               R"({"profiles": [{"name": "a", "remote": "r", "folders": [{"local": "@DIR@", "repo_path": "../up"}]}]})")
        << "profiles[0].folders[0].repo_path: \"../up\" may not contain";
    QTest::newRow("overlapping repo_paths")
        << QByteArray(
               R"({"profiles": [{"name": "a", "remote": "r", "folders": [{"local": "@DIR@", "repo_path": "s"},
                                        {"local": "@DIR@", "repo_path": "s/m"}]}]})")
        << "profiles[0].folders[1].repo_path: \"s/m\" overlaps \"s\"";
    QTest::newRow("password in the remote url")
        << QByteArray(R"({"profiles": [{"name": "a", "remote": "https://me:hunter2@github.com/me/x.git", )" +
                      folder + "}]}")
        << "profiles[0].remote: the remote URL holds a password or token: remove it from the URL "
           "(https://github.com/me/x.git)";
    QTest::newRow("token as the user name of the remote url")
        << QByteArray(
               R"({"profiles": [{"name": "a", "remote": "https://ghp_0123456789abcdefghijABCDEFGHIJ0123@github.com/x.git", )" +
               folder + "}]}")
        << "profiles[0].remote: the remote URL holds a token as the user name";
    QTest::newRow("nested local folders")
        << QByteArray(
               R"({"profiles": [{"name": "a", "remote": "r", "folders": [{"local": "@DIR@/..", "repo_path": "x"},
                                        {"local": "@DIR@", "repo_path": "y"}]}]})")
        << "(profiles[0].folders[0].local): one folder inside another would sync the same files twice";
    QTest::newRow("the same folder in two profiles")
        << QByteArray(R"({"profiles": [{"name": "a", "remote": "r", )" + folder + R"(},
                                       {"name": "b", "remote": "s", )" +
                      folder + "}]}")
        << "(profiles[0].folders[0].local): one folder inside another";
    QTest::newRow("overlapping repo_paths of one remote branch in two profiles")
        << QByteArray(
               R"({"profiles": [{"name": "a", "remote": "r", "folders": [{"local": "/usr", "repo_path": "docs"}]},
                                       {"name": "b", "remote": "r", "folders": [{"local": "/etc", "repo_path": "docs/sub"}]}]})")
        << "profiles[1].folders[0].repo_path: \"docs/sub\" overlaps \"docs\" "
           "(profiles[0].folders[0].repo_path) of the "
           "same remote branch in another profile";
    QTest::newRow("secret instead of variable name")
        << QByteArray(R"({"profiles": [{"name": "a", "remote": "r", "token_env": "ghp_abc-123!", )" + folder +
                      "}]}")
        << "profiles[0].token_env: \"ghp_abc-123!\" is not an environment variable name";
    QTest::newRow("password in database url")
        << QByteArray(R"({"database": {"url": "postgresql://ferry:hunter2@db/ferry"}})")
        << "database.url: must not contain a password";
    QTest::newRow("not a postgres url") << QByteArray(R"({"database": {"url": "mysql://db/x"}})")
                                        << "database.url: must start with postgresql://";
    QTest::newRow("bad schedule time")
        << QByteArray(R"({"ingestion": {"github": {"schedule": {"time": "25:00"}}}})")
        << "ingestion.github.schedule.time: \"25:00\" is not a time of day HH:MM";
    QTest::newRow("bad schedule day")
        << QByteArray(R"({"ingestion": {"market": {"schedule": {"days": ["mon", "funday"]}}}})")
        << "ingestion.market.schedule.days[1]: \"funday\" is not one of mon";
    QTest::newRow("bad time zone")
        << QByteArray(R"({"ingestion": {"market": {"schedule": {"timezone": "Mars/Olympus"}}}})")
        << "ingestion.market.schedule.timezone: \"Mars/Olympus\" is not UTC, local or a known time zone";
    QTest::newRow("bad repository name")
        << QByteArray(R"({"ingestion": {"github": {"repositories": ["octocat"]}}})")
        << "ingestion.github.repositories[0]: \"octocat\" is not of the form owner/name";
    QTest::newRow("bad api url") << QByteArray(R"({"ingestion": {"market": {"api_url": "ftp://x"}}})")
                                 << "ingestion.market.api_url: \"ftp://x\" is not an http(s) URL";
    QTest::newRow("more than GitHub's 100 concurrent requests")
        << QByteArray(R"({"ingestion": {"github": {"concurrency": 150}}})")
        << "ingestion.github.concurrency: 150 is out of range (1 to 100)";
    QTest::newRow("no tries") << QByteArray(R"({"ingestion": {"market": {"retry": {"tries": 0}}}})")
                              << "ingestion.market.retry.tries: 0 is out of range (1 to 20)";
    QTest::newRow("pause as text")
        << QByteArray(R"({"ingestion": {"github": {"retry": {"rate_limit_pause_seconds": "60"}}}})")
        << "ingestion.github.retry.rate_limit_pause_seconds: expected an integer, got string";
    QTest::newRow("rate limit tries out of range")
        << QByteArray(R"({"ingestion": {"github": {"retry": {"rate_limit_tries": 51}}}})")
        << "ingestion.github.retry.rate_limit_tries: 51 is out of range (1 to 50)";
    QTest::newRow("a wait cap of a week")
        << QByteArray(R"({"ingestion": {"market": {"retry": {"max_wait_seconds": 604800}}}})")
        << "ingestion.market.retry.max_wait_seconds: 604800 is out of range (1 to 86400)";
    QTest::newRow("retry not an object") << QByteArray(R"({"ingestion": {"market": {"retry": 5}}})")
                                         << "ingestion.market.retry: expected an object, got number";
    QTest::newRow("unknown signing format")
        << QByteArray(R"({"profiles": [{"name": "a", "remote": "r", )" + folder +
                      R"(, "signing": {"format": "x509", "key": "K"}}]})")
        << "profiles[0].signing.format: \"x509\" is not one of ssh, openpgp";
    QTest::newRow("signing without a key") << QByteArray(R"({"profiles": [{"name": "a", "remote": "r", )" +
                                                         folder + R"(, "signing": {"format": "openpgp"}}]})")
                                           << "profiles[0].signing.key: required field is missing";
    QTest::newRow("ssh signing key given as the key itself")
        << QByteArray(R"({"profiles": [{"name": "a", "remote": "r", )" + folder +
                      R"(, "signing": {"format": "ssh", "key": "ssh-ed25519 AAAAC3Nz"}}]})")
        << "profiles[0].signing.key: \"ssh-ed25519 AAAAC3Nz\" must be the absolute path of a key file";
}

void TestConfigReader::refusesEachKindOfMistakeNamingTheField()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const ConfigReader::Outcome outcome = ConfigReader::read(withDir(json));
    QVERIFY(outcome.hasErrors());
    QVERIFY(!outcome.config.has_value());
    const QString all = outcome.errors().join(u'\n');
    QVERIFY2(all.contains(expected),
             qPrintable(QStringLiteral("expected \"%1\" in:\n%2").arg(expected, all)));
}

void TestConfigReader::aSecretInTheRemoteIsNeverRepeated()
{
    const auto outcome = ConfigReader::read(withDir(
        R"({"profiles": [{"name": "a", "remote": "https://me:s3cr3t-t0ken@github.com/me/x.git",
            "folders": [{"local": "@DIR@", "repo_path": "d"}]}]})"));
    QVERIFY(outcome.hasErrors());
    QVERIFY(!outcome.errors().join(u'\n').contains(QStringLiteral("s3cr3t")));
    QVERIFY(outcome.errors().join(u'\n').contains(QStringLiteral("token_env")));
}

void TestConfigReader::aUserNameOrSshUserInTheRemoteIsFine()
{
    for (const char* remote : {"https://me@github.com/me/x.git", "git@github.com:me/x.git",
                               "ssh://git@example.org:2222/x.git", "/srv/git/x.git"}) {
        const auto outcome =
            ConfigReader::read(withDir(QByteArray(R"({"profiles": [{"name": "a", "remote": ")") + remote +
                                       R"(", "folders": [{"local": "@DIR@", "repo_path": "d"}]}]})"));
        QVERIFY2(!outcome.hasErrors(), qPrintable(outcome.errors().join(u'\n')));
    }
}

void TestConfigReader::reportsEveryErrorNotOnlyTheFirst()
{
    const auto outcome = ConfigReader::read(R"({"profiles": [{"name": "a"}, {"remote": 5, "folders": []}]})");
    const QStringList errors = outcome.errors();
    QVERIFY2(errors.size() >= 4, qPrintable(errors.join(u'\n')));
    QVERIFY(errors.contains(QStringLiteral("profiles[0].remote: required field is missing")));
    QVERIFY(errors.contains(QStringLiteral("profiles[1].name: required field is missing")));
    QVERIFY(errors.contains(QStringLiteral("profiles[1].remote: expected a string, got number")));
    QVERIFY(errors.contains(QStringLiteral("profiles[1].folders: must list at least one folder")));
}

void TestConfigReader::warnsAboutUnknownKeysButLoads()
{
    const auto outcome =
        ConfigReader::read(withDir(R"({"colour": "blue", "profiles": [{"name": "a", "remote": "r",
        "folders": [{"local": "@DIR@", "repo_path": "d", "mode": 1}]}]})"));
    QVERIFY(!outcome.hasErrors());
    QVERIFY(outcome.config.has_value());
    QCOMPARE(outcome.warnings(),
             (QStringList{QStringLiteral("colour: unknown key, ignored"),
                          QStringLiteral("profiles[0].folders[0].mode: unknown key, ignored")}));
}

void TestConfigReader::expandsHomeInFolderPaths()
{
    const auto outcome = ConfigReader::read(R"({"profiles": [{"name": "a", "remote": "r",
        "folders": [{"local": "~", "repo_path": "home"}]}]})");
    QVERIFY2(!outcome.hasErrors(), qPrintable(outcome.errors().join(u'\n')));
    QCOMPARE(outcome.config->profiles[0].folders[0].local, QDir::homePath());
}

void TestConfigReader::aMissingFolderIsOnlyAWarningForCodeThatRunsProfiles()
{
    const QByteArray json = withDir(R"({"profiles": [{"name": "a", "remote": "r",
        "folders": [{"local": "@DIR@/unplugged-drive", "repo_path": "d"}]}]})");
    QVERIFY(ConfigReader::read(json).hasErrors());
    const auto lenient = ConfigReader::read(json, ConfigReader::Mode::MissingFoldersAllowed);
    QVERIFY(!lenient.hasErrors());
    QCOMPARE(lenient.warnings().size(), 1);
    QVERIFY(lenient.warnings().first().startsWith(
        QStringLiteral("profiles[0].folders[0].local: folder does not exist")));
}

// `signing` is git's gpg.format and user.signingkey: read, checked, and written back as it was.
void TestConfigReader::readsAndWritesSigningPerProfile()
{
    const auto outcome = ConfigReader::read(withDir(R"({"profiles": [
        {"name": "a", "remote": "r1", "folders": [{"local": "@DIR@/a", "repo_path": "d"}],
         "signing": {"format": "ssh", "key": "~/.ssh/ferry_signing_test_key.pub"}},
        {"name": "b", "remote": "r2", "folders": [{"local": "@DIR@/b", "repo_path": "d"}],
         "signing": {"format": "openpgp", "key": "0xA1B2C3D4", "program": "/usr/bin/gpg2"}},
        {"name": "c", "remote": "r3", "folders": [{"local": "@DIR@/c", "repo_path": "d"}]}]})"),
                                            ConfigReader::Mode::MissingFoldersAllowed);
    QVERIFY2(!outcome.hasErrors(), qPrintable(outcome.errors().join(u'\n')));
    using Format = ferry::config::Signing::Format;
    const auto& profiles = outcome.config->profiles;
    QCOMPARE(profiles[0].signing.format, Format::Ssh);
    QCOMPARE(profiles[0].signing.key, QDir::homePath() + QStringLiteral("/.ssh/ferry_signing_test_key.pub"));
    QCOMPARE(profiles[1].signing.format, Format::OpenPgp);
    QCOMPARE(profiles[1].signing.key, QStringLiteral("0xA1B2C3D4"));
    QCOMPARE(profiles[1].signing.program, QStringLiteral("/usr/bin/gpg2"));
    QVERIFY(!profiles[2].signing.enabled());
    // A key file that is not there (yet) loads, with a warning saying what it will cost.
    QVERIFY2(outcome.warnings().join(u'\n').contains(
                 QStringLiteral("profiles[0].signing.key: key file does not exist")),
             qPrintable(outcome.warnings().join(u'\n')));

    const ferry::config::Json written = ferry::config::ConfigWriter::toJson(*outcome.config);
    QVERIFY(!written["profiles"][2].contains("signing"));
    const auto again = ConfigReader::read(QByteArray::fromStdString(written.dump()),
                                          ConfigReader::Mode::MissingFoldersAllowed);
    QVERIFY2(!again.hasErrors(), qPrintable(again.errors().join(u'\n')));
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(again.config->profiles[i].signing.format, profiles[i].signing.format);
        QCOMPARE(again.config->profiles[i].signing.key, profiles[i].signing.key);
        QCOMPARE(again.config->profiles[i].signing.program, profiles[i].signing.program);
    }
}

QTEST_GUILESS_MAIN(TestConfigReader)
#include "tst_configreader.moc"
