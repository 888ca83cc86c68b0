// The Profiles tab's cards: their figures against a state with known values (written and read back as
// state.json), their actions, and a card following a real profile through the controller's workers.
#include "core/config/paths.h"
#include "core/sync/profilesnapshot.h"
#include "tests/support/gitcli.h"
#include "tests/support/replica.h"
#include "ui/controller/desktopcontroller.h"
#include "ui/status/profilecard.h"
#include "ui/status/profilecardsview.h"
#include "ui/status/profilesmodel.h"
#include "ui/status/statuswindow.h"

#include <QAbstractItemModelTester>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace ferry;
using ui::ProfileCard;
using ui::ProfilesModel;

class TestProfileCards : public QObject
{
    Q_OBJECT

private slots:
    void theCardShowsTheFiguresOfAKnownState();
    void theCardsActionsNameTheirProfile();
    void githubRemotesOpenOnTheWeb_data();
    void githubRemotesOpenOnTheWeb();
    void aCardFollowsARealProfileThroughTheWorkers();

private:
    static sync::SyncState knownState();
};

// 3 files of 1 MiB each, 40 cycles (38 ok) taking 20 s in all, 7 conflicts settled by policy and 3 by
// hand, 2 conflicts pending, 2 deletions held, one file too large and one path unreadable.
sync::SyncState TestProfileCards::knownState()
{
    sync::SyncState s;
    for (const char* path : {"a.md", "b.md", "c.bin"}) {
        sync::FileRecord f;
        f.size = 1 << 20;
        f.hash = QStringLiteral("sha256:00");
        s.files.insert(QString::fromLatin1(path), f);
    }
    s.metrics.totalSyncs = 40;
    s.metrics.successfulSyncs = 38;
    s.metrics.failedSyncs = 2;
    s.metrics.totalDurationSeconds = 20;
    s.metrics.conflictsAutoResolved = 7;
    s.metrics.conflictsResolved = 3;
    for (const char* id : {"c1", "c2"}) {
        sync::PendingConflict c;
        c.id = QString::fromLatin1(id);
        c.path = QStringLiteral("shared/docs/") + c.id + QStringLiteral(".md");
        c.kind = QStringLiteral("modify/modify");
        c.detected = QDateTime::currentDateTimeUtc();
        s.pendingConflicts.append(c);
    }
    s.heldDeletions = {QStringLiteral("shared/docs/old1.md"), QStringLiteral("shared/docs/old2.md")};
    s.heldFiles = {QStringLiteral("private: permission denied"),
                   QStringLiteral("video.mp4: 150.0 MB, over max_file_mb (100 MB): not uploaded (shrink it, "
                                  "move it out, or add it to ignore)")};
    s.lastSync = QDateTime::currentDateTimeUtc();
    return s;
}

