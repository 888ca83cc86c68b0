#include "core/sync/ignorerules.h"
#include "core/util/glob.h"

#include <QRandomGenerator>
#include <QTest>

using ferry::sync::IgnoreRules;

namespace {

// A relative path of 1 to `maxLength` characters drawn from `alphabet`, or "" when the draw is not one
// (a leading, trailing or doubled '/').
QString randomPath(QRandomGenerator& rng, const QString& alphabet, int maxLength)
{
    QString path;
    const int length = 1 + int(rng.bounded(maxLength));
    for (int k = 0; k < length; ++k)
        path += alphabet.at(int(rng.bounded(alphabet.size())));
    const bool valid = !path.startsWith(u'/') && !path.endsWith(u'/') && !path.contains(QStringLiteral("//"));
    return valid ? path : QString();
}

} // namespace

class TestIgnoreRules : public QObject
{
    Q_OBJECT

private slots:
    void followsGitignoreSemantics_data();
    void followsGitignoreSemantics();
    void refusesABadPattern();
    void literalShortcutsAgreeWithTheGlob();
    void theRuleIndexAgreesWithHoldingEveryRule();
};

void TestIgnoreRules::followsGitignoreSemantics_data()
{
    QTest::addColumn<QStringList>("patterns");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("isDir");
    QTest::addColumn<bool>("ignored");

    const QStringList none;
    QTest::newRow("plain file synced") << none << "notes/plan.md" << false << false;
    QTest::newRow("vim swap file") << none << "notes/.plan.md.swp" << false << true;
    QTest::newRow("emacs backup") << none << "notes/plan.md~" << false << true;
    QTest::newRow("emacs lock") << none << "notes/.#plan.md" << false << true;
    QTest::newRow("emacs autosave") << none << "notes/#plan.md#" << false << true;
    QTest::newRow("a name with a # inside is fine") << none << "notes/issue#12.md" << false << false;
    QTest::newRow("office lock") << none << "docs/~$report.docx" << false << true;
    QTest::newRow("libreoffice lock") << none << "docs/.~lock.report.odt#" << false << true;
    QTest::newRow("partial download") << none << "in/video.mp4.part" << false << true;
    QTest::newRow("macOS litter") << none << "a/.DS_Store" << false << true;
    QTest::newRow("Windows litter") << none << "a/Thumbs.db" << false << true;
    QTest::newRow("nested git folder") << none << "project/.git" << true << true;
    QTest::newRow("ferry temporary file") << none << "a/.ferry-tmp-123abc" << false << true;
    QTest::newRow("a file named .git-notes is fine") << none << "a/.git-notes" << false << false;

    const QStringList user = {QStringLiteral("*.log"), QStringLiteral("/build/"), QStringLiteral("cache/"),
                              QStringLiteral("docs/private/**"), QStringLiteral("!keep.log")};
    QTest::newRow("name pattern at any depth") << user << "x/y/debug.log" << false << true;
    QTest::newRow("negation takes back") << user << "x/keep.log" << false << false;
    QTest::newRow("anchored folder at root") << user << "build" << true << true;
    QTest::newRow("anchored folder not deeper") << user << "src/build" << true << false;
    QTest::newRow("folder-only rule skips files") << user << "cache" << false << false;
    QTest::newRow("folder-only rule at any depth") << user << "a/cache" << true << true;
    QTest::newRow("path glob") << user << "docs/private/x/y.md" << false << true;
    QTest::newRow("path glob elsewhere") << user << "docs/public/y.md" << false << false;
}

void TestIgnoreRules::followsGitignoreSemantics()
{
    QFETCH(QStringList, patterns);
    QFETCH(QString, path);
    QFETCH(bool, isDir);
    QFETCH(bool, ignored);
    const auto rules = IgnoreRules::compile(patterns);
    QVERIFY2(rules.ok(), qPrintable(rules.message()));
    QCOMPARE(rules->ignores(path, isDir), ignored);
}

