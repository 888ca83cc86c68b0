// A push that streams a large blob's stored pack entry instead of inflating it (issue 16.2): the objects
// of a push are found by walking commits and trees, the pack written from libgit2's pack builder plus
// the copied entries is one git accepts (index-pack, fsck --full, byte-for-byte content), and the push
// itself through git daemon and sshd gives the same outcomes as libgit2's: pushed, rejected when the
// remote's branch moved, refused with a hook's words. Real bare repositories, the git CLI, real servers.
#include "core/git/pushobjects.h"
#include "core/git/remote.h"
#include "core/git/repository.h"
#include "core/git/streamedpackwriter.h"
#include "tests/support/gitcli.h"
#include "tests/support/gitdaemon.h"
#include "tests/support/remotefolder.h"
#include "tests/support/sshserver.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace ferry;
using test::GitCli;

class TestStreamedPush : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void thePackHoldsEveryNewObjectAndCopiesTheLargeEntry();
    void aSecondCommitSendsOnlyWhatChanged();
    void aLargeBlobIsStreamedThroughGitDaemon();
    void aLargeBlobIsStreamedThroughSshd();
    void aRemoteBranchThatMovedIsRejectedAndKept();
    void aRefusingHookComesBackRefusedWithItsWords();
    void aDamagedStoredEntryIsNotSent();

private:
    // Pushes a first commit with a large file to an empty remote at `url`, then a small edit; checks a
    // git clone of `bare` and its fsck.
    void pushTwoCommitsAndCheck(const QString& url, const QString& bare, const git::Credentials& credentials);
    void expectStreamed();
    QString path(const QString& name) const { return m_dir->path() + u'/' + name; }
    QString writeFile(const QString& name, const QByteArray& content) const;
    static QByteArray randomBytes(qsizetype size, quint32 seed);
    // A local repository with a commit of a large random file and two small ones; returns the commit.
    QString firstCommit(git::Repository& repo);
    static QByteArray raw(const QString& hex) { return QByteArray::fromHex(hex.toLatin1()); }

    std::unique_ptr<QTemporaryDir> m_dir;
    QByteArray m_large;
};

void TestStreamedPush::init()
{
    m_dir = test::makeRemoteFolder();
    QVERIFY(m_dir);
}

QString TestStreamedPush::writeFile(const QString& name, const QByteArray& content) const
{
    QFile f(path(name));
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        qFatal("cannot write the fixture %s", qPrintable(path(name)));
    return path(name);
}

QByteArray TestStreamedPush::randomBytes(qsizetype size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator rng(seed);
    rng.fillRange(reinterpret_cast<quint32*>(bytes.data()), size / 4);
    return bytes;
}

QString TestStreamedPush::firstCommit(git::Repository& repo)
{
    m_large = randomBytes((qsizetype(20) << 20) + 4004, 16);
    const QList<git::Repository::StoredFile> stored = repo.storeFiles(
        {writeFile(QStringLiteral("large.bin"), m_large), writeFile(QStringLiteral("a.md"), "alpha\n"),
         writeFile(QStringLiteral("b.md"), "beta\n")});
    for (const auto& s : stored) {
        if (s.oid.isEmpty())
            qFatal("cannot store: %s", qPrintable(s.error));
    }
    const Result<QString> commit =
        repo.commit({},
                    {{QStringLiteral("data/large.bin"), stored[0].oid},
                     {QStringLiteral("docs/a.md"), stored[1].oid},
                     {QStringLiteral("docs/b.md"), stored[2].oid}},
                    QStringLiteral("first"), {QStringLiteral("T"), QStringLiteral("t@example.org")});
    if (!commit)
        qFatal("cannot commit: %s", qPrintable(commit.message()));
    return *commit;
}

