// `ferry doctor`'s checks against real things: bare repositories over file://, `git daemon` exports
// (read-write and read-only), an OpenSSH server (unknown and changed host keys, a refused key, a
// read-only key), the commit signers (ssh-keygen and gpg with keys made here, and broken ones), a local
// server answering like GitHub's /rate_limit and FMP's price endpoint, the database on both backends,
// the inotify limit, and the real binary's exit status and --json.
#include "core/check/apicheck.h"
#include "core/check/doctor.h"
#include "core/check/remotecheck.h"
#include "core/check/signingcheck.h"
#include "core/check/storecheck.h"
#include "core/check/watchlimitcheck.h"
#include "core/store/migrations.h"
#include "tests/support/fakeapi.h"
#include "tests/support/ferryprocess.h"
#include "tests/support/gitcli.h"
#include "tests/support/gitdaemon.h"
#include "tests/support/sshserver.h"
#include "tests/support/tcptrap.h"
#include "tests/support/testdatabase.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace ferry;
using check::Finding;
using test::FakeApi;
using test::GitCli;

namespace {

// check id -> finding, for assertions by name.
QMap<QString, Finding> byCheck(const QList<Finding>& findings)
{
    QMap<QString, Finding> out;
    for (const Finding& f : findings)
        out.insert(f.check, f);
    return out;
}

QString describe(const QList<Finding>& findings)
{
    QStringList lines;
    for (const Finding& f : findings)
        lines.append(f.line());
    return lines.join(u'\n');
}

} // namespace

class TestDoctor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void aLocalRemoteWithTheBranchPassesEveryCheck();
    void aMissingBranchIsCreatableWhenPushIsPermitted();
    void aWrongOrDeadRemoteIsAProblemAndTheRestIsSkipped();
    void aReadOnlyGitDaemonExportRefusesPushes();
    void sshHostKeysAndKeysAreChecked();
    void anHttpRemoteAskingForATokenIsACredentialsProblem();
    void theGithubTokenIsAcceptedOrRefused();
    void theMarketKeyIsAcceptedOrRefused();
    void theDatabaseIsReachableAndAtTheExpectedSchema();
    void theWatchLimitCountsTheFoldersAWatcherWouldWatch();
    void theSignerIsTriedWithoutWritingAnything_data();
    void theSignerIsTriedWithoutWritingAnything();
    void theBinaryReportsABrokenSigner();
    void theBinaryExitsOneOnAProblemAndPrintsJson();

private:
    QString bare(const QString& name, const QString& branch = {}) const;
    config::Profile profile(const QString& remote, const QString& branch = QStringLiteral("sync")) const;

    // Keys as tst_signedcommits makes them: ssh-keygen files and a throwaway GNUPGHOME ("" on failure).
    QString makeKeys();

    QTemporaryDir m_dir;
    QString m_keys;
};

void TestDoctor::cleanupTestCase()
{
    if (!m_keys.isEmpty())
        QProcess::execute(QStringLiteral("gpgconf"), {QStringLiteral("--kill"), QStringLiteral("gpg-agent")});
}

void TestDoctor::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir().mkpath(m_dir.path() + QStringLiteral("/folder/a/b")));
    qputenv("FERRY_NET_CONNECT_SECONDS", "5");
    qputenv("FERRY_NET_STALL_SECONDS", "10");
    qunsetenv("SSH_AUTH_SOCK"); // the key files, not whatever agent the machine runs
    qunsetenv("FERRY_WATCH_LIMIT");
}

