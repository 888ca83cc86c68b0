#include "core/sync/fileapplier.h"
#include "core/sync/pathsafety.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ferry::sync;

class TestPathSafety : public QObject
{
    Q_OBJECT

private slots:
    void refusesPathsThatEscapeOrCannotBeWritten_data();
    void refusesPathsThatEscapeOrCannotBeWritten();
    void findsCaseCollisions();
    void conflictCopyNamesKeepTheExtension_data();
    void conflictCopyNamesKeepTheExtension();
};

void TestPathSafety::refusesPathsThatEscapeOrCannotBeWritten_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("safe");
    QTest::newRow("plain") << "notes/plan.md" << true;
    QTest::newRow("unicode") << "notes/Größe – résumé.md" << true;
    QTest::newRow("dots inside a name") << "a/..hidden..txt" << true;
    QTest::newRow("parent") << "../escape.txt" << false;
    QTest::newRow("parent deeper") << "a/../../escape.txt" << false;
    QTest::newRow("dot") << "a/./b" << false;
    QTest::newRow("absolute") << "/etc/passwd" << false;
    QTest::newRow("drive letter") << "C:/Windows/x" << false;
    QTest::newRow(".git") << "a/.git/config" << false;
    QTest::newRow(".GIT by case") << ".GIT/hooks/post-checkout" << false;
    QTest::newRow("empty component") << "a//b" << false;
    QTest::newRow("backslash") << "a\\..\\b" << false;
    QTest::newRow("control character") << QStringLiteral("a/b\x01") << false;
    QTest::newRow("too long") << QString(300, u'x') << false;
}

void TestPathSafety::refusesPathsThatEscapeOrCannotBeWritten()
{
    QFETCH(QString, path);
    QFETCH(bool, safe);
    QCOMPARE(PathSafety::problem(path).isEmpty(), safe);
}

void TestPathSafety::findsCaseCollisions()
{
    const auto collisions = PathSafety::caseCollisions(
        {QStringLiteral("a/README.md"), QStringLiteral("a/readme.md"), QStringLiteral("a/other.md")});
    QCOMPARE(collisions, (QSet<QString>{QStringLiteral("a/README.md"), QStringLiteral("a/readme.md")}));
    QTemporaryDir dir;
    QCOMPARE(PathSafety::isCaseInsensitive(dir.path()), false); // ext4 and tmpfs tell case apart
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).size(), 0);
}

void TestPathSafety::conflictCopyNamesKeepTheExtension_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("copy");
    QTest::newRow("extension") << "notes/plan.md"
                               << "notes/plan (conflict host 2026-11-23 0912).md";
    QTest::newRow("no extension") << "Makefile"
                                  << "Makefile (conflict host 2026-11-23 0912)";
    QTest::newRow("dot file") << "a/.bashrc"
                              << "a/.bashrc (conflict host 2026-11-23 0912)";
    QTest::newRow("two dots") << "a/archive.tar.gz"
                              << "a/archive.tar (conflict host 2026-11-23 0912).gz";
}

void TestPathSafety::conflictCopyNamesKeepTheExtension()
{
    QFETCH(QString, path);
    QFETCH(QString, copy);
    const QDateTime when = QDateTime(QDate(2026, 11, 23), QTime(9, 12)); // local time
    QCOMPARE(FileApplier::conflictCopyName(path, QStringLiteral("host"), when), copy);
}

QTEST_GUILESS_MAIN(TestPathSafety)
#include "tst_pathsafety.moc"
