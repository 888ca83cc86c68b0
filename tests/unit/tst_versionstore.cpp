#include "core/sync/versionstore.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using ferry::sync::ArchivedVersion;
using ferry::sync::VersionStore;

class TestVersionStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void archivesAndGivesBackTheExactBytes();
    void listsNewestFirstAndFiltersByPath();
    void restoreArchivesTheFileItReplaces();
    void pruneDropsOldVersionsThenOldestUntilTheTotalFits();
    void aCrashBetweenTheTwoWritesLeavesNothingListedAndPruneCleansUp();
    void damagedContentIsReportedNotReturned();
    void aFolderThatCannotBeCreatedIsAnErrorAndTheFileIsUntouched();
    void unknownOrHostileIdsAreNotFound();

private:
    QString write(const QString& name, const QByteArray& content) const;
    std::unique_ptr<QTemporaryDir> m_dir;
    QDateTime m_now = QDateTime(QDate(2026, 11, 23), QTime(9, 0), Qt::UTC);
};

void TestVersionStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

QString TestVersionStore::write(const QString& name, const QByteArray& content) const
{
    const QString path = m_dir->path() + QStringLiteral("/folder/") + name;
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(content);
    return path;
}

void TestVersionStore::archivesAndGivesBackTheExactBytes()
{
    VersionStore store(m_dir->path() + QStringLiteral("/versions"));
    QByteArray binary(300000, Qt::Uninitialized);
    QRandomGenerator rng(5);
    for (char& c : binary)
        c = char(rng.bounded(256));
    const QByteArray text = QByteArray("line\n").repeated(20000);
    for (const QByteArray& content : {binary, text, QByteArray()}) {
        const QString file = write(QStringLiteral("a.bin"), content);
        const auto v = store.archive(QStringLiteral("docs/a.bin"), file, QStringLiteral("test"), m_now);
        QVERIFY2(v.ok(), qPrintable(v.message()));
        QCOMPARE(v->size, content.size());
        const auto back = store.content(v->id);
        QVERIFY2(back.ok(), qPrintable(back.message()));
        QCOMPARE(*back, content);
        m_now = m_now.addSecs(1);
    }
    const auto textVersion = store.list().value().at(1);
    QVERIFY2(textVersion.storedSize < textVersion.size / 50, "repetitive text is stored compressed");
}

void TestVersionStore::listsNewestFirstAndFiltersByPath()
{
    VersionStore store(m_dir->path() + QStringLiteral("/versions"));
    const QString a = write(QStringLiteral("a.md"), "a1");
    const QString b = write(QStringLiteral("b.md"), "b1");
    QVERIFY(store.archive(QStringLiteral("docs/a.md"), a, QStringLiteral("r"), m_now).ok());
    QVERIFY(store.archive(QStringLiteral("docs/b.md"), b, QStringLiteral("r"), m_now.addSecs(60)).ok());
    write(QStringLiteral("a.md"), "a2");
    QVERIFY(store.archive(QStringLiteral("docs/a.md"), a, QStringLiteral("r"), m_now.addSecs(120)).ok());
    const QList<ArchivedVersion> all = store.list().value();
    QCOMPARE(all.size(), 3);
    QVERIFY(all[0].time > all[1].time && all[1].time > all[2].time);
    const QList<ArchivedVersion> ofA = store.list(QStringLiteral("docs/a.md")).value();
    QCOMPARE(ofA.size(), 2);
    QCOMPARE(store.content(ofA[0].id).value(), QByteArray("a2"));
    QCOMPARE(store.content(ofA[1].id).value(), QByteArray("a1"));
    QCOMPARE(store.list(a).value().size(), 2); // by local path too
}

void TestVersionStore::restoreArchivesTheFileItReplaces()
{
    VersionStore store(m_dir->path() + QStringLiteral("/versions"));
    const QString file = write(QStringLiteral("notes.md"), "the good version\n");
    const ArchivedVersion good =
        store.archive(QStringLiteral("docs/notes.md"), file, QStringLiteral("r"), m_now).value();
    write(QStringLiteral("notes.md"), "a bad resolution\n");
    const auto restored = store.restore(good.id, QString(), m_now.addSecs(5));
    QVERIFY2(restored.ok(), qPrintable(restored.message()));
    QCOMPARE(restored->target, file);
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("the good version\n"));
    QVERIFY(restored->replaced.has_value());
    QCOMPARE(store.content(restored->replaced->id).value(), QByteArray("a bad resolution\n"));

    // Elsewhere, and into a file that does not exist yet.
    const QString copy = m_dir->path() + QStringLiteral("/elsewhere/copy.md");
    QDir().mkpath(QFileInfo(copy).absolutePath());
    const auto second = store.restore(good.id, copy, m_now.addSecs(6));
    QVERIFY2(second.ok(), qPrintable(second.message()));
    QVERIFY(!second->replaced.has_value());
    QFile c(copy);
    QVERIFY(c.open(QIODevice::ReadOnly));
    QCOMPARE(c.readAll(), QByteArray("the good version\n"));
}