QString TestDoctor::makeKeys()
{
    if (!m_keys.isEmpty())
        return m_keys;
    const QString dir = m_dir.path() + QStringLiteral("/keys");
    const auto run = [](const QString& program, const QStringList& args) {
        QProcess p;
        p.start(program, args);
        p.closeWriteChannel();
        return p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    };
    const QString gnupg = dir + QStringLiteral("/gnupg");
    if (!QDir().mkpath(gnupg) ||
        !QFile::setPermissions(gnupg, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
        return {};
    qputenv("GNUPGHOME", gnupg.toUtf8());
    for (const char* name : {"id_ed25519", "open_ed25519"}) {
        if (!run(QStringLiteral("ssh-keygen"),
                 {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
                  QString(), QStringLiteral("-f"), dir + u'/' + QLatin1StringView(name)}))
            return {};
    }
    // A private key others can read: ssh-keygen refuses to use it.
    if (!QFile::setPermissions(dir + QStringLiteral("/open_ed25519"),
                               QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther))
        return {};
    if (!run(QStringLiteral("gpg"),
             {QStringLiteral("--batch"), QStringLiteral("--passphrase"), QString(),
              QStringLiteral("--quick-gen-key"), QStringLiteral("Doctor Test <doctor@test.invalid>"),
              QStringLiteral("ed25519"), QStringLiteral("sign"), QStringLiteral("never")}))
        return {};
    m_keys = dir;
    return m_keys;
}

// A bare repository under the test folder; with `branch`, one commit on it.
QString TestDoctor::bare(const QString& name, const QString& branch) const
{
    const QString path = m_dir.path() + u'/' + name;
    GitCli::ok(m_dir.path(), {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), path});
    if (!branch.isEmpty()) {
        const QString work = path + QStringLiteral(".work");
        GitCli::ok(m_dir.path(), {QStringLiteral("init"), QStringLiteral("-q"), work});
        GitCli::ok(work, {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("--allow-empty"),
                          QStringLiteral("-m"), QStringLiteral("first")});
        GitCli::ok(work,
                   {QStringLiteral("push"), QStringLiteral("-q"), path, QStringLiteral("HEAD:") + branch});
    }
    return path;
}

config::Profile TestDoctor::profile(const QString& remote, const QString& branch) const
{
    config::Profile p;
    p.name = QStringLiteral("notes");
    p.remote = remote;
    p.branch = branch;
    p.folders = {{m_dir.path() + QStringLiteral("/folder"), QStringLiteral("docs")}};
    return p;
}

void TestDoctor::aLocalRemoteWithTheBranchPassesEveryCheck()
{
    const QString remote = bare(QStringLiteral("full.git"), QStringLiteral("sync"));
    const QList<Finding> findings =
        check::Doctor::profileChecks(profile(QStringLiteral("file://") + remote), {});
    QVERIFY2(!Finding::anyProblem(findings), qPrintable(describe(findings)));
    const auto f = byCheck(findings);
    for (const char* c : {"folders", "remote", "credentials", "branch", "push", "watches"})
        QVERIFY2(f.contains(QLatin1StringView(c)), c);
    QVERIFY(!f.contains(QStringLiteral("host_key"))); // not an SSH remote
    QVERIFY2(f[QStringLiteral("branch")].message.contains(QStringLiteral("on the remote at")),
             qPrintable(f[QStringLiteral("branch")].message));
    for (const Finding& one : findings)
        QCOMPARE(one.profile, QStringLiteral("notes"));
}

void TestDoctor::aMissingBranchIsCreatableWhenPushIsPermitted()
{
    const QString remote = bare(QStringLiteral("empty.git"));
    const auto f = byCheck(check::RemoteCheck::run(profile(remote), {}));
    QCOMPARE(f[QStringLiteral("branch")].status, Finding::Status::Ok);
    QVERIFY2(f[QStringLiteral("branch")].message.contains(QStringLiteral("the first sync creates it")),
             qPrintable(f[QStringLiteral("branch")].message));
    QCOMPARE(f[QStringLiteral("push")].status, Finding::Status::Ok);
}

void TestDoctor::aWrongOrDeadRemoteIsAProblemAndTheRestIsSkipped()
{
    const QList<Finding> missing = check::RemoteCheck::run(
        profile(QStringLiteral("file://") + m_dir.path() + QStringLiteral("/nothing.git")), {});
    auto f = byCheck(missing);
    QCOMPARE(f[QStringLiteral("remote")].status, Finding::Status::Problem);
    QVERIFY(!f[QStringLiteral("remote")].fix.isEmpty());
    for (const char* c : {"credentials", "branch", "push"})
        QCOMPARE(f[QLatin1StringView(c)].status, Finding::Status::Skipped);

    int closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        closedPort = probe.serverPort();
    }
    f = byCheck(
        check::RemoteCheck::run(profile(QStringLiteral("git://127.0.0.1:%1/x.git").arg(closedPort)), {}));
    QCOMPARE(f[QStringLiteral("remote")].status, Finding::Status::Problem);
    QVERIFY2(f[QStringLiteral("remote")].line().startsWith(QStringLiteral("problem: remote: cannot reach")),
             qPrintable(f[QStringLiteral("remote")].line()));
    QVERIFY(f[QStringLiteral("remote")].line().contains(QStringLiteral(" → ")));
    QCOMPARE(f[QStringLiteral("push")].status, Finding::Status::Skipped);
}

