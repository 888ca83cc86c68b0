// The Recent changes tab after real cycles between two replicas of a local bare repository: each
// cycle's sync_logs metadata keeps the files it moved; the tab lists them newest first, filters them by
// profile and opens the file on this machine.
#include "core/store/runlog.h"
#include "core/store/sqlitestore.h"
#include "core/store/storethread.h"
#include "tests/support/gitcli.h"
#include "tests/support/replica.h"
#include "ui/history/recentchangesmodel.h"
#include "ui/history/recentchangesview.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QJsonArray>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace ferry;
using ui::RecentChangesModel;

class TestRecentChanges : public QObject
{
    Q_OBJECT

private slots:
    void theFilesOfRealCyclesAreListedByProfile();
    void aCycleKeepsABoundedListOfItsFiles();
    void aVersionADownloadReplacedIsShownAndRestored();
};

void TestRecentChanges::theFilesOfRealCyclesAreListedByProfile()
{
    QTemporaryDir dir;
    const QString remote = dir.filePath(QStringLiteral("remote.git"));
    test::GitCli::ok(dir.path(),
                     {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), remote});
    test::Replica alpha(dir.path(), QStringLiteral("alpha"), remote);
    test::Replica beta(dir.path(), QStringLiteral("beta"), remote);
    const QString database = dir.filePath(QStringLiteral("ferry.sqlite"));
    {
        store::SqliteStore store(database);
        QVERIFY(store.open().ok());
        store::RunLog log(store, dir.filePath(QStringLiteral("queue")));
        const auto cycle = [&](test::Replica& replica) {
            store::RunRecord run = log.begin(sync::SyncResult::taskName(replica.profile().name));
            const sync::SyncResult r = replica.sync();
            QVERIFY2(r.ok, qPrintable(r.error));
            QVERIFY(log.finish(run, r.runStatus(), r.filesChanged(), r.error, r.toMetadata()).ok());
        };
        alpha.write(QStringLiteral("plan.md"), "plan\n");
        alpha.write(QStringLiteral("notes/todo.md"), "todo\n");
        cycle(alpha);     // uploads two files
        QTest::qWait(20); // distinct start times: newest first is a fact, not a tie
        cycle(beta);      // downloads them
        QTest::qWait(20);
        QVERIFY(beta.remove(QStringLiteral("plan.md")));
        cycle(beta); // deletes one on the remote
    }

    store::StoreThread thread([database] { return std::make_unique<store::SqliteStore>(database); });
    ui::RecentChangesView view(thread);
    RecentChangesModel* model = view.model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model->setProfiles({alpha.profile(), beta.profile()});
    view.setProfiles({QStringLiteral("alpha"), QStringLiteral("beta")});
    QSignalSpy loaded(model, &RecentChangesModel::loaded);
    view.show();
    view.refresh();
    QVERIFY(loaded.wait(10000));
    const auto row = [model](int r) {
        return QStringList{model->data(model->index(r, RecentChangesModel::Profile)).toString(),
                           model->data(model->index(r, RecentChangesModel::Action)).toString(),
                           model->data(model->index(r, RecentChangesModel::Path)).toString()};
    };
    QCOMPARE(model->rowCount(), 5);
    QCOMPARE(row(0), (QStringList{QStringLiteral("beta"), QStringLiteral("Deleted on the remote"),
                                  QStringLiteral("shared/docs/plan.md")}));
    QCOMPARE(row(1).mid(0, 2), (QStringList{QStringLiteral("beta"), QStringLiteral("Downloaded")}));
    QCOMPARE(row(3).mid(0, 2), (QStringList{QStringLiteral("alpha"), QStringLiteral("Uploaded")}));

    auto* profile = view.findChild<QComboBox*>(QStringLiteral("changesProfile"));
    profile->setCurrentIndex(profile->findData(QStringLiteral("alpha")));
    QCOMPARE(model->rowCount(), 2);
    QStringList uploaded{row(0).last(), row(1).last()};
    uploaded.sort();
    QCOMPARE(uploaded, (QStringList{QStringLiteral("shared/docs/notes/todo.md"),
                                    QStringLiteral("shared/docs/plan.md")}));

    // Open: the file on this machine, through its profile's folder mapping.
    auto* table = view.findChild<QTableView*>(QStringLiteral("changes"));
    const int todo = row(0).last().endsWith(u"todo.md") ? 0 : 1;
    table->selectRow(todo);
    QSignalSpy open(&view, &ui::RecentChangesView::openRequested);
    QTest::mouseClick(view.findChild<QPushButton*>(QStringLiteral("openChange")), Qt::LeftButton);
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.first().first().toUrl(),
             QUrl::fromLocalFile(alpha.folder() + QStringLiteral("/notes/todo.md")));

    profile->setCurrentIndex(0); // all profiles again
    QCOMPARE(model->rowCount(), 5);
}