void TestStreamedPush::thePackHoldsEveryNewObjectAndCopiesTheLargeEntry()
{
    auto repo = git::Repository::openOrInit(path(QStringLiteral("data/repo.git")),
                                            path(QStringLiteral("remote.git")));
    QVERIFY2(repo.ok(), qPrintable(repo.message()));
    const QString commit = firstCommit(**repo);
    const Result<git::PushObjects> objects = git::PushObjects::collect((*repo)->handle(), raw(commit), {});
    QVERIFY2(objects.ok(), qPrintable(objects.message()));
    // The commit, the root tree, data/, docs/ and the two small blobs; the large one apart.
    QCOMPARE(objects->objects().size(), 6);
    QCOMPARE(objects->largeBlobs().size(), 1);
    // The large blob's pack and the index Ferry wrote for it are what git would have written.
    const QString local = (*repo)->path();
    const QStringList idx =
        QDir(local + QStringLiteral("/objects/pack")).entryList({QStringLiteral("*.idx")}, QDir::Files);
    QCOMPARE(idx.size(), 1);
    GitCli::ok(local, {QStringLiteral("verify-pack"), QStringLiteral("objects/pack/") + idx[0]});
    GitCli::ok(local, {QStringLiteral("fsck"), QStringLiteral("--full"), QStringLiteral("--strict")});
    QCOMPARE(QDir(local + QStringLiteral("/objects/pack")).entryList(QDir::Files).size(), 2); // nothing else

    QFile pack(path(QStringLiteral("push.pack")));
    QVERIFY(pack.open(QIODevice::WriteOnly));
    qsizetype largestPiece = 0;
    const Result<qint64> written = git::StreamedPackWriter::write(
        (*repo)->handle(), *objects, m_dir->path(), [&](const char* data, qsizetype size) {
            largestPiece = qMax(largestPiece, size);
            return pack.write(data, size) == size ? Status::success()
                                                  : Status(makeError(ErrorKind::Io, pack.errorString()));
        });
    QVERIFY2(written.ok(), qPrintable(written.message()));
    pack.close();
    QCOMPARE(pack.size(), *written);
    QVERIFY(largestPiece <= git::StreamedPackWriter::kPiece); // streamed, never the whole blob at once

    // git reads it as a complete, valid pack holding everything, byte for byte.
    const QString bare = path(QStringLiteral("check.git"));
    GitCli::ok(m_dir->path(), {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), bare});
    QFile in(pack.fileName());
    QVERIFY(in.open(QIODevice::ReadOnly));
    GitCli::ok(bare, {QStringLiteral("index-pack"), QStringLiteral("--stdin")}, in.readAll());
    GitCli::ok(bare, {QStringLiteral("update-ref"), QStringLiteral("refs/heads/sync"), commit});
    GitCli::ok(bare, {QStringLiteral("fsck"), QStringLiteral("--full"), QStringLiteral("--strict")});
    QCOMPARE(GitCli::ok(bare, {QStringLiteral("cat-file"), QStringLiteral("blob"),
                               QStringLiteral("sync:data/large.bin")}),
             m_large);
    QCOMPARE(GitCli::ok(bare, {QStringLiteral("cat-file"), QStringLiteral("blob"),
                               QStringLiteral("sync:docs/b.md")}),
             QByteArray("beta\n"));
}

void TestStreamedPush::aSecondCommitSendsOnlyWhatChanged()
{
    auto repo = git::Repository::openOrInit(path(QStringLiteral("data/repo.git")),
                                            path(QStringLiteral("remote.git")));
    QVERIFY2(repo.ok(), qPrintable(repo.message()));
    const QString first = firstCommit(**repo);
    const Result<QString> blob = (*repo)->writeBlob("alpha, edited\n");
    QVERIFY(blob.ok());
    const Result<QString> second =
        (*repo)->commit(first, {{QStringLiteral("docs/a.md"), *blob}}, QStringLiteral("edit"),
                        {QStringLiteral("T"), QStringLiteral("t@example.org")});
    QVERIFY(second.ok());
    const Result<git::PushObjects> objects =
        git::PushObjects::collect((*repo)->handle(), raw(*second), {raw(first)});
    QVERIFY2(objects.ok(), qPrintable(objects.message()));
    // The commit, the root tree, docs/ and the edited blob: data/ and the large blob are there already.
    QCOMPARE(objects->objects().size(), 4);
    QVERIFY(objects->objects().contains(raw(*blob)));
    QVERIFY(objects->largeBlobs().isEmpty());
    // Without the remote's tip, both commits and the large blob go.
    const Result<git::PushObjects> all = git::PushObjects::collect((*repo)->handle(), raw(*second), {});
    QVERIFY(all.ok());
    QCOMPARE(all->objects().size(), 10);
    QCOMPARE(all->largeBlobs().size(), 1);
}

void TestStreamedPush::expectStreamed()
{
    QLoggingCategory::setFilterRules(QStringLiteral("ferry.sync.info=true"));
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("streams 1 large blob")));
}