void TestDoctor::aReadOnlyGitDaemonExportRefusesPushes()
{
    const QString base = m_dir.path() + QStringLiteral("/served");
    QVERIFY(QDir().mkpath(base));
    const QString withBranch = bare(QStringLiteral("served/has.git"), QStringLiteral("sync"));
    bare(QStringLiteral("served/none.git"));
    {
        test::GitDaemon readOnly(base, test::GitDaemon::Access::ReadOnly);
        QVERIFY(readOnly.isRunning());
        auto f = byCheck(check::RemoteCheck::run(profile(readOnly.url(QStringLiteral("has.git"))), {}));
        QCOMPARE(f[QStringLiteral("remote")].status, Finding::Status::Ok);
        QCOMPARE(f[QStringLiteral("credentials")].status, Finding::Status::Ok);
        QCOMPARE(f[QStringLiteral("branch")].status, Finding::Status::Ok);
        QCOMPARE(f[QStringLiteral("push")].status, Finding::Status::Problem);
        QVERIFY2(f[QStringLiteral("push")].message.contains(QStringLiteral("not permitted")),
                 qPrintable(f[QStringLiteral("push")].message));
        // A branch that is not there cannot be created without push.
        f = byCheck(check::RemoteCheck::run(profile(readOnly.url(QStringLiteral("none.git"))), {}));
        QCOMPARE(f[QStringLiteral("branch")].status, Finding::Status::Problem);
    }
    // The same repositories exported for pushing: the push check passes, so it tells the two apart.
    test::GitDaemon readWrite(base);
    QVERIFY(readWrite.isRunning());
    const QList<Finding> ok = check::RemoteCheck::run(profile(readWrite.url(QStringLiteral("none.git"))), {});
    QVERIFY2(!Finding::anyProblem(ok), qPrintable(describe(ok)));
    // Nothing was pushed by checking.
    QCOMPARE(GitCli::run(withBranch,
                         {QStringLiteral("rev-list"), QStringLiteral("--count"), QStringLiteral("sync")})
                 .out.trimmed(),
             QByteArray("1"));
}

