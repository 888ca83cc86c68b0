// Signed commits: with `signing` set, every commit Ferry makes for the profile carries an SSH or OpenPGP
// signature that `git verify-commit` accepts. The remote is served by `git daemon` with a pre-receive
// hook that runs `git verify-commit` on every new commit, as a branch that requires signed commits
// does; the keys are made here (ssh-keygen, a throwaway GNUPGHOME) and the agent is a real ssh-agent.
#include "core/sync/commitsigner.h"
#include "tests/support/gitcli.h"
#include "tests/support/gitdaemon.h"
#include "tests/support/replica.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace ferry;
using test::GitCli;
using test::Replica;

namespace {

const QString kEmail = QStringLiteral("ferry@test.invalid");

int run(const QString& program, const QStringList& args, const QProcessEnvironment& env,
        QByteArray* err = nullptr)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    if (err)
        *err = p.readAllStandardError();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

} // namespace

class TestSignedCommits : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void signedPushesAreAcceptedByARemoteThatVerifiesEveryCommit_data();
    void signedPushesAreAcceptedByARemoteThatVerifiesEveryCommit();
    void mergedAndConflictCommitsAreSignedToo();
    void anUnsignedPushIsRefusedAndTheChangesWaitUntilSigningIsOn();
    void aSignerThatFailsStopsTheCycleBeforeAnythingIsPushed_data();
    void aSignerThatFailsStopsTheCycleBeforeAnythingIsPushed();
    void aSignerThatHangsIsCutOffByTheTimeout();

private:
    QString remote() const { return m_dir->path() + QStringLiteral("/remote.git"); }
    QString keys(const QString& name) const { return m_keys.path() + u'/' + name; }
    config::Signing signingFor(const QString& kind) const;
    void installVerifyingHook();
    // `git verify-commit` of the branch's every commit, with the remote's trust (allowed signers, keyring).
    void verifyEveryCommit(int expectedCommits);
    QProcessEnvironment gpgEnvironment() const;
    bool startAgent();

    QTemporaryDir m_keys; // the keys, the allowed-signers file, GNUPGHOME, the agent's socket
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<test::GitDaemon> m_daemon;
    QProcess m_agent;
    QByteArray m_savedAuthSock;
};

QProcessEnvironment TestSignedCommits::gpgEnvironment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("GNUPGHOME"), keys(QStringLiteral("gnupg")));
    return env;
}

