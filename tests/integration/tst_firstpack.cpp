#include "core/config/paths.h"
#include "core/git/blobwriter.h"
#include "core/git/packwriter.h"
#include "tests/support/ferryprocess.h"
#include "tests/support/gitcli.h"
#include "tests/support/remotefolder.h"
#include "tests/support/replica.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace ferry;
using test::GitCli;
using test::Replica;

// A cycle with many new files (a first sync) stores them in packs rather than one loose object each:
// the repository stays valid for git, the remote gets every byte, and a crash between the pack and
// the commit leaves a repository the next sync finishes from. Real libgit2, the git CLI, the `ferry`
// binary for the crashes.
class TestFirstPack : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void aFirstSyncOfManyFilesWritesAPackThatGitReadsBackByteForByte();
    void aCrashAfterThePackIsWrittenLeavesAValidRepositoryAndTheNextSyncFinishes_data();
    void aCrashAfterThePackIsWrittenLeavesAValidRepositoryAndTheNextSyncFinishes();
    void aCycleWithFewFilesWritesLooseObjects();
    void aCrashWhileALargeFilesPackIsWrittenLeavesAValidRepository();

private:
    QString remote() const { return m_dir->path() + QStringLiteral("/remote.git"); }
    static QString clone(Replica& r)
    {
        return config::Paths::profileDir(r.dataDir(), r.profile().name) + QStringLiteral("/repo.git");
    }
    // Writes `count` files (some empty, some identical, one larger than a packed file may be) in folders
    // of 100; returns what was written.
    static QMap<QString, QByteArray> writeMany(const Replica& r, int count);
    static int packs(const QString& bare);
    static int looseObjects(const QString& bare);
    // Every file of the remote's branch in a fresh `git clone`, by path under shared/docs.
    QMap<QString, QByteArray> clonedFiles() const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestFirstPack::init()
{
    m_dir = test::makeRemoteFolder();
    QVERIFY(m_dir);
}

QMap<QString, QByteArray> TestFirstPack::writeMany(const Replica& r, int count)
{
    QMap<QString, QByteArray> written;
    QRandomGenerator rng(16);
    for (int i = 0; i < count; ++i) {
        QByteArray content;
        if (i % 97 == 1) {
            content = "the same content in several files\n";
        } else if (i % 250 != 3) { // every 250th file is empty
            content.resize(qsizetype(rng.bounded(1, 3000)));
            for (char& c : content)
                c = char(rng.bounded(256));
        }
        const QString name = QStringLiteral("d%1/f%2.bin").arg(i / 100).arg(i);
        r.write(name, content);
        written.insert(name, content);
    }
    QByteArray large(qsizetype(git::PackWriter::kMaxFileSize + 4096), 'x');
    large[100] = 'y';
    r.write(QStringLiteral("large.bin"), large);
    written.insert(QStringLiteral("large.bin"), large);
    return written;
}

int TestFirstPack::packs(const QString& bare)
{
    return int(QDir(bare + QStringLiteral("/objects/pack")).entryList({QStringLiteral("*.pack")}).size());
}

int TestFirstPack::looseObjects(const QString& bare)
{
    int n = 0;
    for (QDirIterator it(bare + QStringLiteral("/objects"), QDir::Files, QDirIterator::Subdirectories);
         it.hasNext();) {
        it.next();
        if (it.fileInfo().dir().dirName().size() == 2)
            ++n;
    }
    return n;
}

QMap<QString, QByteArray> TestFirstPack::clonedFiles() const
{
    const QString dest = m_dir->path() + QStringLiteral("/checkout");
    QDir(dest).removeRecursively();
    GitCli::ok(m_dir->path(), {QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("-b"),
                               QStringLiteral("sync"), remote(), dest});
    const QString root = dest + QStringLiteral("/shared/docs/");
    QMap<QString, QByteArray> files;
    for (QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories); it.hasNext();) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            files.insert(f.fileName().mid(root.size()), f.readAll());
    }
    return files;
}