void TestStreamedPush::pushTwoCommitsAndCheck(const QString& url, const QString& bare,
                                              const git::Credentials& credentials)
{
    auto repo = git::Repository::openOrInit(path(QStringLiteral("data/repo.git")), url);
    QVERIFY2(repo.ok(), qPrintable(repo.message()));
    git::Remote remote(**repo, credentials);
    const Result<QString> fetched = remote.fetch(QStringLiteral("sync"));
    QVERIFY2(fetched.ok(), qPrintable(fetched.message()));
    QCOMPARE(*fetched, QString()); // an empty remote: the first push has the zero id as its old tip
    const QString first = firstCommit(**repo);
    expectStreamed();
    const auto pushed = remote.push(QStringLiteral("sync"), first);
    QVERIFY2(pushed.ok(), qPrintable(pushed.message()));
    QCOMPARE(*pushed, git::Remote::PushOutcome::Pushed);
    QVERIFY(remote.bytesPushed() > qint64(m_large.size())); // random bytes do not shrink
    QCOMPARE(*(*repo)->resolve(QStringLiteral("refs/remotes/origin/sync")), first);

    const Result<QString> blob = (*repo)->writeBlob("alpha, edited\n");
    QVERIFY(blob.ok());
    const Result<QString> second =
        (*repo)->commit(first, {{QStringLiteral("docs/a.md"), *blob}}, QStringLiteral("edit"),
                        {QStringLiteral("T"), QStringLiteral("t@example.org")});
    QVERIFY(second.ok());
    const auto again = remote.push(QStringLiteral("sync"), *second);
    QVERIFY2(again.ok(), qPrintable(again.message()));
    QCOMPARE(*again, git::Remote::PushOutcome::Pushed);

    GitCli::ok(bare, {QStringLiteral("fsck"), QStringLiteral("--full"), QStringLiteral("--strict")});
    const QString clone = path(QStringLiteral("clone"));
    GitCli::ok(m_dir->path(), {QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("-b"),
                               QStringLiteral("sync"), bare, clone});
    QFile large(clone + QStringLiteral("/data/large.bin"));
    QVERIFY(large.open(QIODevice::ReadOnly));
    QVERIFY(large.readAll() == m_large);
    QFile edited(clone + QStringLiteral("/docs/a.md"));
    QVERIFY(edited.open(QIODevice::ReadOnly));
    QCOMPARE(edited.readAll(), QByteArray("alpha, edited\n"));
}

void TestStreamedPush::aLargeBlobIsStreamedThroughGitDaemon()
{
    test::GitDaemon daemon(m_dir->path());
    QVERIFY(daemon.isRunning());
    pushTwoCommitsAndCheck(daemon.url(QStringLiteral("remote.git")), path(QStringLiteral("remote.git")), {});
}

void TestStreamedPush::aLargeBlobIsStreamedThroughSshd()
{
    if (!test::SshServer::available())
        QSKIP("no /usr/sbin/sshd (Debian package openssh-server; .ci/test installs it)");
    QVERIFY(QDir().mkpath(path(QStringLiteral("ssh"))));
    test::SshServer server(path(QStringLiteral("ssh")));
    QVERIFY2(server.error().isEmpty(), qPrintable(server.error()));
    qunsetenv("SSH_AUTH_SOCK"); // the key file, not whatever agent the machine runs
    qputenv("FERRY_KNOWN_HOSTS", server.writeKnownHosts(path(QStringLiteral("known_hosts"))).toUtf8());
    git::Credentials credentials;
    credentials.sshKeyFile = server.clientKey();
    pushTwoCommitsAndCheck(server.url(path(QStringLiteral("remote.git"))), path(QStringLiteral("remote.git")),
                           credentials);
}

void TestStreamedPush::aRemoteBranchThatMovedIsRejectedAndKept()
{
    test::GitDaemon daemon(m_dir->path());
    QVERIFY(daemon.isRunning());
    auto repo = git::Repository::openOrInit(path(QStringLiteral("data/repo.git")),
                                            daemon.url(QStringLiteral("remote.git")));
    QVERIFY2(repo.ok(), qPrintable(repo.message()));
    git::Remote remote(**repo, {});
    const Result<QString> base =
        (*repo)->commit({}, {{QStringLiteral("docs/a.md"), *(*repo)->writeBlob("a\n")}},
                        QStringLiteral("base"), {QStringLiteral("T"), QStringLiteral("t@example.org")});
    QVERIFY(base.ok());
    QVERIFY(remote.fetch(QStringLiteral("sync")).ok());
    QCOMPARE(*remote.push(QStringLiteral("sync"), *base), git::Remote::PushOutcome::Pushed);

    // Another clone pushes meanwhile.
    const QString other = path(QStringLiteral("other"));
    GitCli::ok(m_dir->path(), {QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("-b"),
                               QStringLiteral("sync"), path(QStringLiteral("remote.git")), other});
    writeFile(QStringLiteral("other/docs/c.md"), "from the other clone\n");
    GitCli::ok(other, {QStringLiteral("add"), QStringLiteral("-A")});
    GitCli::ok(other, {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"),
                       QStringLiteral("other")});
    GitCli::ok(other, {QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("origin"),
                       QStringLiteral("sync")});
    const QByteArray theirs =
        GitCli::ok(path(QStringLiteral("remote.git")), {QStringLiteral("rev-parse"), QStringLiteral("sync")});

    // Ours, with a large file, on the tip we fetched: rejected, the remote keeps the other clone's commit.
    m_large = randomBytes((qsizetype(20) << 20) + 7, 3);
    const auto stored = (*repo)->storeFiles({writeFile(QStringLiteral("large.bin"), m_large)});
    QVERIFY2(!stored[0].oid.isEmpty(), qPrintable(stored[0].error));
    const Result<QString> ours =
        (*repo)->commit(*base, {{QStringLiteral("data/large.bin"), stored[0].oid}}, QStringLiteral("ours"),
                        {QStringLiteral("T"), QStringLiteral("t@example.org")});
    QVERIFY(ours.ok());
    expectStreamed();
    const auto pushed = remote.push(QStringLiteral("sync"), *ours);
    QVERIFY2(pushed.ok(), qPrintable(pushed.message()));
    QCOMPARE(*pushed, git::Remote::PushOutcome::Rejected);
    QVERIFY2(remote.lastRejection().contains(QStringLiteral("stale info")),
             qPrintable(remote.lastRejection()));
    QCOMPARE(
        GitCli::ok(path(QStringLiteral("remote.git")), {QStringLiteral("rev-parse"), QStringLiteral("sync")}),
        theirs);
    GitCli::ok(path(QStringLiteral("remote.git")), {QStringLiteral("fsck"), QStringLiteral("--full")});
}

