#include "core/util/glob.h"

#include <QTest>

using ferry::util::Glob;

class TestGlob : public QObject
{
    Q_OBJECT

private slots:
    void matchesPathsLikeGitignoreAndEditorConfig_data();
    void matchesPathsLikeGitignoreAndEditorConfig();
    void refusesMalformedPatternsWithAReason_data();
    void refusesMalformedPatternsWithAReason();
};

void TestGlob::matchesPathsLikeGitignoreAndEditorConfig_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("matches");

    QTest::newRow("star stays in one folder") << "*.md"
                                              << "a.md" << true;
    QTest::newRow("star does not cross /") << "*.md"
                                           << "docs/a.md" << false;
    QTest::newRow("globstar prefix matches top level") << "**/*.md"
                                                       << "a.md" << true;
    QTest::newRow("globstar prefix matches deep") << "**/*.md"
                                                  << "x/y/z/a.md" << true;
    QTest::newRow("globstar suffix") << "shared/**"
                                     << "shared/a/b.json" << true;
    QTest::newRow("globstar suffix needs the folder") << "shared/**"
                                                      << "sharedx/a" << false;
    QTest::newRow("globstar middle, zero folders") << "shared/memories/**/*.json"
                                                   << "shared/memories/m.json" << true;
    QTest::newRow("globstar middle, two folders") << "shared/memories/**/*.json"
                                                  << "shared/memories/u/v/m.json" << true;
    QTest::newRow("globstar middle, other root") << "shared/memories/**/*.json"
                                                 << "shared/documents/m.json" << false;
    QTest::newRow("lone globstar matches all") << "**"
                                               << "any/thing/at/all.bin" << true;
    QTest::newRow("braces") << "**/*.{md,txt}"
                            << "notes/a.txt" << true;
    QTest::newRow("braces miss") << "**/*.{md,txt}"
                                 << "notes/a.json" << false;
    QTest::newRow("nested braces") << "*.{md,{tx,cs}v}"
                                   << "a.csv" << true;
    QTest::newRow("question mark") << "file?.txt"
                                   << "file1.txt" << true;
    QTest::newRow("question mark is not /") << "a?b"
                                            << "a/b" << false;
    QTest::newRow("class") << "[abc].txt"
                           << "b.txt" << true;
    QTest::newRow("negated class") << "[!abc].txt"
                                   << "b.txt" << false;
    QTest::newRow("range") << "v[0-9].json"
                           << "v7.json" << true;
    QTest::newRow("settings rule") << "**/settings*.json"
                                   << "app/settings.local.json" << true;
    QTest::newRow("escaped star is literal") << "a\\*b"
                                             << "a*b" << true;
    QTest::newRow("escaped star is not a wildcard") << "a\\*b"
                                                    << "axxb" << false;
    QTest::newRow("dots are literal") << "a.b"
                                      << "axb" << false;
    QTest::newRow("regex characters are literal") << "(x)+$.md"
                                                  << "(x)+$.md" << true;
    QTest::newRow("whole path is anchored") << "b.md"
                                            << "ab.md" << false;
    QTest::newRow("unicode") << "notes/*.md"
                             << "notes/Größe.md" << true;
}

void TestGlob::matchesPathsLikeGitignoreAndEditorConfig()
{
    QFETCH(QString, pattern);
    QFETCH(QString, path);
    QFETCH(bool, matches);
    const auto glob = Glob::compile(pattern);
    QVERIFY2(glob.ok(), qPrintable(glob.message()));
    QCOMPARE(glob->matches(path), matches);
}

void TestGlob::refusesMalformedPatternsWithAReason_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("reason");
    QTest::newRow("empty") << ""
                           << "empty pattern";
    QTest::newRow("unclosed bracket") << "*.[ch"
                                      << "never closed";
    QTest::newRow("unclosed brace") << "*.{md,txt"
                                    << "'{' is never closed";
    QTest::newRow("stray closing brace") << "*.md}"
                                         << "no matching '{'";
    QTest::newRow("dangling escape") << "abc\\"
                                     << "lone '\\'";
}

void TestGlob::refusesMalformedPatternsWithAReason()
{
    QFETCH(QString, pattern);
    QFETCH(QString, reason);
    const auto glob = Glob::compile(pattern);
    QVERIFY(!glob.ok());
    QCOMPARE(glob.error().kind, ferry::ErrorKind::Invalid);
    QVERIFY2(glob.message().contains(reason), qPrintable(glob.message()));
    QVERIFY2(glob.message().contains(pattern), qPrintable(glob.message()));
}

QTEST_GUILESS_MAIN(TestGlob)
#include "tst_glob.moc"