void TestVersionStore::pruneDropsOldVersionsThenOldestUntilTheTotalFits()
{
    const QString folder = m_dir->path() + QStringLiteral("/versions");
    QByteArray noise(4000, Qt::Uninitialized); // incompressible: stored size close to 4000
    QRandomGenerator rng(9);
    QStringList ids;
    for (int i = 0; i < 10; ++i) {
        for (char& c : noise)
            c = char(rng.bounded(256));
        const QString file = write(QStringLiteral("f.bin"), noise);
        VersionStore store(folder);
        ids << store.archive(QStringLiteral("docs/f.bin"), file, QStringLiteral("r"), m_now.addDays(-i - 1))
                   .value()
                   .id;
    }
    // Ages 1..10 days: 30-day retention keeps all; 5-day retention drops the 5 older than 5 days.
    QCOMPARE(VersionStore(folder).prune(m_now).value(), 0);
    QCOMPARE(VersionStore(folder, {5, qint64(1) << 30}).prune(m_now).value(), 5);
    QCOMPARE(VersionStore(folder).list().value().size(), 5);
    // Room for about two: the two newest stay.
    QCOMPARE(VersionStore(folder, {30, 9000}).prune(m_now).value(), 3);
    const QList<ArchivedVersion> left = VersionStore(folder).list().value();
    QCOMPARE(left.size(), 2);
    QCOMPARE(left[0].id, ids[0]);
    QCOMPARE(left[1].id, ids[1]);
    QCOMPARE(QDir(folder).entryList(QDir::Files).size(), 4); // content and description of each, nothing else
}

void TestVersionStore::aCrashBetweenTheTwoWritesLeavesNothingListedAndPruneCleansUp()
{
    const QString folder = m_dir->path() + QStringLiteral("/versions");
    VersionStore store(folder);
    const ArchivedVersion v = store
                                  .archive(QStringLiteral("docs/a.md"), write(QStringLiteral("a.md"), "x"),
                                           QStringLiteral("r"), m_now)
                                  .value();
    // What a crash after the content and before the description leaves behind.
    QVERIFY(QFile::remove(folder + u'/' + v.id + QStringLiteral(".json")));
    QVERIFY(store.list().value().isEmpty());
    QVERIFY(!store.find(v.id).ok());
    QCOMPARE(store.prune(QDateTime::currentDateTimeUtc()).value(), 0); // a fresh leftover may be in progress
    QVERIFY(QFile::exists(folder + u'/' + v.id + QStringLiteral(".zst")));
    QVERIFY(store.prune(QDateTime::currentDateTimeUtc().addSecs(7200)).ok());
    QVERIFY(QDir(folder).entryList(QDir::Files).isEmpty());
}

void TestVersionStore::damagedContentIsReportedNotReturned()
{
    const QString folder = m_dir->path() + QStringLiteral("/versions");
    VersionStore store(folder);
    const ArchivedVersion v = store
                                  .archive(QStringLiteral("docs/a.md"),
                                           write(QStringLiteral("a.md"), QByteArray("text ").repeated(100)),
                                           QStringLiteral("r"), m_now)
                                  .value();
    QFile f(folder + u'/' + v.id + QStringLiteral(".zst"));
    QVERIFY(f.open(QIODevice::ReadWrite));
    QByteArray bytes = f.readAll();
    bytes[bytes.size() - 5] = char(bytes[bytes.size() - 5] ^ 0x55);
    f.seek(0);
    f.write(bytes);
    f.close();
    const auto content = store.content(v.id);
    QVERIFY(!content.ok());
    QVERIFY2(content.message().contains(QStringLiteral("damaged")), qPrintable(content.message()));
    const QString target = write(QStringLiteral("a.md"), "current");
    QVERIFY(!store.restore(v.id).ok());
    QFile t(target);
    QVERIFY(t.open(QIODevice::ReadOnly));
    QCOMPARE(t.readAll(), QByteArray("current")); // a failed restore changes nothing
}

void TestVersionStore::aFolderThatCannotBeCreatedIsAnErrorAndTheFileIsUntouched()
{
    const QString blocked = m_dir->path() + QStringLiteral("/blocked");
    QFile block(blocked); // a file where the versions folder should be
    QVERIFY(block.open(QIODevice::WriteOnly));
    block.close();
    VersionStore store(blocked + QStringLiteral("/versions"));
    const QString file = write(QStringLiteral("a.md"), "keep me");
    const auto v = store.archive(QStringLiteral("docs/a.md"), file, QStringLiteral("r"), m_now);
    QVERIFY(!v.ok());
    QCOMPARE(v.error().kind, ferry::ErrorKind::Io);
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("keep me"));
}

void TestVersionStore::unknownOrHostileIdsAreNotFound()
{
    VersionStore store(m_dir->path() + QStringLiteral("/versions"));
    for (const QString& id : {QStringLiteral("nope"), QStringLiteral("../../etc/passwd"), QString()}) {
        const auto v = store.find(id);
        QVERIFY(!v.ok());
        QCOMPARE(v.error().kind, ferry::ErrorKind::NotFound);
    }
}

QTEST_GUILESS_MAIN(TestVersionStore)
#include "tst_versionstore.moc"