void TestSignedCommits::initTestCase()
{
    QVERIFY(m_keys.isValid());
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QByteArray err;
    for (const QString& name :
         {QStringLiteral("id_ed25519"), QStringLiteral("agent_ed25519"), QStringLiteral("pubonly_ed25519")})
        QVERIFY2(
            run(QStringLiteral("ssh-keygen"),
                {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
                 QString(), QStringLiteral("-C"), kEmail, QStringLiteral("-f"), keys(name)},
                env, &err) == 0,
            err.constData());
    QVERIFY(QFile::remove(
        keys(QStringLiteral("pubonly_ed25519")))); // a public key whose private one is elsewhere
    QVERIFY(run(QStringLiteral("ssh-keygen"),
                {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
                 QStringLiteral("secret passphrase"), QStringLiteral("-f"),
                 keys(QStringLiteral("locked_ed25519"))},
                env) == 0);
    // The remote trusts the first two keys (git's gpg.ssh.allowedSignersFile), not the locked one.
    QFile allowed(keys(QStringLiteral("allowed_signers")));
    QVERIFY(allowed.open(QIODevice::WriteOnly));
    for (const QString& name : {QStringLiteral("id_ed25519.pub"), QStringLiteral("agent_ed25519.pub")}) {
        QFile pub(keys(name));
        QVERIFY(pub.open(QIODevice::ReadOnly));
        allowed.write(kEmail.toUtf8() + " namespaces=\"git\" " + pub.readAll());
    }
    allowed.close();

    QVERIFY(QDir().mkdir(keys(QStringLiteral("gnupg"))));
    QVERIFY(QFile::setPermissions(keys(QStringLiteral("gnupg")),
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    QVERIFY2(run(QStringLiteral("gpg"),
                 {QStringLiteral("--batch"), QStringLiteral("--passphrase"), QString(),
                  QStringLiteral("--quick-gen-key"), QStringLiteral("Ferry Test <%1>").arg(kEmail),
                  QStringLiteral("ed25519"), QStringLiteral("sign"), QStringLiteral("never")},
                 gpgEnvironment(), &err) == 0,
             err.constData());
    // A second key whose passphrase nobody can give: gpg-agent has no terminal to ask on.
    QVERIFY2(
        run(QStringLiteral("gpg"),
            {QStringLiteral("--batch"), QStringLiteral("--passphrase"), QStringLiteral("secret passphrase"),
             QStringLiteral("--quick-gen-key"), QStringLiteral("Locked <locked@test.invalid>"),
             QStringLiteral("ed25519"), QStringLiteral("sign"), QStringLiteral("never")},
            gpgEnvironment(), &err) == 0,
        err.constData());
    // Ferry's signer finds the keyring where gpg does: GNUPGHOME.
    qputenv("GNUPGHOME", keys(QStringLiteral("gnupg")).toUtf8());
    qputenv("FERRY_RETRY_BASE_MS", "1");
    m_savedAuthSock = qgetenv("SSH_AUTH_SOCK");
    qunsetenv("SSH_AUTH_SOCK"); // only the agent this test starts
    qunsetenv("SSH_ASKPASS");
    qunsetenv("DISPLAY");
    qunsetenv("GPG_TTY");
}

void TestSignedCommits::cleanupTestCase()
{
    run(QStringLiteral("gpgconf"), {QStringLiteral("--kill"), QStringLiteral("gpg-agent")}, gpgEnvironment());
    if (m_agent.state() != QProcess::NotRunning) {
        m_agent.kill();
        m_agent.waitForFinished(5000);
    }
    if (!m_savedAuthSock.isEmpty())
        qputenv("SSH_AUTH_SOCK", m_savedAuthSock);
}

void TestSignedCommits::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    GitCli::ok(m_dir->path(),
               {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), remote()});
    m_daemon = std::make_unique<test::GitDaemon>(m_dir->path());
    QVERIFY(m_daemon->isRunning());
    installVerifyingHook();
}

void TestSignedCommits::cleanup()
{
    m_daemon.reset();
    m_dir.reset();
}

// What a hosting service's "require signed commits" does: every commit the push brings is verified.
void TestSignedCommits::installVerifyingHook()
{
    const QByteArray script =
        QStringLiteral("#!/bin/sh\n"
                       "export GNUPGHOME='%1'\n"
                       "while read old new ref; do\n"
                       "  for c in $(git rev-list \"$new\" --not --all); do\n"
                       "    if ! git -c gpg.ssh.allowedSignersFile='%2' verify-commit \"$c\" 2>/dev/null; "
                       "then\n"
                       "      echo \"commit $c is not signed by a trusted key\" >&2; exit 1\n"
                       "    fi\n"
                       "  done\n"
                       "done\n")
            .arg(keys(QStringLiteral("gnupg")), keys(QStringLiteral("allowed_signers")))
            .toUtf8();
    QVERIFY(test::installHook(remote(), QStringLiteral("pre-receive"), script));
}

void TestSignedCommits::verifyEveryCommit(int expectedCommits)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("GNUPGHOME"), keys(QStringLiteral("gnupg")));
    const QStringList commits =
        QString::fromUtf8(GitCli::ok(remote(), {QStringLiteral("rev-list"), QStringLiteral("sync")}))
            .split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(commits.size(), expectedCommits);
    for (const QString& c : commits) {
        const GitCli::Output verified = GitCli::run(
            remote(),
            {QStringLiteral("-c"),
             QStringLiteral("gpg.ssh.allowedSignersFile=") + keys(QStringLiteral("allowed_signers")),
             QStringLiteral("verify-commit"), QStringLiteral("-v"), c},
            {}, env);
        QVERIFY2(verified.exitCode == 0, qPrintable(c + u' ' + QString::fromUtf8(verified.err)));
    }
}

