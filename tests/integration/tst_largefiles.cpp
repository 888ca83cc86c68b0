// Large files are streamed: an upload is hashed and stored in chunks (the ids equal git's and
// sha256sum's), a file that changes while it is read is not stored, parallel reads are bounded by bytes,
// a download writes the exact bytes and a full disk in its middle leaves the file as it was, and the
// versions archive round-trips a file of many chunks as valid zstd. Real bare repositories, the git CLI.
#include "core/git/blobwriter.h"
#include "core/git/repository.h"
#include "core/sync/versionstore.h"
#include "core/util/bytebudget.h"
#include "tests/support/gitcli.h"
#include "tests/support/remotefolder.h"
#include "tests/support/replica.h"

#include <atomic>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QtConcurrent/QtConcurrentMap>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <zstd.h>

using namespace ferry;
using test::GitCli;
using test::Replica;

class TestLargeFiles : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void aFileLargerThanAChunkIsStoredWithGitsIdAndItsSha256();
    void aFileChangedWhileBeingReadIsNotStored();
    void aFileOfPackSizeIsStoredAsAPackOfItsOwn();
    void aPackedFileChangedWhileBeingReadLeavesNoPack();
    void parallelReadsAreBoundedByBytesAndALargeFileIsReadAlone();
    void aLargeFileUploadsAndDownloadsByteForByte();
    void aPackedLargeFileReachesAGitCloneByteForByte();
    void aFullDiskDuringADownloadLeavesTheFileAsItWas();
    void theVersionsArchiveRoundTripsAManyChunkFileAsValidZstd();

private:
    QString remote() const { return m_dir->path() + QStringLiteral("/remote.git"); }
    QString writeFile(const QString& name, const QByteArray& content) const;
    static QByteArray randomBytes(qsizetype size, quint32 seed);
    // The *.pack files of a bare repository, and every other file in objects/pack (temporary ones).
    static QStringList packsIn(const QString& bare);
    static QStringList strayPackFiles(const QString& bare);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestLargeFiles::init()
{
    m_dir = test::makeRemoteFolder();
    QVERIFY(m_dir);
}

QString TestLargeFiles::writeFile(const QString& name, const QByteArray& content) const
{
    const QString path = m_dir->path() + u'/' + name;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        qFatal("cannot write the fixture %s", qPrintable(path));
    return path;
}

QByteArray TestLargeFiles::randomBytes(qsizetype size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator rng(seed);
    rng.fillRange(reinterpret_cast<quint32*>(bytes.data()), size / 4);
    return bytes;
}

void TestLargeFiles::aFileLargerThanAChunkIsStoredWithGitsIdAndItsSha256()
{
    const QByteArray content = randomBytes(5 * git::BlobWriter::kChunk + 12345, 1);
    const QString file = writeFile(QStringLiteral("big.bin"), content);
    auto repo = git::Repository::openOrInit(m_dir->path() + QStringLiteral("/data/repo.git"), remote());
    QVERIFY2(repo.ok(), qPrintable(repo.message()));
    git::BlobWriter writer((*repo)->handle());
    int chunks = 0;
    writer.setProgress([&](qint64) { ++chunks; });
    const auto written = writer.write(file);
    QVERIFY2(written.ok(), qPrintable(written.message()));
    QCOMPARE(chunks, 6); // read in pieces, not whole

    const QByteArray gitId = GitCli::ok(m_dir->path(), {QStringLiteral("hash-object"), file}).trimmed();
    QCOMPARE(written->oid.toLatin1(), gitId);
    QProcess sha;
    sha.start(QStringLiteral("sha256sum"), {file});
    QVERIFY(sha.waitForFinished());
    QCOMPARE(written->sha256.toLatin1(), QByteArray("sha256:") + sha.readAllStandardOutput().left(64));
    QCOMPARE(written->size, content.size());
    // Stored as git stores it: the CLI reads back the same bytes.
    QCOMPARE(GitCli::ok((*repo)->path(), {QStringLiteral("cat-file"), QStringLiteral("blob"), written->oid}),
             content);
}