void TestDoctor::sshHostKeysAndKeysAreChecked()
{
    if (!test::SshServer::available())
        QSKIP("no /usr/sbin/sshd (Debian package openssh-server; .ci/test installs it)");
    const QString dir = m_dir.path() + QStringLiteral("/ssh");
    QVERIFY(QDir().mkpath(dir));
    test::SshServer server(dir);
    QVERIFY2(server.error().isEmpty(), qPrintable(server.error()));
    const QString remote = bare(QStringLiteral("ssh/remote.git"), QStringLiteral("sync"));
    // A key that may only fetch: the forced command refuses git-receive-pack, as a read-only deploy key.
    const QString gate = dir + QStringLiteral("/read-only.sh");
    QFile script(gate);
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("#!/bin/sh\ncase \"$SSH_ORIGINAL_COMMAND\" in\n"
                 "git-upload-pack*) exec sh -c \"$SSH_ORIGINAL_COMMAND\" ;;\n"
                 "*) echo 'ERROR: this deploy key is read-only' >&2; exit 1 ;;\nesac\n");
    script.close();
    QVERIFY(script.setPermissions(script.permissions() | QFile::ExeOwner));
    const QString readOnlyKey = server.addClientKey(QStringLiteral("read_only_key"), true,
                                                    "command=\"" + gate.toUtf8() + "\",no-pty");
    const QString strangerKey = server.addClientKey(QStringLiteral("stranger_key"), false);
    QVERIFY(!readOnlyKey.isEmpty() && !strangerKey.isEmpty());
    config::Profile p = profile(server.url(remote));
    const QString knownHosts = dir + QStringLiteral("/known_hosts");
    qputenv("FERRY_KNOWN_HOSTS", knownHosts.toUtf8());

    QFile::remove(knownHosts); // unknown host key
    auto f = byCheck(check::RemoteCheck::run(p, {QString(), server.clientKey()}));
    QCOMPARE(f[QStringLiteral("remote")].status, Finding::Status::Ok);
    QCOMPARE(f[QStringLiteral("host_key")].status, Finding::Status::Problem);
    QVERIFY2(
        f[QStringLiteral("host_key")].fix.contains(QStringLiteral("ssh-keyscan -p %1").arg(server.port())),
        qPrintable(f[QStringLiteral("host_key")].fix));
    QCOMPARE(f[QStringLiteral("credentials")].status, Finding::Status::Skipped);

    server.writeKnownHosts(knownHosts, true); // the key changed
    f = byCheck(check::RemoteCheck::run(p, {QString(), server.clientKey()}));
    QCOMPARE(f[QStringLiteral("host_key")].status, Finding::Status::Problem);
    QVERIFY2(f[QStringLiteral("host_key")].message.contains(QStringLiteral("does not match")),
             qPrintable(f[QStringLiteral("host_key")].message));

    server.writeKnownHosts(knownHosts);
    QList<Finding> all = check::RemoteCheck::run(p, {QString(), server.clientKey()});
    QVERIFY2(!Finding::anyProblem(all), qPrintable(describe(all)));
    QCOMPARE(byCheck(all)[QStringLiteral("host_key")].status, Finding::Status::Ok);

    f = byCheck(check::RemoteCheck::run(p, {QString(), strangerKey}));
    QCOMPARE(f[QStringLiteral("host_key")].status, Finding::Status::Ok);
    QCOMPARE(f[QStringLiteral("credentials")].status, Finding::Status::Problem);
    QVERIFY2(f[QStringLiteral("credentials")].fix.contains(strangerKey + QStringLiteral(".pub")),
             qPrintable(f[QStringLiteral("credentials")].fix));

    all = check::RemoteCheck::run(p, {QString(), readOnlyKey});
    f = byCheck(all);
    QCOMPARE(f[QStringLiteral("credentials")].status, Finding::Status::Ok);
    QCOMPARE(f[QStringLiteral("branch")].status, Finding::Status::Ok);
    QVERIFY2(f[QStringLiteral("push")].status == Finding::Status::Problem, qPrintable(describe(all)));
}