bool TestSignedCommits::startAgent()
{
    if (m_agent.state() == QProcess::Running)
        return true;
    const QString socket = keys(QStringLiteral("agent.sock"));
    m_agent.start(QStringLiteral("ssh-agent"), {QStringLiteral("-D"), QStringLiteral("-a"), socket});
    if (!m_agent.waitForStarted(5000))
        return false;
    for (QDeadlineTimer deadline(10000); !QFile::exists(socket); QThread::msleep(20)) {
        if (deadline.hasExpired())
            return false;
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SSH_AUTH_SOCK"), socket);
    if (run(QStringLiteral("ssh-add"), {QStringLiteral("-q"), keys(QStringLiteral("agent_ed25519"))}, env) !=
        0)
        return false;
    // Only the agent holds this key from now on: signing with its public key file must go through it.
    QFile::remove(keys(QStringLiteral("agent_ed25519")));
    qputenv("SSH_AUTH_SOCK", socket.toUtf8());
    return true;
}

config::Signing TestSignedCommits::signingFor(const QString& kind) const
{
    using Format = config::Signing::Format;
    if (kind == u"ssh key file")
        return {Format::Ssh, keys(QStringLiteral("id_ed25519")), {}};
    if (kind == u"ssh agent")
        return {Format::Ssh, keys(QStringLiteral("agent_ed25519.pub")), {}};
    return {Format::OpenPgp, kEmail, {}};
}

void TestSignedCommits::signedPushesAreAcceptedByARemoteThatVerifiesEveryCommit_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("armor");
    QTest::newRow("ssh, key file") << "ssh key file" << QByteArray("gpgsig -----BEGIN SSH SIGNATURE-----");
    QTest::newRow("ssh, agent") << "ssh agent" << QByteArray("gpgsig -----BEGIN SSH SIGNATURE-----");
    QTest::newRow("openpgp") << "openpgp" << QByteArray("gpgsig -----BEGIN PGP SIGNATURE-----");
}

void TestSignedCommits::signedPushesAreAcceptedByARemoteThatVerifiesEveryCommit()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, armor);
    if (kind == u"ssh agent")
        QVERIFY(startAgent());
    Replica a(m_dir->path(), QStringLiteral("a"), m_daemon->url(QStringLiteral("remote.git")));
    a.profile().signing = signingFor(kind);
    a.write(QStringLiteral("note.md"), "signed\n");
    const sync::SyncResult first = a.sync();
    QVERIFY2(first.ok, qPrintable(first.error));
    a.write(QStringLiteral("note.md"), "signed, twice\n");
    a.write(QStringLiteral("more/other.txt"), "another\n");
    const sync::SyncResult second = a.sync();
    QVERIFY2(second.ok, qPrintable(second.error));

    verifyEveryCommit(2);
    const QByteArray commit =
        GitCli::ok(remote(), {QStringLiteral("cat-file"), QStringLiteral("commit"), QStringLiteral("sync")});
    QVERIFY2(commit.contains(armor), commit.constData());
    // As git writes it: the signature's last line ends the header, no empty continuation line after it.
    QVERIFY2(commit.contains(" -----END " + armor.mid(18, 3) + " SIGNATURE-----\n\nBatch sync: "),
             commit.constData());
    QCOMPARE(test::filesInBranch(remote(), QStringLiteral("sync"), QStringLiteral("shared/docs"))
                 .value(QStringLiteral("note.md")),
             QByteArray("signed, twice\n"));
}

