// The conflict resolver window on real widgets (offscreen) over a real conflict: two replicas of one
// bare repository edit the same three lines of a text file differently; the merge policy leaves markers
// and a pending conflict, which the window resolves hunk by hunk through the core resolve operation.
#include "core/sync/conflictresolver.h"
#include "tests/support/gitcli.h"
#include "tests/support/replica.h"
#include "ui/resolver/diffpane.h"
#include "ui/resolver/resolverwindow.h"

#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ferry;
using test::GitCli;
using test::Replica;

class TestResolverWindow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void threeHunksTakenLocalRemoteBothGiveTheMergedTextAndResolve();
    void keepRemoteResolvesWithoutAnEditor();
    void scrollingOneSideScrollsTheOther();
    void aUnionConflictNamesTheRecordsInQuestion();

private:
    QString remote() const { return m_dir->path() + QStringLiteral("/remote.git"); }
    // A pending conflict on beta's notes.txt, with three hunks between its local and remote versions.
    void makeConflict(Replica& alpha, Replica& beta, int lines = 12);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestResolverWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    GitCli::ok(m_dir->path(),
               {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), remote()});
}

void TestResolverWindow::makeConflict(Replica& alpha, Replica& beta, int lines)
{
    QByteArray base;
    for (int i = 1; i <= lines; ++i)
        base += "line " + QByteArray::number(i) + "\n";
    alpha.write(QStringLiteral("notes.txt"), base);
    QVERIFY(alpha.sync().ok);
    QVERIFY(beta.sync().ok);
    QByteArray a = base, b = base;
    a.replace("line 2\n", "line 2 from alpha\n")
        .replace("line 6\n", "line 6 from alpha\n")
        .replace("line 10\n", "line 10 from alpha\n");
    b.replace("line 2\n", "line 2 from beta\n")
        .replace("line 6\n", "line 6 from beta\n")
        .replace("line 10\n", "line 10 from beta\n");
    alpha.write(QStringLiteral("notes.txt"), a);
    beta.write(QStringLiteral("notes.txt"), b);
    QVERIFY(alpha.sync().ok);
    beta.sync(); // leaves the conflict
    const auto pending = sync::ConflictResolver(beta.profile(), beta.dataDir()).pending();
    QVERIFY(pending);
    QCOMPARE(pending->size(), 1);
}

void TestResolverWindow::threeHunksTakenLocalRemoteBothGiveTheMergedTextAndResolve()
{
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    Replica beta(m_dir->path(), QStringLiteral("beta"), remote());
    makeConflict(alpha, beta);
    if (QTest::currentTestFailed())
        return;

    ui::ResolverWindow window({beta.profile()}, beta.dataDir());
    QSignalSpy shown(&window, &ui::ResolverWindow::conflictShown);
    QSignalSpy resolved(&window, &ui::ResolverWindow::resolved);
    QSignalSpy syncRequested(&window, &ui::ResolverWindow::syncRequested);
    window.show();
    QVERIFY2(shown.wait(10000), qPrintable(window.findChild<QLabel*>(QStringLiteral("status"))->text()));
    QCOMPARE(window.conflictCount(), 1);
    auto* local = window.findChild<ui::DiffPane*>(QStringLiteral("localPane"));
    QVERIFY(local->toPlainText().contains(QStringLiteral("line 6 from beta")));
    QVERIFY(local->extraSelections().size() >= 6); // 3 changed lines, each with its changed part

    auto* merged = window.findChild<QPlainTextEdit*>(QStringLiteral("merged"));
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    for (const char* name : {"hunk0Local", "hunk1Remote", "hunk2Both"}) {
        auto* choice = window.findChild<QRadioButton*>(QString::fromLatin1(name));
        QVERIFY2(choice, name);
        QTRY_VERIFY(choice->isVisible());
        QTest::mouseClick(choice, Qt::LeftButton);
        QVERIFY2(choice->isChecked(), name);
    }
    QByteArray expected;
    for (int i = 1; i <= 12; ++i) {
        if (i == 2)
            expected += "line 2 from beta\n";
        else if (i == 6)
            expected += "line 6 from alpha\n";
        else if (i == 10)
            expected += "line 10 from beta\nline 10 from alpha\n";
        else
            expected += "line " + QByteArray::number(i) + "\n";
    }
    QCOMPARE(merged->toPlainText().toUtf8(), expected);

    // The merged text can still be edited before saving; Save merged goes through the core resolve.
    merged->moveCursor(QTextCursor::End);
    QTest::keyClicks(merged, QStringLiteral("a note"));
    expected += "a note";
    QTest::mouseClick(window.findChild<QPushButton*>(QStringLiteral("saveMerged")), Qt::LeftButton);
    QVERIFY(resolved.wait(10000));
    QCOMPARE(syncRequested.first().first().toString(), beta.profile().name);
    QCOMPARE(beta.read(QStringLiteral("notes.txt")), expected);
    const auto pending = sync::ConflictResolver(beta.profile(), beta.dataDir()).pending();
    QVERIFY(pending && pending->isEmpty());
    QTRY_COMPARE(window.conflictCount(), 0);
}