void TestDoctor::anHttpRemoteAskingForATokenIsACredentialsProblem()
{
    test::TcpTrap server(test::TcpTrap::Mode::AskForPassword);
    config::Profile p = profile(QStringLiteral("http://127.0.0.1:%1/me/notes.git").arg(server.port()));
    p.tokenEnv = QStringLiteral("NOTES_TOKEN");
    auto f = byCheck(check::RemoteCheck::run(p, {}));
    QCOMPARE(f[QStringLiteral("remote")].status, Finding::Status::Ok); // it answered, with 401
    QCOMPARE(f[QStringLiteral("credentials")].status, Finding::Status::Problem);
    QVERIFY2(f[QStringLiteral("credentials")].fix.contains(QStringLiteral("NOTES_TOKEN")),
             qPrintable(f[QStringLiteral("credentials")].fix));
    QCOMPARE(f[QStringLiteral("push")].status, Finding::Status::Skipped);
    // A token is never sent over plain http: still refused, and the token is nowhere in what was sent.
    f = byCheck(check::RemoteCheck::run(p, {QStringLiteral("ghp_secret"), QString()}));
    QCOMPARE(f[QStringLiteral("credentials")].status, Finding::Status::Problem);
    QVERIFY2(f[QStringLiteral("credentials")].message.contains(QStringLiteral("https")),
             qPrintable(f[QStringLiteral("credentials")].message));
    QVERIFY(!server.received().contains("ghp_secret"));
}

void TestDoctor::theGithubTokenIsAcceptedOrRefused()
{
    FakeApi github([](const FakeApi::Request& r) {
        if (!r.path.startsWith("/rate_limit"))
            return FakeApi::Reply{404, {}, R"({"message":"Not Found"})"};
        if (r.headers.value("authorization") != "Bearer good-token")
            return FakeApi::Reply{401, {}, R"({"message":"Bad credentials"})"};
        return FakeApi::Reply{200,
                              {{"x-ratelimit-remaining", "4990"}, {"x-ratelimit-limit", "5000"}},
                              R"({"resources":{"core":{"limit":5000,"remaining":4990,"used":10}}})"};
    });
    config::GithubSource source;
    source.apiUrl = QString::fromLatin1(github.baseUrl());
    Finding f = check::ApiCheck::github(source, QStringLiteral("good-token"));
    QCOMPARE(f.status, Finding::Status::Ok);
    QVERIFY2(f.message.contains(QStringLiteral("4990 of 5000")), qPrintable(f.message));
    f = check::ApiCheck::github(source, QStringLiteral("revoked-token"));
    QCOMPARE(f.status, Finding::Status::Problem);
    QVERIFY2(f.message.contains(QStringLiteral("HTTP 401")), qPrintable(f.message));
    QVERIFY(!f.message.contains(QStringLiteral("revoked-token")));
    QCOMPARE(github.requests(), 2); // one request each, no retry of a refusal
    f = check::ApiCheck::github(source, QString());
    QCOMPARE(f.status, Finding::Status::Problem);
    QVERIFY2(f.fix.contains(QStringLiteral("GITHUB_TOKEN")), qPrintable(f.fix));
    QCOMPARE(github.requests(), 2); // no token: nothing sent
}

void TestDoctor::theMarketKeyIsAcceptedOrRefused()
{
    FakeApi fmp([](const FakeApi::Request& r) {
        if (!r.path.startsWith("/api/v3/historical-price-full/"))
            return FakeApi::Reply{404, {}, "{}"};
        if (!r.path.contains("apikey=good-key"))
            return FakeApi::Reply{401, {}, R"({"Error Message":"Invalid API KEY."})"};
        return FakeApi::Reply{200, {}, R"({"symbol":"AAPL","historical":[]})"};
    });
    config::MarketSource source;
    source.apiUrl = QString::fromLatin1(fmp.baseUrl());
    QCOMPARE(check::ApiCheck::market(source, QStringLiteral("good-key")).status, Finding::Status::Ok);
    const Finding refused = check::ApiCheck::market(source, QStringLiteral("bad-key"));
    QCOMPARE(refused.status, Finding::Status::Problem);
    QVERIFY(!refused.line().contains(QStringLiteral("bad-key")));
    QVERIFY2(refused.fix.contains(QStringLiteral("FMP_API_KEY")), qPrintable(refused.fix));
}

