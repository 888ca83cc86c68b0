// The Repositories tab against a local GitHub stand-in, through the controller's ingestion thread: a
// repository added to the config is synced at once (and only it), Sync now syncs the selected one, and
// the badge moves Syncing… → Synced (or Error) live.
#include "tests/support/fakegithub.h"
#include "ui/controller/desktopcontroller.h"
#include "ui/status/repositoriesmodel.h"
#include "ui/status/statuswindow.h"

#include <QAbstractItemModelTester>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace ferry;
using test::FakeGithub;
using ui::RepositoriesModel;

class TestRepositorySync : public QObject
{
    Q_OBJECT

private slots:
    void anAddedRepositorySyncsAtOnceAndSyncNowSyncsOne();
    void aRepositoryAddedWhileClosedSyncsAtStartUp();

private:
    // The repositories whose pulls were asked for since the log was cleared.
    static QStringList served(const FakeGithub& github);
};

QStringList TestRepositorySync::served(const FakeGithub& github)
{
    QStringList out;
    for (const FakeGithub::Served& s : github.served()) {
        const QList<QByteArray> parts = s.path.split('/'); // /repos/OWNER/NAME/...
        if (parts.size() > 3 && parts[1] == "repos") {
            const QString name = QString::fromUtf8(parts[2] + '/' + parts[3]);
            if (!out.contains(name))
                out.append(name);
        }
    }
    return out;
}

void TestRepositorySync::anAddedRepositorySyncsAtOnceAndSyncNowSyncsOne()
{
    QTemporaryDir dir;
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-10);
    FakeGithub github;
    github.addRepository(QStringLiteral("acme/a"), 5, 1, start);
    github.addRepository(QStringLiteral("acme/new"), 7, 1, start);
    github.addRepository(QStringLiteral("acme/locked"), 3, 0, start);
    github.repositories()[QStringLiteral("acme/locked")].unauthorized = true;
    github.setLatencyMs(50); // long enough for the Syncing… badge to be seen
    qputenv("FERRY_TEST_GITHUB_TOKEN", "test-token");
    config::Config config;
    config::GithubSource source;
    source.apiUrl = github.apiUrl();
    source.tokenEnv = QStringLiteral("FERRY_TEST_GITHUB_TOKEN");
    source.repositories = {QStringLiteral("acme/a")};
    config.github = source;

    ui::DesktopController controller(dir.filePath(QStringLiteral("ferry.toml")), dir.path());
    QSignalSpy pipelines(&controller, &ui::DesktopController::pipelineFinished);
    QSignalSpy synced(&controller, &ui::DesktopController::repositoriesSynced);
    controller.start(config);
    RepositoriesModel* model = controller.statusWindow().repositories();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    // The github pipeline never ran: the scheduler catches up at once, over acme/a.
    QTRY_VERIFY_WITH_TIMEOUT(pipelines.count() >= 1, 20000);
    QCOMPARE(served(github), QStringList{QStringLiteral("acme/a")});

    // The badges as a person sees them: every state each repository's row went through.
    QHash<QString, QStringList> seen;
    const auto look = [&] {
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString name = model->nameAt(row);
            const QString badge = model->data(model->index(row, RepositoriesModel::Badge)).toString();
            if (seen[name].isEmpty() || seen[name].last() != badge)
                seen[name].append(badge);
        }
    };
    connect(model, &QAbstractItemModel::dataChanged, this, look);
    connect(model, &QAbstractItemModel::modelReset, this, look);

    github.clearLog();
    config.github->repositories.append(QStringLiteral("acme/new"));
    controller.start(config); // as after the settings were applied
    QVERIFY(synced.wait(20000));
    QCOMPARE(synced.first().first().toStringList(), QStringList{QStringLiteral("acme/new")});
    QCOMPARE(served(github), QStringList{QStringLiteral("acme/new")}); // only the new one
    QTRY_COMPARE(seen.value(QStringLiteral("acme/new")).value(0), QStringLiteral("Syncing…"));
    QTRY_COMPARE(seen.value(QStringLiteral("acme/new")).last(), QStringLiteral("Synced"));
    QCOMPARE(pipelines.count(), 1); // the scheduled pipeline is not counted as run by it

    // Sync now of the selected repository.
    controller.statusWindow().show();
    QTRY_COMPARE(model->rowCount(), 2);
    github.clearLog();
    seen.clear();
    auto* table = controller.statusWindow().findChild<QTableView*>(QStringLiteral("repositories"));
    table->selectRow(0);
    QCOMPARE(model->nameAt(table->currentIndex().row()), QStringLiteral("acme/a"));
    QTest::mouseClick(controller.statusWindow().findChild<QPushButton*>(QStringLiteral("syncRepository")),
                      Qt::LeftButton);
    QVERIFY(synced.wait(20000));
    QCOMPARE(served(github), QStringList{QStringLiteral("acme/a")});
    // Synced before: Synced, Syncing…, Synced.
    QTRY_COMPARE(seen.value(QStringLiteral("acme/a"))
                     .mid(seen.value(QStringLiteral("acme/a")).indexOf(QStringLiteral("Syncing…"))),
                 (QStringList{QStringLiteral("Syncing…"), QStringLiteral("Synced")}));

    // A repository the token cannot read ends as Error, with why.
    config.github->repositories.append(QStringLiteral("acme/locked"));
    controller.start(config);
    QVERIFY(synced.wait(20000));
    QCOMPARE(synced.last().at(1).toString(), QStringLiteral("failed"));
    QTRY_COMPARE(seen.value(QStringLiteral("acme/locked")).last(), QStringLiteral("Error"));
    int locked = 0;
    while (model->nameAt(locked) != u"acme/locked")
        ++locked;
    QVERIFY(model->data(model->index(locked, RepositoriesModel::LastError)).toString().contains(u"401"));
    controller.shutdown();
}