// The commit that carries a three-way merge and a conflict copy is Ferry's too, and signed like any.
void TestSignedCommits::mergedAndConflictCommitsAreSignedToo()
{
    const QString url = m_daemon->url(QStringLiteral("remote.git"));
    Replica a(m_dir->path(), QStringLiteral("a"), url);
    Replica b(m_dir->path(), QStringLiteral("b"), url);
    a.profile().signing = signingFor(QStringLiteral("openpgp"));
    b.profile().signing = signingFor(QStringLiteral("ssh key file"));
    a.write(QStringLiteral("plan.md"), "one\ntwo\nthree\nfour\nfive\n");
    a.write(QStringLiteral("data.bin"), QByteArray("\0base", 5));
    QVERIFY(a.sync().ok);
    QVERIFY(b.sync().ok);
    a.write(QStringLiteral("plan.md"), "ONE\ntwo\nthree\nfour\nfive\n");
    a.write(QStringLiteral("data.bin"), QByteArray("\0from a", 7));
    QVERIFY(a.sync().ok);
    b.write(QStringLiteral("plan.md"), "one\ntwo\nthree\nfour\nFIVE\n");
    b.write(QStringLiteral("data.bin"), QByteArray("\0from b", 7));
    const sync::SyncResult merged = b.sync();
    QVERIFY2(merged.ok, qPrintable(merged.error));
    QCOMPARE(merged.conflicts, 2);
    QVERIFY(!merged.commit.isEmpty());
    QCOMPARE(b.read(QStringLiteral("plan.md")), QByteArray("ONE\ntwo\nthree\nfour\nFIVE\n"));

    verifyEveryCommit(3);
    const QMap<QString, QByteArray> files =
        test::filesInBranch(remote(), QStringLiteral("sync"), QStringLiteral("shared/docs"));
    QCOMPARE(files.value(QStringLiteral("plan.md")), QByteArray("ONE\ntwo\nthree\nfour\nFIVE\n"));
    QCOMPARE(files.size(), 3); // plan.md, data.bin and b's conflict copy of data.bin
}

void TestSignedCommits::anUnsignedPushIsRefusedAndTheChangesWaitUntilSigningIsOn()
{
    Replica a(m_dir->path(), QStringLiteral("a"), m_daemon->url(QStringLiteral("remote.git")));
    a.write(QStringLiteral("note.md"), "unsigned\n");
    const sync::SyncResult refused = a.sync();
    QVERIFY(!refused.ok);
    QCOMPARE(refused.errorKind, ErrorKind::Refused);
    QVERIFY2(refused.error.contains(QStringLiteral("refused the push")) &&
                 refused.error.contains(QStringLiteral("not signed by a trusted key")),
             qPrintable(refused.error));
    QVERIFY(GitCli::run(remote(),
                        {QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("sync")})
                .exitCode != 0);
    QCOMPARE(a.read(QStringLiteral("note.md")), QByteArray("unsigned\n"));

    a.profile().signing = signingFor(QStringLiteral("ssh key file"));
    const sync::SyncResult ok = a.sync();
    QVERIFY2(ok.ok, qPrintable(ok.error));
    verifyEveryCommit(1);
    QCOMPARE(test::filesInBranch(remote(), QStringLiteral("sync"), QStringLiteral("shared/docs"))
                 .value(QStringLiteral("note.md")),
             QByteArray("unsigned\n"));
}

void TestSignedCommits::aSignerThatFailsStopsTheCycleBeforeAnythingIsPushed_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("said"); // a part of what the signer said, carried into the message
    const int ssh = int(config::Signing::Format::Ssh), pgp = int(config::Signing::Format::OpenPgp);
    QTest::newRow("ssh key file missing") << ssh << "/nonexistent/id_ed25519" << QString() << "No such file";
    QTest::newRow("ssh key with a passphrase, no agent")
        << ssh << "KEYS/locked_ed25519" << QString() << "passphrase";
    QTest::newRow("ssh public key, no agent")
        << ssh << "KEYS/pubonly_ed25519.pub" << QString() << "No private key";
    QTest::newRow("openpgp key not in the keyring")
        << pgp << "nobody@test.invalid" << QString() << "No secret key";
    QTest::newRow("openpgp key with a passphrase, no way to ask")
        << pgp << "locked@test.invalid" << QString() << "gpg: signing failed: ";
    QTest::newRow("signing program missing") << pgp << kEmail << "/nonexistent/bin/gpg"
                                             << "cannot start /nonexistent/bin/gpg";
}