void TestLargeFiles::aFileChangedWhileBeingReadIsNotStored()
{
    const QByteArray content = randomBytes(3 * git::BlobWriter::kChunk, 2);
    const QString file = writeFile(QStringLiteral("growing.bin"), content);
    const QByteArray originalId = GitCli::ok(m_dir->path(), {QStringLiteral("hash-object"), file}).trimmed();
    auto repo = git::Repository::openOrInit(m_dir->path() + QStringLiteral("/data/repo.git"), remote());
    QVERIFY(repo.ok());

    // Appended to after the first chunk (a download still arriving), or rewritten in place at the same
    // size (an editor saving over it): neither read is stored.
    for (const bool sameSize : {false, true}) {
        writeFile(QStringLiteral("growing.bin"), content);
        git::BlobWriter writer((*repo)->handle());
        writer.setProgress([&](qint64 done) {
            if (done != git::BlobWriter::kChunk)
                return;
            QThread::msleep(10); // a later modification time, on coarse clocks too
            QFile f(file);
            QVERIFY(f.open(sameSize ? QIODevice::ReadWrite : QIODevice::Append));
            f.write("more");
        });
        const auto written = writer.write(file);
        QVERIFY(!written.ok());
        QCOMPARE(written.error().kind, ErrorKind::Conflict);
        QVERIFY2(written.message().contains(QStringLiteral("changed while being read")),
                 qPrintable(written.message()));
    }
    // Nothing half-read reached the object database, and no temporary object is left behind.
    QCOMPARE(GitCli::run((*repo)->path(),
                         {QStringLiteral("cat-file"), QStringLiteral("-e"), QString::fromLatin1(originalId)})
                 .exitCode,
             1);
    const QByteArray count = GitCli::ok((*repo)->path(), {QStringLiteral("count-objects")});
    QVERIFY2(count.startsWith("0 objects"), count.constData());
}

QStringList TestLargeFiles::packsIn(const QString& bare)
{
    return QDir(bare + QStringLiteral("/objects/pack")).entryList({QStringLiteral("*.pack")}, QDir::Files);
}

QStringList TestLargeFiles::strayPackFiles(const QString& bare)
{
    QStringList stray;
    for (const QString& name : QDir(bare + QStringLiteral("/objects/pack")).entryList(QDir::Files)) {
        if (!name.endsWith(QStringLiteral(".pack")) && !name.endsWith(QStringLiteral(".idx")))
            stray.append(name);
    }
    return stray;
}

void TestLargeFiles::aFileOfPackSizeIsStoredAsAPackOfItsOwn()
{
    const QByteArray content = randomBytes(git::BlobWriter::kPackFrom + 12345, 7);
    const QString file = writeFile(QStringLiteral("large.bin"), content);
    auto repo = git::Repository::openOrInit(m_dir->path() + QStringLiteral("/data/repo.git"), remote());
    QVERIFY2(repo.ok(), qPrintable(repo.message()));
    const QString bare = (*repo)->path();
    git::BlobWriter writer((*repo)->handle());
    int chunks = 0;
    writer.setProgress([&](qint64) { ++chunks; });
    const auto written = writer.write(file);
    QVERIFY2(written.ok(), qPrintable(written.message()));
    QCOMPARE(chunks, int(git::BlobWriter::kPackFrom / git::BlobWriter::kChunk) + 1); // streamed

    // git's id and sha256sum's hash, from the same read.
    const QByteArray gitId = GitCli::ok(m_dir->path(), {QStringLiteral("hash-object"), file}).trimmed();
    QCOMPARE(written->oid.toLatin1(), gitId);
    QCOMPARE(written->sha256,
             QStringLiteral("sha256:") +
                 QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex()));
    QCOMPARE(written->size, content.size());
    // One pack holding just it, indexed, nothing loose, and git reads the same bytes back.
    QCOMPARE(packsIn(bare).size(), 1);
    QCOMPARE(strayPackFiles(bare), QStringList());
    const QByteArray count = GitCli::ok(bare, {QStringLiteral("count-objects"), QStringLiteral("-v")});
    QVERIFY2(count.startsWith("count: 0\n") && count.contains("in-pack: 1\n"), count.constData());
    const GitCli::Output fsck = GitCli::run(bare, {QStringLiteral("fsck"), QStringLiteral("--full")});
    QVERIFY2(fsck.exitCode == 0, fsck.err.constData());
    QCOMPARE(GitCli::ok(bare, {QStringLiteral("cat-file"), QStringLiteral("blob"), written->oid}), content);

    // The same content again adds no second pack.
    const auto again = git::BlobWriter((*repo)->handle()).write(file);
    QVERIFY2(again.ok(), qPrintable(again.message()));
    QCOMPARE(again->oid, written->oid);
    QCOMPARE(packsIn(bare).size(), 1);
    QCOMPARE(strayPackFiles(bare), QStringList());
}