void TestDoctor::theDatabaseIsReachableAndAtTheExpectedSchema()
{
    test::TestDatabase db;
    FERRY_REQUIRE_BACKEND(db);
    qunsetenv("DATABASE_URL");
    config::Config config;
    config.database.url = db.databaseUrl();
    const int expected = store::Migrations::latestVersion();
    Finding f = check::StoreCheck::run(config, db.dataDir());
    QVERIFY2(f.status == Finding::Status::Ok, qPrintable(f.line()));
    QVERIFY2(f.message.contains(QStringLiteral("schema version %1").arg(expected)), qPrintable(f.message));
    QVERIFY2(f.message.contains(test::TestDatabase::backend()), qPrintable(f.message));

    // A newer Ferry migrated this database further.
    QCOMPARE(
        db.scalar(QStringLiteral("INSERT INTO ferry_schema_migrations (version, description) VALUES (%1, "
                                 "'from the future') RETURNING version")
                      .arg(expected + 1)),
        QString::number(expected + 1));
    f = check::StoreCheck::run(config, db.dataDir());
    QCOMPARE(f.status, Finding::Status::Problem);
    QVERIFY2(
        f.message.contains(QStringLiteral("schema version %1, expected %2").arg(expected + 1).arg(expected)),
        qPrintable(f.message));
    QVERIFY2(f.fix.contains(QStringLiteral("upgrade Ferry")), qPrintable(f.fix));

    if (test::TestDatabase::backend() == u"postgresql") {
        int closedPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            closedPort = probe.serverPort();
        }
        config.database.url = QStringLiteral("postgresql://127.0.0.1:%1/ferry").arg(closedPort);
        f = check::StoreCheck::run(config, db.dataDir());
        QCOMPARE(f.status, Finding::Status::Problem);
        QVERIFY2(f.fix.contains(QStringLiteral("database.url")), qPrintable(f.fix));
    }
}

void TestDoctor::theWatchLimitCountsTheFoldersAWatcherWouldWatch()
{
    const QString root = m_dir.path() + QStringLiteral("/tree");
    for (const char* sub : {"a/1", "a/2", "b/1", "node_modules/x/y/z"})
        QVERIFY(QDir().mkpath(root + u'/' + QLatin1StringView(sub)));
    config::Profile p = profile(QStringLiteral("/unused"));
    p.folders = {{root, QStringLiteral("tree")}};
    QCOMPARE(check::WatchLimitCheck::foldersToWatch(p, 1000), 10); // root, a, a/1, a/2, b, b/1, node_modules…
    qputenv("FERRY_WATCH_LIMIT", "8");
    Finding f = check::WatchLimitCheck::run({p});
    QCOMPARE(f.status, Finding::Status::Problem);
    QVERIFY2(f.message.contains(QStringLiteral("more than 8 needed")), qPrintable(f.message));
    QVERIFY2(f.fix.contains(QStringLiteral("max_user_watches")), qPrintable(f.fix));
    p.ignore = {QStringLiteral("node_modules/")}; // not entered, so not watched
    f = check::WatchLimitCheck::run({p});
    QCOMPARE(f.status, Finding::Status::Ok);
    QVERIFY2(f.message.contains(QStringLiteral("6 needed (one per folder), inotify limit 8")),
             qPrintable(f.message));
    qunsetenv("FERRY_WATCH_LIMIT");
}

void TestDoctor::theSignerIsTriedWithoutWritingAnything_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("program");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("said"); // in the message
    QTest::addColumn<QString>("fix");  // in the fix
    const int ssh = int(config::Signing::Format::Ssh), pgp = int(config::Signing::Format::OpenPgp);
    QTest::newRow("ssh key file") << ssh << "KEYS/id_ed25519" << QString() << true << "ssh key" << QString();
    QTest::newRow("openpgp key") << pgp << "doctor@test.invalid" << QString() << true << "openpgp key"
                                 << QString();
    QTest::newRow("ssh key file missing")
        << ssh << "KEYS/missing_ed25519" << QString() << false << "No such file"
        << "readable private key file";
    QTest::newRow("ssh key readable by others")
        << ssh << "KEYS/open_ed25519" << QString() << false << "are too open"
        << "chmod 600 KEYS/open_ed25519";
    QTest::newRow("openpgp key not in the keyring")
        << pgp << "nobody@test.invalid" << QString() << false << "No secret key"
        << "gpg --list-secret-keys";
    QTest::newRow("signing program missing")
        << pgp << "doctor@test.invalid"
        << "/nonexistent/bin/gpg" << false << "cannot start /nonexistent/bin/gpg"
        << "signing.program";
}