void TestStreamedPush::aRefusingHookComesBackRefusedWithItsWords()
{
    QVERIFY(test::installHook(path(QStringLiteral("remote.git")), QStringLiteral("pre-receive"),
                              "#!/bin/sh\necho 'GH001: Large files detected, use LFS' >&2\nexit 1\n"));
    test::GitDaemon daemon(m_dir->path());
    QVERIFY(daemon.isRunning());
    auto repo = git::Repository::openOrInit(path(QStringLiteral("data/repo.git")),
                                            daemon.url(QStringLiteral("remote.git")));
    QVERIFY2(repo.ok(), qPrintable(repo.message()));
    git::Remote remote(**repo, {});
    QVERIFY(remote.fetch(QStringLiteral("sync")).ok());
    const QString first = firstCommit(**repo);
    expectStreamed();
    const auto pushed = remote.push(QStringLiteral("sync"), first);
    QVERIFY(!pushed.ok());
    QCOMPARE(pushed.error().kind, ErrorKind::Refused);
    QVERIFY2(pushed.message().contains(QStringLiteral("GH001: Large files detected, use LFS")),
             qPrintable(pushed.message()));
    QVERIFY2(pushed.message().contains(QStringLiteral("pre-receive hook declined")),
             qPrintable(pushed.message()));
    QVERIFY(GitCli::run(path(QStringLiteral("remote.git")),
                        {QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("-q"),
                         QStringLiteral("sync")})
                .exitCode != 0);
}

// A pack damaged on the local disk is caught by the CRC32 of its index before the pack's trailer goes
// out: the push fails with a message that says so, and the remote receives nothing it would keep.
void TestStreamedPush::aDamagedStoredEntryIsNotSent()
{
    test::GitDaemon daemon(m_dir->path());
    QVERIFY(daemon.isRunning());
    auto repo = git::Repository::openOrInit(path(QStringLiteral("data/repo.git")),
                                            daemon.url(QStringLiteral("remote.git")));
    QVERIFY2(repo.ok(), qPrintable(repo.message()));
    git::Remote remote(**repo, {});
    QVERIFY(remote.fetch(QStringLiteral("sync")).ok());
    const QString first = firstCommit(**repo);
    const QDir packs((*repo)->path() + QStringLiteral("/objects/pack"));
    const QStringList pack = packs.entryList({QStringLiteral("*.pack")}, QDir::Files);
    QCOMPARE(pack.size(), 1);
    QFile damaged(packs.filePath(pack[0]));
    QVERIFY(damaged.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
    QVERIFY(damaged.open(QIODevice::ReadWrite));
    QVERIFY(damaged.seek(damaged.size() / 2));
    const QByteArray byte = damaged.read(1);
    QVERIFY(damaged.seek(damaged.size() / 2));
    damaged.write(QByteArray(1, char(~byte[0])));
    damaged.close();

    expectStreamed();
    const auto pushed = remote.push(QStringLiteral("sync"), first);
    QVERIFY(!pushed.ok());
    QVERIFY2(pushed.message().contains(QStringLiteral("does not match its CRC32")),
             qPrintable(pushed.message()));
    QVERIFY(GitCli::run(path(QStringLiteral("remote.git")),
                        {QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("-q"),
                         QStringLiteral("sync")})
                .exitCode != 0);
    GitCli::ok(path(QStringLiteral("remote.git")), {QStringLiteral("fsck"), QStringLiteral("--full")});
}

QTEST_GUILESS_MAIN(TestStreamedPush)
#include "tst_streamedpush.moc"