void TestSignedCommits::aSignerThatFailsStopsTheCycleBeforeAnythingIsPushed()
{
    QFETCH(int, format);
    QFETCH(QString, key);
    QFETCH(QString, program);
    QFETCH(QString, said);
    key.replace(QStringLiteral("KEYS"), m_keys.path());
    const QByteArray agent = qgetenv("SSH_AUTH_SOCK");
    qunsetenv("SSH_AUTH_SOCK");
    Replica a(m_dir->path(), QStringLiteral("a"), QStringLiteral("file://") + remote());
    a.profile().signing = {config::Signing::Format(format), key, program};
    a.write(QStringLiteral("note.md"), "waits for a signature\n");
    const sync::SyncResult r = a.sync();
    if (!agent.isEmpty())
        qputenv("SSH_AUTH_SOCK", agent);
    QVERIFY(!r.ok);
    QCOMPARE(r.errorKind, ErrorKind::Invalid);
    QCOMPARE(r.pushAttempts, 0);
    QVERIFY2(r.error.startsWith(QStringLiteral("signing with %1 failed: ").arg(key)) &&
                 r.error.contains(said) && r.error.contains(QStringLiteral("→")) &&
                 r.error.contains(QStringLiteral("nothing was committed or pushed")),
             qPrintable(r.error));
    QCOMPARE(r.health.status, sync::Health::Failing);
    QVERIFY(GitCli::run(remote(),
                        {QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("sync")})
                .exitCode != 0);
    QCOMPARE(a.read(QStringLiteral("note.md")), QByteArray("waits for a signature\n"));
    QVERIFY(a.state().head.isEmpty());

    // Fixed, the waiting change goes up signed.
    a.profile().signing = signingFor(QStringLiteral("ssh key file"));
    const sync::SyncResult fixed = a.sync();
    QVERIFY2(fixed.ok, qPrintable(fixed.error));
    verifyEveryCommit(1);
}

// A signer waiting for a passphrase nobody types (a pinentry on another screen) must not hold the cycle.
void TestSignedCommits::aSignerThatHangsIsCutOffByTheTimeout()
{
    const QString program = m_dir->path() + QStringLiteral("/slow-signer");
    QFile script(program);
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("#!/bin/sh\nsleep 30\n");
    script.close();
    QVERIFY(script.setPermissions(script.permissions() | QFile::ExeOwner));
    qputenv("FERRY_SIGN_TIMEOUT_MS", "500");
    const sync::CommitSigner signer({config::Signing::Format::OpenPgp, kEmail, program}, {});
    QElapsedTimer clock;
    clock.start();
    const Result<QByteArray> signature = signer.sign("tree 0\n");
    qunsetenv("FERRY_SIGN_TIMEOUT_MS");
    QVERIFY(!signature);
    QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY2(signature.message().contains(QStringLiteral("gave no signature within 0.5 s")),
             qPrintable(signature.message()));

    // A stop (Quit, SIGTERM) does not wait for the timeout either.
    const util::StopToken stop;
    const sync::CommitSigner stoppable({config::Signing::Format::OpenPgp, kEmail, program}, stop);
    QTimer::singleShot(300, this, [stop] { stop.requestStop(); });
    clock.restart();
    Result<QByteArray> stopped = makeError(ErrorKind::Internal, QString());
    // The signer waits on a worker, the stop comes from this thread's event loop (as SIGTERM's does).
    const std::unique_ptr<QThread> worker(QThread::create([&] { stopped = stoppable.sign("tree 0\n"); }));
    worker->start();
    QTRY_VERIFY_WITH_TIMEOUT(worker->isFinished(), 10000);
    QVERIFY(!stopped);
    QVERIFY2(stopped.message().contains(QStringLiteral("stopping")), qPrintable(stopped.message()));
    QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
}

QTEST_GUILESS_MAIN(TestSignedCommits)
#include "tst_signedcommits.moc"