void TestProfileCards::theCardShowsTheFiguresOfAKnownState()
{
    // As the app does: English plural forms ("1 file too large", not "1 files too large").
    QTranslator englishPlurals;
    QVERIFY(englishPlurals.load(QStringLiteral(":/translations/ferry_en.qm")));
    QApplication::installTranslator(&englishPlurals);
    const auto removeTranslator = qScopeGuard([&] { QApplication::removeTranslator(&englishPlurals); });
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("state.json"));
    QVERIFY(knownState().save(path).ok());
    const Result<sync::SyncState> loaded = sync::SyncState::load(path);
    QVERIFY(loaded.ok());

    ProfilesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setProfiles({QStringLiteral("notes")});
    ui::ProfileCardsView view(model);
    view.show();
    QCOMPARE(view.cardCount(), 1);
    ProfilesModel::Row row = *model.row(QStringLiteral("notes"));
    row.snapshot = sync::ProfileSnapshot::of(*loaded);
    row.pending = 4;
    row.lastSync = loaded->lastSync;
    row.summary = QStringLiteral("notes: ok, 3 up, 0 down (0.50 s)");
    row.health = sync::Health::Degraded;
    row.nextFullScan = QDateTime::currentDateTimeUtc().addSecs(600);
    model.update(row);

    const ProfileCard* card = view.card(QStringLiteral("notes"));
    QVERIFY(card);
    QCOMPARE(card->figure(QStringLiteral("state")), QStringLiteral("Retrying"));
    QCOMPARE(card->figure(QStringLiteral("files")), QStringLiteral("3 files, 3.0 MB"));
    QCOMPARE(card->figure(QStringLiteral("pending")), QStringLiteral("4"));
    QCOMPARE(card->figure(QStringLiteral("cycles")), QStringLiteral("40"));
    QCOMPARE(card->figure(QStringLiteral("successRate")), QStringLiteral("95.0 % (2 failed)"));
    QCOMPARE(card->figure(QStringLiteral("averageDuration")), QStringLiteral("500 ms"));
    QCOMPARE(card->figure(QStringLiteral("resolved")), QStringLiteral("7 automatically, 3 by hand"));
    QCOMPARE(card->figure(QStringLiteral("conflicts")), QStringLiteral("2 pending conflicts"));
    QCOMPARE(card->figure(QStringLiteral("held")),
             QStringLiteral("2 held deletions, 1 file too large, 1 unreadable path"));
    QVERIFY(card->figure(QStringLiteral("lastSync")).contains(QStringLiteral("3 up, 0 down")));
    QVERIFY(card->figure(QStringLiteral("nextScan")) != QStringLiteral("—"));
    QVERIFY(card->heldDetails().contains(QStringLiteral("shared/docs/old2.md")));
    QVERIFY(card->heldDetails().contains(QStringLiteral("private: permission denied")));
    QVERIFY(card->heldDetails().contains(QStringLiteral("video.mp4: 150.0 MB")));

    // Nothing waits: the links to the resolver and the details are off.
    row.snapshot = {};
    row.snapshot.valid = true;
    model.update(row);
    QVERIFY(!card->findChild<QPushButton*>(QStringLiteral("conflicts"))->isEnabled());
    QVERIFY(!card->findChild<QPushButton*>(QStringLiteral("held"))->isEnabled());
    QCOMPARE(card->figure(QStringLiteral("successRate")), QStringLiteral("—"));
}

void TestProfileCards::theCardsActionsNameTheirProfile()
{
    ProfilesModel model;
    model.setProfiles({QStringLiteral("notes"), QStringLiteral("mem")});
    ui::ProfileCardsView view(model);
    view.show();
    ProfilesModel::Row row = *model.row(QStringLiteral("mem"));
    row.remote = QStringLiteral("git@github.com:me/stack.git");
    row.branch = QStringLiteral("sync");
    row.folders = {QStringLiteral("/home/me/mem0")};
    row.snapshot = sync::ProfileSnapshot::of(knownState());
    model.update(row);
    ProfileCard* card = view.card(QStringLiteral("mem"));
    const auto click = [card](const char* name) {
        QTest::mouseClick(card->findChild<QPushButton*>(QString::fromLatin1(name)), Qt::LeftButton);
    };
    QSignalSpy sync(&view, &ui::ProfileCardsView::syncRequested);
    QSignalSpy pause(&view, &ui::ProfileCardsView::pauseRequested);
    QSignalSpy open(&view, &ui::ProfileCardsView::openRequested);
    QSignalSpy conflicts(&view, &ui::ProfileCardsView::conflictsRequested);
    QSignalSpy held(&view, &ui::ProfileCardsView::heldDetailsRequested);
    QSignalSpy check(&view, &ui::ProfileCardsView::checkRequested);
    click("syncNow");
    QCOMPARE(sync.takeFirst().first().toString(), QStringLiteral("mem"));
    click("pause");
    QCOMPARE(pause.first(), (QVariantList{QStringLiteral("mem"), true}));
    row.paused = true;
    model.update(row);
    QCOMPARE(card->figure(QStringLiteral("pause")), QStringLiteral("Resume"));
    QCOMPARE(card->figure(QStringLiteral("state")), QStringLiteral("Paused"));
    click("pause");
    QCOMPARE(pause.last(), (QVariantList{QStringLiteral("mem"), false}));
    click("openFolder");
    click("openWeb");
    QCOMPARE(open.count(), 2);
    QCOMPARE(open.at(0).first().toUrl(), QUrl::fromLocalFile(QStringLiteral("/home/me/mem0")));
    QCOMPARE(open.at(1).first().toUrl(), QUrl(QStringLiteral("https://github.com/me/stack/tree/sync")));
    click("conflicts");
    QCOMPARE(conflicts.count(), 1);
    click("held");
    QVERIFY(held.first().at(1).toString().contains(QStringLiteral("old1.md")));
    click("check");
    QCOMPARE(check.first().first().toString(), QStringLiteral("mem"));
    // A remote elsewhere has no web page to open.
    QVERIFY(
        view.card(QStringLiteral("notes"))->findChild<QPushButton*>(QStringLiteral("openWeb"))->isHidden());
}