void TestLargeFiles::aPackedFileChangedWhileBeingReadLeavesNoPack()
{
    const QByteArray content = randomBytes(git::BlobWriter::kPackFrom + git::BlobWriter::kChunk, 8);
    const QString file = writeFile(QStringLiteral("large.bin"), content);
    auto repo = git::Repository::openOrInit(m_dir->path() + QStringLiteral("/data/repo.git"), remote());
    QVERIFY(repo.ok());
    {
        git::BlobWriter writer((*repo)->handle());
        writer.setProgress([&](qint64 done) {
            if (done != 3 * git::BlobWriter::kChunk)
                return;
            QThread::msleep(10);
            QFile f(file);
            QVERIFY(f.open(QIODevice::Append));
            f.write("more");
        });
        const auto written = writer.write(file);
        QVERIFY(!written.ok());
        QCOMPARE(written.error().kind, ErrorKind::Conflict);
    }
    // Neither a pack nor the indexer's temporary file is left.
    QCOMPARE(packsIn((*repo)->path()), QStringList());
    QCOMPARE(strayPackFiles((*repo)->path()), QStringList());
    const QByteArray count =
        GitCli::ok((*repo)->path(), {QStringLiteral("count-objects"), QStringLiteral("-v")});
    QVERIFY2(count.contains("in-pack: 0\n") && count.startsWith("count: 0\n"), count.constData());
}

void TestLargeFiles::parallelReadsAreBoundedByBytesAndALargeFileIsReadAlone()
{
    util::ByteBudget budget(10 << 20);
    std::atomic<qint64> inFlight{0};
    std::atomic<qint64> most{0};
    std::atomic<bool> bigShared{false};
    // Many small files, a few as large as the budget and one larger.
    QList<qint64> sizes;
    for (int i = 0; i < 40; ++i)
        sizes.append(i % 10 == 0 ? qint64(10 << 20) : qint64(1 << 20));
    sizes.insert(20, qint64(64) << 20);
    QThreadPool pool;
    pool.setMaxThreadCount(8);
    QtConcurrent::blockingMap(&pool, sizes, [&](qint64 size) {
        const util::ByteBudget::Lease lease = budget.acquire(size);
        const qint64 now = inFlight += qMin(size, budget.total());
        qint64 seen = most;
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        if (size >= budget.total() && now != budget.total())
            bigShared = true;
        QThread::msleep(2);
        inFlight -= qMin(size, budget.total());
    });
    QVERIFY(most <= budget.total());
    QVERIFY(!bigShared);
    QVERIFY2(budget.peak() > (1 << 20), "small files are still read in parallel");
    QCOMPARE(budget.inFlight(), 0);
}

void TestLargeFiles::aLargeFileUploadsAndDownloadsByteForByte()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    Replica b(m_dir->path(), QStringLiteral("b"), remote());
    const QByteArray content = randomBytes(5 * git::BlobWriter::kChunk + 7, 3);
    a.write(QStringLiteral("big.bin"), content);
    const sync::SyncResult up = a.sync();
    QVERIFY2(up.ok, qPrintable(up.error));
    QCOMPARE(up.uploaded, 1);
    const QByteArray gitId =
        GitCli::ok(m_dir->path(), {QStringLiteral("hash-object"), a.folder() + QStringLiteral("/big.bin")})
            .trimmed();
    QCOMPARE(GitCli::ok(remote(), {QStringLiteral("rev-parse"), QStringLiteral("sync:shared/docs/big.bin")})
                 .trimmed(),
             gitId);
    QCOMPARE(a.state().files.value(QStringLiteral("shared/docs/big.bin")).hash,
             QStringLiteral("sha256:") +
                 QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex()));

    const sync::SyncResult down = b.sync();
    QVERIFY2(down.ok, qPrintable(down.error));
    QCOMPARE(down.downloaded, 1);
    QCOMPARE(b.read(QStringLiteral("big.bin")), content);
    QCOMPARE(b.state().files.value(QStringLiteral("shared/docs/big.bin")).oid, QString::fromLatin1(gitId));
}

// Above BlobWriter::kPackFrom the blob goes up from a pack of its own: the branch stays a normal Git
// branch (one blob, no chunks) that a fresh `git clone` checks out byte for byte, and another peer
// downloads it.
void TestLargeFiles::aPackedLargeFileReachesAGitCloneByteForByte()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    Replica b(m_dir->path(), QStringLiteral("b"), remote());
    const QByteArray content = randomBytes(git::BlobWriter::kPackFrom + 7, 9);
    a.write(QStringLiteral("large.bin"), content);
    const sync::SyncResult up = a.sync();
    QVERIFY2(up.ok, qPrintable(up.error));
    QCOMPARE(up.uploaded, 1);
    const GitCli::Output fsck = GitCli::run(remote(), {QStringLiteral("fsck"), QStringLiteral("--full")});
    QVERIFY2(fsck.exitCode == 0, fsck.err.constData());
    const QString checkout = m_dir->path() + QStringLiteral("/checkout");
    GitCli::ok(m_dir->path(), {QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("-b"),
                               QStringLiteral("sync"), remote(), checkout});
    QFile cloned(checkout + QStringLiteral("/shared/docs/large.bin"));
    QVERIFY(cloned.open(QIODevice::ReadOnly));
    QVERIFY(cloned.readAll() == content);

    const sync::SyncResult down = b.sync();
    QVERIFY2(down.ok, qPrintable(down.error));
    QCOMPARE(down.downloaded, 1);
    QVERIFY(b.read(QStringLiteral("large.bin")) == content);
}