void TestIgnoreRules::refusesABadPattern()
{
    const auto rules = IgnoreRules::compile({QStringLiteral("[abc")});
    QVERIFY(!rules.ok());
    QVERIFY(rules.message().contains(QStringLiteral("never closed")));
}

// The matcher answers most patterns by comparing literal prefixes and suffixes; for random names and
// paths it must agree with the full glob, pattern by pattern.
void TestIgnoreRules::literalShortcutsAgreeWithTheGlob()
{
    const QStringList patterns = {
        QStringLiteral("*"),       QStringLiteral("a*"),    QStringLiteral("*a"),   QStringLiteral("a*b"),
        QStringLiteral("ab*ba"),   QStringLiteral("a*b*a"), QStringLiteral("?a"),   QStringLiteral("a?"),
        QStringLiteral("[ab]*"),   QStringLiteral("*[ab]"), QStringLiteral("\\*a"), QStringLiteral("a\\*"),
        QStringLiteral("{a,bb}*"), QStringLiteral("aba"),   QStringLiteral("a/*"),  QStringLiteral("a/b*"),
        QStringLiteral("**/ab"),   QStringLiteral("a/**"),  QStringLiteral("*.b"),  QStringLiteral("a.*.b"),
    };
    QRandomGenerator rng(42);
    const QString alphabet = QStringLiteral("ab.*/");
    for (const QString& pattern : patterns) {
        const auto rules = IgnoreRules::compile({pattern});
        QVERIFY2(rules.ok(), qPrintable(rules.message()));
        const auto glob = ferry::util::Glob::compile(pattern);
        QVERIFY(glob.ok());
        const auto defaults = IgnoreRules::compile({});
        for (int i = 0; i < 2000; ++i) {
            const QString path = randomPath(rng, alphabet, 6);
            if (path.isEmpty())
                continue;
            const QString name = path.mid(path.lastIndexOf(u'/') + 1);
            const bool expected =
                glob->matches(pattern.contains(u'/') ? path : name) || defaults->ignores(path, false);
            QVERIFY2(rules->ignores(path, false) == expected,
                     qPrintable(QStringLiteral("pattern %1, path %2: expected %3")
                                    .arg(pattern, path,
                                         expected ? QStringLiteral("ignored") : QStringLiteral("synced"))));
        }
    }
}

// Without '!' rules a path is held only against the rules of its first and last characters; with one,
// against every rule in order. A '!' rule that never matches switches to the second: both must agree on
// random names built from the characters the default and user rules start and end with.
void TestIgnoreRules::theRuleIndexAgreesWithHoldingEveryRule()
{
    const QStringList user = {QStringLiteral("*.log"),  QStringLiteral("/build/"), QStringLiteral("cache/"),
                              QStringLiteral("d/p/**"), QStringLiteral("?x"),      QStringLiteral("é*"),
                              QStringLiteral("*ü"),     QStringLiteral("[.T]*b")};
    const auto indexed = IgnoreRules::compile(user);
    const auto everyRule = IgnoreRules::compile(user + QStringList{QStringLiteral("!never-matches-\u0001")});
    QVERIFY(indexed.ok() && everyRule.ok());
    const QString alphabet = QStringLiteral(".~$#_Tdpwxolgtbcé/ü*aDS");
    QRandomGenerator rng(7);
    int ignored = 0;
    for (int i = 0; i < 20000; ++i) {
        const QString path = randomPath(rng, alphabet, 9);
        if (path.isEmpty())
            continue;
        for (const bool isDir : {false, true}) {
            const bool expected = everyRule->ignores(path, isDir);
            QVERIFY2(indexed->ignores(path, isDir) == expected, qPrintable(path));
            ignored += expected ? 1 : 0;
        }
    }
    QVERIFY(ignored > 100); // the names did meet the rules
}

QTEST_GUILESS_MAIN(TestIgnoreRules)
#include "tst_ignorerules.moc"