// Ferry is closed, a repository is added to the config, Ferry starts again (a new controller, as a new
// process): the github pipeline is not due (it ran for its last due instant), yet the new repository is
// synced at start-up, and only it — as anacron runs a job that never ran.
void TestRepositorySync::aRepositoryAddedWhileClosedSyncsAtStartUp()
{
    QTemporaryDir dir;
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-10);
    FakeGithub github;
    github.addRepository(QStringLiteral("acme/a"), 5, 1, start);
    github.addRepository(QStringLiteral("acme/later"), 4, 1, start);
    qputenv("FERRY_TEST_GITHUB_TOKEN", "test-token");
    config::Config config;
    config::GithubSource source;
    source.apiUrl = github.apiUrl();
    source.tokenEnv = QStringLiteral("FERRY_TEST_GITHUB_TOKEN");
    source.repositories = {QStringLiteral("acme/a")};
    config.github = source;
    {
        ui::DesktopController before(dir.filePath(QStringLiteral("ferry.toml")), dir.path());
        QSignalSpy pipelines(&before, &ui::DesktopController::pipelineFinished);
        before.start(config);
        QTRY_VERIFY_WITH_TIMEOUT(pipelines.count() >= 1, 20000); // never ran: caught up at once
        before.shutdown();
    }

    github.clearLog();
    config.github->repositories.append(QStringLiteral("acme/later"));
    ui::DesktopController controller(dir.filePath(QStringLiteral("ferry.toml")), dir.path());
    QSignalSpy pipelines(&controller, &ui::DesktopController::pipelineFinished);
    QSignalSpy synced(&controller, &ui::DesktopController::repositoriesSynced);
    controller.start(config);
    QVERIFY(synced.wait(20000));
    QCOMPARE(synced.first().first().toStringList(), QStringList{QStringLiteral("acme/later")});
    QCOMPARE(synced.first().at(1).toString(), QStringLiteral("success"));
    QCOMPARE(served(github), QStringList{QStringLiteral("acme/later")});
    QCOMPARE(pipelines.count(), 0); // the schedule's next due instant is still ahead

    // Started once more: nothing is new, nothing runs.
    controller.shutdown();
    github.clearLog();
    ui::DesktopController again(dir.filePath(QStringLiteral("ferry.toml")), dir.path());
    QSignalSpy syncedAgain(&again, &ui::DesktopController::repositoriesSynced);
    again.start(config);
    QVERIFY(!syncedAgain.wait(1000));
    QVERIFY(served(github).isEmpty());
    again.shutdown();
}

QTEST_MAIN(TestRepositorySync)
#include "tst_repositorysync.moc"