// The signer of a profile is run on a test buffer as a cycle would run it: ok for a working key, a
// problem that says what the program said and what to do for a broken one; the remote is not touched.
void TestDoctor::theSignerIsTriedWithoutWritingAnything()
{
    QFETCH(int, format);
    QFETCH(QString, key);
    QFETCH(QString, program);
    QFETCH(bool, ok);
    QFETCH(QString, said);
    QFETCH(QString, fix);
    const QString keys = makeKeys();
    QVERIFY(!keys.isEmpty());
    key.replace(QStringLiteral("KEYS"), keys);
    fix.replace(QStringLiteral("KEYS"), keys);
    const QString remote = bare(
        QStringLiteral("signed-%1.git").arg(QString::fromUtf8(QTest::currentDataTag())).replace(u' ', u'-'),
        QStringLiteral("sync"));
    config::Profile p = profile(QStringLiteral("file://") + remote);
    QVERIFY(!check::SigningCheck::run(p)); // a profile that does not sign has no such line

    p.signing = {config::Signing::Format(format), key, program};
    const QList<Finding> findings = check::Doctor::profileChecks(p, {});
    const auto f = byCheck(findings);
    QVERIFY2(f.contains(QStringLiteral("signing")), qPrintable(describe(findings)));
    const Finding signing = f[QStringLiteral("signing")];
    QCOMPARE(signing.profile, QStringLiteral("notes"));
    QCOMPARE(signing.status, ok ? Finding::Status::Ok : Finding::Status::Problem);
    QCOMPARE(Finding::anyProblem(findings), !ok);
    QVERIFY2(signing.message.startsWith(QStringLiteral("signing: ")) && signing.message.contains(key) &&
                 signing.message.contains(said),
             qPrintable(signing.line()));
    QVERIFY2(signing.fix.contains(fix), qPrintable(signing.line()));
    // Nothing was committed or pushed by checking.
    QCOMPARE(
        GitCli::run(remote, {QStringLiteral("rev-list"), QStringLiteral("--all"), QStringLiteral("--count")})
            .out.trimmed(),
        QByteArray("1"));
}

void TestDoctor::theBinaryReportsABrokenSigner()
{
    const QString keys = makeKeys();
    QVERIFY(!keys.isEmpty());
    const QString remote = bare(QStringLiteral("cli-signed.git"), QStringLiteral("sync"));
    const QString configPath = m_dir.path() + QStringLiteral("/cli-signed.json");
    const auto writeConfig = [&](const QString& key) {
        QFile f(configPath);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QJsonDocument(
                    QJsonObject{{QStringLiteral("profiles"),
                                 QJsonArray{QJsonObject{
                                     {QStringLiteral("name"), QStringLiteral("notes")},
                                     {QStringLiteral("remote"), QStringLiteral("file://") + remote},
                                     {QStringLiteral("signing"),
                                      QJsonObject{{QStringLiteral("format"), QStringLiteral("ssh")},
                                                  {QStringLiteral("key"), key}}},
                                     {QStringLiteral("folders"),
                                      QJsonArray{QJsonObject{
                                          {QStringLiteral("local"), m_dir.path() + QStringLiteral("/folder")},
                                          {QStringLiteral("repo_path"), QStringLiteral("docs")}}}}}}}})
                    .toJson());
    };
    const test::FerryProcess ferry(configPath, m_dir.path() + QStringLiteral("/cli-signed-data"));
    writeConfig(keys + QStringLiteral("/open_ed25519"));
    test::FerryProcess::Result r = ferry.run({QStringLiteral("doctor")});
    QVERIFY2(r.finished && r.exitCode == 1, qPrintable(r.output()));
    QVERIFY2(
        r.out.contains(QStringLiteral("problem: [notes] signing: ssh key %1/open_ed25519 cannot sign with "
                                      "ssh-keygen: ")
                           .arg(keys)),
        qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral(" → `chmod 600 ")), qPrintable(r.out));

    writeConfig(keys + QStringLiteral("/id_ed25519"));
    r = ferry.run({QStringLiteral("doctor")});
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.output()));
    QVERIFY2(
        r.out.contains(
            QStringLiteral("ok  [notes] signing: ssh key %1/id_ed25519 signs with ssh-keygen").arg(keys)),
        qPrintable(r.out));
}