void TestProfileCards::githubRemotesOpenOnTheWeb_data()
{
    QTest::addColumn<QString>("remote");
    QTest::addColumn<QString>("url");
    const QString page = QStringLiteral("https://github.com/me/stack/tree/sync");
    QTest::newRow("scp-like ssh") << QStringLiteral("git@github.com:me/stack.git") << page;
    QTest::newRow("ssh url") << QStringLiteral("ssh://git@github.com/me/stack.git") << page;
    QTest::newRow("https") << QStringLiteral("https://github.com/me/stack.git") << page;
    QTest::newRow("https, no .git") << QStringLiteral("https://github.com/me/stack") << page;
    QTest::newRow("a dotted name") << QStringLiteral("https://github.com/me/my.notes.git")
                                   << QStringLiteral("https://github.com/me/my.notes/tree/sync");
    QTest::newRow("another host") << QStringLiteral("https://gitlab.com/me/stack.git") << QString();
    QTest::newRow("a local path") << QStringLiteral("/srv/git/stack.git") << QString();
    QTest::newRow("a look-alike") << QStringLiteral("https://github.com.evil.example/me/stack") << QString();
}

void TestProfileCards::githubRemotesOpenOnTheWeb()
{
    QFETCH(QString, remote);
    QFETCH(QString, url);
    QCOMPARE(ProfileCard::webUrl(remote, QStringLiteral("sync")).toString(), url);
}

// The card's figures come from the watcher's thread with the cycle's result: no state file is read
// on the GUI thread.
void TestProfileCards::aCardFollowsARealProfileThroughTheWorkers()
{
    QTemporaryDir dir;
    const QString remote = dir.filePath(QStringLiteral("remote.git"));
    test::GitCli::ok(dir.path(),
                     {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), remote});
    test::Replica alpha(dir.path(), QStringLiteral("alpha"), remote);
    alpha.profile().pollSeconds = 1;
    alpha.write(QStringLiteral("one.md"), "one\n");
    alpha.write(QStringLiteral("two.md"), "two\n");
    config::Config config;
    config.profiles = {alpha.profile()};
    ui::DesktopController controller(dir.filePath(QStringLiteral("ferry.toml")), alpha.dataDir());
    QSignalSpy cycles(&controller, &ui::DesktopController::cycleFinished);
    controller.start(config);
    ui::ProfileCardsView* cards = controller.statusWindow().profileCards();
    QCOMPARE(cards->cardCount(), 1);
    QVERIFY(cycles.wait(20000));
    const ProfileCard* card = cards->card(QStringLiteral("alpha"));
    QCOMPARE(card->figure(QStringLiteral("files")), QStringLiteral("2 files, 8 bytes"));
    QCOMPARE(card->figure(QStringLiteral("cycles")), QStringLiteral("1"));
    QCOMPARE(card->figure(QStringLiteral("successRate")), QStringLiteral("100 % (0 failed)"));
    QCOMPARE(card->figure(QStringLiteral("state")), QStringLiteral("Healthy"));
    QTRY_VERIFY(card->figure(QStringLiteral("nextScan")) != QStringLiteral("—"));
    QVERIFY(card->figure(QStringLiteral("lastSync")).contains(QStringLiteral("2 up")));
    // Its Pause reaches the watcher: a change made meanwhile waits, and goes up on Resume.
    QTest::mouseClick(card->findChild<QPushButton*>(QStringLiteral("pause")), Qt::LeftButton);
    QCOMPARE(card->figure(QStringLiteral("state")), QStringLiteral("Paused"));
    QTest::mouseClick(card->findChild<QPushButton*>(QStringLiteral("syncNow")), Qt::LeftButton);
    QVERIFY(!cycles.wait(1500));
    QTest::mouseClick(card->findChild<QPushButton*>(QStringLiteral("pause")), Qt::LeftButton);
    alpha.write(QStringLiteral("three.md"), "three\n");
    QTest::mouseClick(card->findChild<QPushButton*>(QStringLiteral("syncNow")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(card->figure(QStringLiteral("files")), QStringLiteral("3 files, 14 bytes"),
                              20000);
    QVERIFY(card->figure(QStringLiteral("cycles")).toInt() >= 2);
    controller.shutdown();
}

QTEST_MAIN(TestProfileCards)
#include "tst_profilecards.moc"