void TestResolverWindow::keepRemoteResolvesWithoutAnEditor()
{
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    Replica beta(m_dir->path(), QStringLiteral("beta"), remote());
    makeConflict(alpha, beta);
    if (QTest::currentTestFailed())
        return;
    ui::ResolverWindow window({beta.profile()}, beta.dataDir());
    QSignalSpy shown(&window, &ui::ResolverWindow::conflictShown);
    QSignalSpy resolved(&window, &ui::ResolverWindow::resolved);
    QVERIFY(shown.wait(10000));
    QTest::mouseClick(window.findChild<QPushButton*>(QStringLiteral("keepRemote")), Qt::LeftButton);
    QVERIFY(resolved.wait(10000));
    QCOMPARE(beta.read(QStringLiteral("notes.txt")), alpha.read(QStringLiteral("notes.txt")));
}

void TestResolverWindow::scrollingOneSideScrollsTheOther()
{
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    Replica beta(m_dir->path(), QStringLiteral("beta"), remote());
    makeConflict(alpha, beta, 400);
    if (QTest::currentTestFailed())
        return;
    ui::ResolverWindow window({beta.profile()}, beta.dataDir());
    QSignalSpy shown(&window, &ui::ResolverWindow::conflictShown);
    window.show();
    QVERIFY(shown.wait(10000));
    auto* local = window.findChild<ui::DiffPane*>(QStringLiteral("localPane"));
    auto* remotePane = window.findChild<ui::DiffPane*>(QStringLiteral("remotePane"));
    QVERIFY(local->verticalScrollBar()->maximum() > 50);
    local->verticalScrollBar()->setValue(50);
    QCOMPARE(remotePane->verticalScrollBar()->value(), 50);
    remotePane->verticalScrollBar()->setValue(20);
    QCOMPARE(local->verticalScrollBar()->value(), 20);
}

void TestResolverWindow::aUnionConflictNamesTheRecordsInQuestion()
{
    // shared/memories/**/*.json merges by records (the default rules); one changed on both sides with
    // no updated_at to tell which is newer stays a pending conflict of kind "records".
    const QString repoPath = QStringLiteral("shared/memories");
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote(), repoPath);
    Replica beta(m_dir->path(), QStringLiteral("beta"), remote(), repoPath);
    alpha.write(QStringLiteral("m.json"),
                R"([{"id": "tea", "text": "green"}, {"id": "milk", "text": "oat"}])");
    QVERIFY(alpha.sync().ok);
    QVERIFY(beta.sync().ok);
    alpha.write(QStringLiteral("m.json"),
                R"([{"id": "tea", "text": "black"}, {"id": "milk", "text": "oat"}])");
    beta.write(QStringLiteral("m.json"),
               R"([{"id": "tea", "text": "white"}, {"id": "milk", "text": "oat"}])");
    QVERIFY(alpha.sync().ok);
    beta.sync();
    ui::ResolverWindow window({beta.profile()}, beta.dataDir());
    QSignalSpy shown(&window, &ui::ResolverWindow::conflictShown);
    QVERIFY(shown.wait(10000));
    const QString header = window.findChild<QLabel*>(QStringLiteral("header"))->text();
    QVERIFY2(header.contains(QStringLiteral("records")) &&
                 header.contains(QStringLiteral("Records changed on both sides: id:&quot;tea&quot;")),
             qPrintable(header));
}

QTEST_MAIN(TestResolverWindow)
#include "tst_resolverwindow.moc"