void TestDoctor::theBinaryExitsOneOnAProblemAndPrintsJson()
{
    const QString remote = bare(QStringLiteral("cli.git"), QStringLiteral("sync"));
    const QString data = m_dir.path() + QStringLiteral("/cli-data");
    const QString configPath = m_dir.path() + QStringLiteral("/cli.json");
    const auto writeConfig = [&](const QString& remoteUrl) {
        QFile f(configPath);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QJsonDocument(
                    QJsonObject{{QStringLiteral("profiles"),
                                 QJsonArray{QJsonObject{
                                     {QStringLiteral("name"), QStringLiteral("notes")},
                                     {QStringLiteral("remote"), remoteUrl},
                                     {QStringLiteral("branch"), QStringLiteral("sync")},
                                     {QStringLiteral("folders"),
                                      QJsonArray{QJsonObject{
                                          {QStringLiteral("local"), m_dir.path() + QStringLiteral("/folder")},
                                          {QStringLiteral("repo_path"), QStringLiteral("docs")}}}}}}}})
                    .toJson());
    };
    const test::FerryProcess ferry(configPath, data);

    writeConfig(QStringLiteral("file://") + remote);
    test::FerryProcess::Result r = ferry.run({QStringLiteral("doctor")});
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.output()));
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QVERIFY2(lines.size() >= 6, qPrintable(r.out));
    for (const QString& line : lines)
        QVERIFY2(line.startsWith(QStringLiteral("ok  ")), qPrintable(line));
    QVERIFY2(r.out.contains(QStringLiteral("ok  database sqlite")), qPrintable(r.out));

    writeConfig(QStringLiteral("file://") + m_dir.path() + QStringLiteral("/gone.git"));
    r = ferry.run({QStringLiteral("doctor")});
    QVERIFY2(r.finished && r.exitCode == 1, qPrintable(r.output()));
    QVERIFY2(r.out.contains(QStringLiteral("problem: [notes] remote: ")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral(" → ")), qPrintable(r.out));

    r = ferry.run({QStringLiteral("doctor"), QStringLiteral("--json"), QStringLiteral("--profile"),
                   QStringLiteral("notes")});
    QCOMPARE(r.exitCode, 1);
    const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(json[QStringLiteral("ok")], QJsonValue(false));
    bool remoteProblem = false;
    for (const QJsonValue& v : json[QStringLiteral("checks")].toArray()) {
        const QJsonObject c = v.toObject();
        QVERIFY(c.contains(QStringLiteral("message")) && c.contains(QStringLiteral("fix")));
        if (c[QStringLiteral("check")].toString() == u"remote") {
            remoteProblem = c[QStringLiteral("status")].toString() == u"problem" &&
                            c[QStringLiteral("profile")].toString() == u"notes" &&
                            !c[QStringLiteral("fix")].toString().isEmpty();
        }
    }
    QVERIFY2(remoteProblem, qPrintable(r.out));

    r = ferry.run({QStringLiteral("doctor"), QStringLiteral("--profile"), QStringLiteral("nobody")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("no profile \"nobody\"")), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestDoctor)
#include "tst_doctor.moc"