void TestFirstPack::aFirstSyncOfManyFilesWritesAPackThatGitReadsBackByteForByte()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    const QMap<QString, QByteArray> written = writeMany(a, 2000);

    const sync::SyncResult r = a.sync();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.uploaded, written.size());

    // One pack holds the blobs; loose are only the trees, the commit and the file too large to pack.
    QCOMPARE(packs(clone(a)), 1);
    QVERIFY2(looseObjects(clone(a)) < 40, qPrintable(QString::number(looseObjects(clone(a)))));
    const GitCli::Output fsck = GitCli::run(clone(a), {QStringLiteral("fsck"), QStringLiteral("--full")});
    QVERIFY2(fsck.exitCode == 0, fsck.err.constData());
    const GitCli::Output remoteFsck =
        GitCli::run(remote(), {QStringLiteral("fsck"), QStringLiteral("--full")});
    QVERIFY2(remoteFsck.exitCode == 0, remoteFsck.err.constData());
    QCOMPARE(clonedFiles(), written);

    // A second peer reads every file back through Ferry too.
    Replica b(m_dir->path(), QStringLiteral("b"), remote());
    QVERIFY(b.sync().ok);
    QCOMPARE(b.contents(), written);
}

void TestFirstPack::aCrashAfterThePackIsWrittenLeavesAValidRepositoryAndTheNextSyncFinishes_data()
{
    QTest::addColumn<QByteArray>("failpoint");
    for (const char* point : {"after-blobs", "after-commit"})
        QTest::newRow(point) << QByteArray(point);
}

void TestFirstPack::aCrashAfterThePackIsWrittenLeavesAValidRepositoryAndTheNextSyncFinishes()
{
    QFETCH(QByteArray, failpoint);
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    const QMap<QString, QByteArray> written = writeMany(a, 1500);
    const auto run = [&](const QByteArray& point) {
        test::FerryProcess ferry(a.writeConfig(), a.dataDir());
        ferry.env(QStringLiteral("FERRY_RETRY_BASE_MS"), QStringLiteral("1"));
        if (!point.isEmpty())
            ferry.env(QStringLiteral("FERRY_FAILPOINT"), QString::fromLatin1(point));
        return ferry.run({QStringLiteral("sync")}, 240000);
    };

    const test::FerryProcess::Result crashed = run(failpoint);
    QVERIFY2(crashed.crashed || crashed.exitCode == 137, qPrintable(crashed.err));
    // Killed with the objects in a pack and the branch not moved: git finds the repository whole.
    QCOMPARE(packs(clone(a)), 1);
    const GitCli::Output fsck = GitCli::run(clone(a), {QStringLiteral("fsck"), QStringLiteral("--full")});
    QVERIFY2(fsck.exitCode == 0, fsck.err.constData());
    QVERIFY(GitCli::run(remote(), {QStringLiteral("rev-parse"), QStringLiteral("--verify"),
                                   QStringLiteral("-q"), QStringLiteral("refs/heads/sync")})
                .exitCode != 0); // nothing went up

    const test::FerryProcess::Result recovered = run({});
    QVERIFY2(recovered.exitCode == 0, qPrintable(recovered.err));
    QCOMPARE(clonedFiles(), written);
    const GitCli::Output after = GitCli::run(clone(a), {QStringLiteral("fsck"), QStringLiteral("--full")});
    QVERIFY2(after.exitCode == 0, after.err.constData());
    QVERIFY2(GitCli::run(remote(), {QStringLiteral("fsck"), QStringLiteral("--full")}).exitCode == 0,
             "the remote fails git fsck");
    // The blobs were found in the first pack, not written again.
    QCOMPARE(packs(clone(a)), 1);
}

void TestFirstPack::aCycleWithFewFilesWritesLooseObjects()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    QMap<QString, QByteArray> written = writeMany(a, 1000);
    QVERIFY(a.sync().ok);
    QCOMPARE(packs(clone(a)), 1);
    const int looseBefore = looseObjects(clone(a));

    // A handful of edits: a pack each cycle would pile up packs; loose objects are cheap at this count.
    for (int i = 0; i < 5; ++i) {
        const QString name = QStringLiteral("d0/f%1.bin").arg(i);
        written[name] = "edited " + QByteArray::number(i) + '\n';
        a.write(name, written[name]);
    }
    const sync::SyncResult r = a.sync();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.uploaded, 5);
    QCOMPARE(packs(clone(a)), 1);
    QVERIFY(looseObjects(clone(a)) >= looseBefore + 5);
    QCOMPARE(clonedFiles(), written);
    QCOMPARE(GitCli::run(clone(a), {QStringLiteral("fsck"), QStringLiteral("--full")}).exitCode, 0);
}