void TestLargeFiles::aFullDiskDuringADownloadLeavesTheFileAsItWas()
{
    Replica a(m_dir->path(), QStringLiteral("a"), remote());
    Replica b(m_dir->path(), QStringLiteral("b"), remote());
    const QByteArray before = randomBytes(2 * git::BlobWriter::kChunk, 4);
    const QByteArray after = randomBytes(4 * git::BlobWriter::kChunk, 5);
    a.write(QStringLiteral("big.bin"), before);
    QVERIFY(a.sync().ok);
    QVERIFY(b.sync().ok);
    QCOMPARE(b.read(QStringLiteral("big.bin")), before);
    a.write(QStringLiteral("big.bin"), after);
    QCOMPARE(a.sync().uploaded, 1);

    qputenv("FERRY_TEST_DISK_FULL", (b.folder() + QStringLiteral("/big.bin")).toUtf8());
    const sync::SyncResult full = b.sync();
    qunsetenv("FERRY_TEST_DISK_FULL");
    QCOMPARE(full.downloaded, 0);
    QCOMPARE(full.waiting, 1);
    QVERIFY2(full.notes.join(u'\n').contains(QStringLiteral("No space left on device")),
             qPrintable(full.notes.join(u'\n')));
    QCOMPARE(b.read(QStringLiteral("big.bin")), before); // untouched, and no temporary file left
    QCOMPARE(QDir(b.folder()).entryList({QStringLiteral(".ferry-tmp-*")}, QDir::Files | QDir::Hidden),
             QStringList());

    const sync::SyncResult next = b.sync(); // space again: the download arrives
    QCOMPARE(next.downloaded, 1);
    QCOMPARE(b.read(QStringLiteral("big.bin")), after);
}

void TestLargeFiles::theVersionsArchiveRoundTripsAManyChunkFileAsValidZstd()
{
    // Half random, half text: compressible, and larger than zstd's stream buffers many times over.
    const QByteArray content = randomBytes(3 << 20, 6) + QByteArray("a line of text\n").repeated(200000);
    const QString file = writeFile(QStringLiteral("doc.bin"), content);
    const QString folder = m_dir->path() + QStringLiteral("/versions");
    sync::VersionStore store(folder);
    const auto v = store.archive(QStringLiteral("docs/doc.bin"), file, QStringLiteral("test"));
    QVERIFY2(v.ok(), qPrintable(v.message()));
    QCOMPARE(v->size, content.size());
    QVERIFY(v->storedSize < content.size());

    // Valid zstd by the library's one-shot decoder, with the content size in its header.
    QFile stored(folder + u'/' + v->id + QStringLiteral(".zst"));
    QVERIFY(stored.open(QIODevice::ReadOnly));
    const QByteArray packed = stored.readAll();
    QCOMPARE(qint64(packed.size()), v->storedSize);
    QCOMPARE(qint64(ZSTD_getFrameContentSize(packed.constData(), size_t(packed.size()))), content.size());
    QByteArray plain(content.size(), Qt::Uninitialized);
    QCOMPARE(qint64(ZSTD_decompress(plain.data(), size_t(plain.size()), packed.constData(),
                                    size_t(packed.size()))),
             content.size());
    QCOMPARE(plain, content);
    QCOMPARE(store.content(v->id).value(), content);

    // Restored in a stream over a changed file, which is archived first.
    writeFile(QStringLiteral("doc.bin"), "changed");
    const QFileDevice::Permissions privateMode = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    QVERIFY(QFile::setPermissions(file, privateMode));
    const auto restored = store.restore(v->id);
    QVERIFY2(restored.ok(), qPrintable(restored.message()));
    QFile back(file);
    QVERIFY(back.open(QIODevice::ReadOnly));
    QCOMPARE(back.readAll(), content);
    // A private file stays private (a new file would be readable by group and others under umask 022).
    QVERIFY(!(QFileInfo(file).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
    QVERIFY(restored->replaced.has_value());
    QCOMPARE(store.content(restored->replaced->id).value(), QByteArray("changed"));
    // Nothing partial left beside the target or in the archive.
    QCOMPARE(QDir(m_dir->path()).entryList({QStringLiteral(".ferry-tmp-*")}, QDir::Files | QDir::Hidden),
             QStringList());
    QCOMPARE(QDir(folder).entryList({QStringLiteral("partial-*")}), QStringList());
}

QTEST_GUILESS_MAIN(TestLargeFiles)
#include "tst_largefiles.moc"