void TestRecentChanges::aCycleKeepsABoundedListOfItsFiles()
{
    sync::SyncResult r;
    QStringList many;
    for (int i = 0; i < 250; ++i)
        many.append(QStringLiteral("shared/docs/f%1.md").arg(i));
    r.addChanges(QStringLiteral("uploaded"), many);
    r.addChanges(QStringLiteral("held"), {QStringLiteral("shared/docs/x.md")});
    const QJsonObject metadata = r.toMetadata();
    QCOMPARE(metadata.value(QStringLiteral("changes")).toArray().size(), sync::SyncResult::kChangesKept);
    QCOMPARE(metadata.value(QStringLiteral("changes_total")).toInt(), 251);
}

void TestRecentChanges::aVersionADownloadReplacedIsShownAndRestored()
{
    QTemporaryDir dir;
    const QString remote = dir.filePath(QStringLiteral("remote.git"));
    test::GitCli::ok(dir.path(),
                     {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), remote});
    test::Replica alpha(dir.path(), QStringLiteral("alpha"), remote);
    const QString database = dir.filePath(QStringLiteral("ferry.sqlite"));
    test::Replica beta(dir.path(), QStringLiteral("beta"), remote);
    {
        store::SqliteStore store(database);
        QVERIFY(store.open().ok());
        store::RunLog log(store, dir.filePath(QStringLiteral("queue")));
        const auto cycle = [&](test::Replica& replica) {
            store::RunRecord run = log.begin(sync::SyncResult::taskName(replica.profile().name));
            const sync::SyncResult r = replica.sync();
            QVERIFY2(r.ok, qPrintable(r.error));
            QVERIFY(log.finish(run, r.runStatus(), r.filesChanged(), r.error, r.toMetadata()).ok());
        };
        alpha.write(QStringLiteral("plan.md"), "first\n");
        cycle(alpha);
        cycle(beta);
        alpha.write(QStringLiteral("plan.md"), "second, longer\n");
        cycle(alpha);
        QTest::qWait(20);
        cycle(beta); // replaces beta's "first" (archived first)
    }
    QCOMPARE(beta.read(QStringLiteral("plan.md")), QByteArray("second, longer\n"));

    store::StoreThread thread([database] { return std::make_unique<store::SqliteStore>(database); });
    ui::RecentChangesView view(thread);
    view.model()->setProfiles({alpha.profile(), beta.profile()});
    view.setProfiles({QStringLiteral("alpha"), QStringLiteral("beta")});
    view.setDataDir(beta.dataDir());
    QSignalSpy loaded(view.model(), &RecentChangesModel::loaded);
    view.show();
    view.refresh();
    QVERIFY(loaded.wait(10000));
    auto* profile = view.findChild<QComboBox*>(QStringLiteral("changesProfile"));
    profile->setCurrentIndex(profile->findData(QStringLiteral("beta")));
    QCOMPARE(view.model()->data(view.model()->index(0, RecentChangesModel::Action)).toString(),
             QStringLiteral("Downloaded"));
    view.findChild<QTableView*>(QStringLiteral("changes"))->selectRow(0);

    QSignalSpy shown(&view, &ui::RecentChangesView::versionsShown);
    QTest::mouseClick(view.findChild<QPushButton*>(QStringLiteral("showVersions")), Qt::LeftButton);
    QVERIFY(shown.wait(10000));
    QCOMPARE(shown.first().first().toInt(), 1);
    QSignalSpy restored(&view, &ui::RecentChangesView::restored);
    QTest::mouseClick(view.findChild<QPushButton*>(QStringLiteral("restoreVersion")), Qt::LeftButton);
    QVERIFY(restored.wait(10000));
    QVERIFY2(restored.first().first().toBool(), qPrintable(restored.first().at(1).toString()));
    QCOMPARE(beta.read(QStringLiteral("plan.md")), QByteArray("first\n"));
}

QTEST_MAIN(TestRecentChanges)
#include "tst_recentchanges.moc"