// A file of BlobWriter::kPackFrom bytes or more is streamed into a pack of its own; killed with half of
// that pack written, the clone holds no pack (at most its temporary file, which git ignores),
// nothing went up, and the next sync stores and pushes the file whole.
void TestFirstPack::aCrashWhileALargeFilesPackIsWrittenLeavesAValidRepository()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    QByteArray large(qsizetype(git::BlobWriter::kPackFrom + 3 * git::BlobWriter::kChunk), Qt::Uninitialized);
    QRandomGenerator(17).fillRange(reinterpret_cast<quint32*>(large.data()), large.size() / 4);
    QMap<QString, QByteArray> written{{QStringLiteral("large.bin"), large},
                                      {QStringLiteral("note.txt"), QByteArray("a small file\n")}};
    for (auto it = written.cbegin(); it != written.cend(); ++it)
        a.write(it.key(), it.value());
    const auto run = [&](const QByteArray& point) {
        test::FerryProcess ferry(a.writeConfig(), a.dataDir());
        ferry.env(QStringLiteral("FERRY_RETRY_BASE_MS"), QStringLiteral("1"));
        if (!point.isEmpty())
            ferry.env(QStringLiteral("FERRY_FAILPOINT"), QString::fromLatin1(point));
        return ferry.run({QStringLiteral("sync")}, 240000);
    };

    const test::FerryProcess::Result crashed = run("blob-pack-writing");
    QVERIFY2(crashed.crashed || crashed.exitCode == 137, qPrintable(crashed.err));
    QCOMPARE(packs(clone(a)), 0);
    const QStringList idx =
        QDir(clone(a) + QStringLiteral("/objects/pack")).entryList({QStringLiteral("*.idx")}, QDir::Files);
    QCOMPARE(idx, QStringList());
    const QDir packDir(clone(a) + QStringLiteral("/objects/pack"));
    const QStringList leftovers = packDir.entryList({QStringLiteral("pack_git2_*")}, QDir::Files);
    // At most the temporary pack, which git ignores (none where the file system has O_TMPFILE: Qt's
    // temporary file gets its name only when it is complete).
    QVERIFY2(leftovers.size() <= 1, qPrintable(leftovers.join(u' ')));
    const GitCli::Output fsck = GitCli::run(clone(a), {QStringLiteral("fsck"), QStringLiteral("--full")});
    QVERIFY2(fsck.exitCode == 0, fsck.err.constData());
    QVERIFY(GitCli::run(remote(), {QStringLiteral("rev-parse"), QStringLiteral("--verify"),
                                   QStringLiteral("-q"), QStringLiteral("refs/heads/sync")})
                .exitCode != 0); // nothing went up

    const test::FerryProcess::Result recovered = run({});
    QVERIFY2(recovered.exitCode == 0, qPrintable(recovered.err));
    QCOMPARE(packs(clone(a)), 1);
    // The next cycle removed the leftover before its work, under the profile lock (no writer of ours runs).
    for (const QString& leftover : leftovers)
        QVERIFY2(!packDir.exists(leftover), qPrintable(leftover));
    QCOMPARE(clonedFiles(), written);
    const GitCli::Output after = GitCli::run(clone(a), {QStringLiteral("fsck"), QStringLiteral("--full")});
    QVERIFY2(after.exitCode == 0, after.err.constData());
    QVERIFY2(GitCli::run(remote(), {QStringLiteral("fsck"), QStringLiteral("--full")}).exitCode == 0,
             "the remote fails git fsck");
}

QTEST_GUILESS_MAIN(TestFirstPack)
#include "tst_firstpack.moc"
