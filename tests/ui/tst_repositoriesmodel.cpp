// The status window's tracked repositories on the test's store backend: badges, last error, inactive
// repositories left out, read in the store's worker thread.
#include "core/store/storethread.h"
#include "tests/support/testdatabase.h"
#include "ui/status/repositoriesmodel.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QSignalSpy>
#include <QTest>

using namespace ferry;
using ui::RepositoriesModel;

class TestRepositoriesModel : public QObject
{
    Q_OBJECT

private slots:
    void badgesFollowTheSyncStatus();
};

void TestRepositoriesModel::badgesFollowTheSyncStatus()
{
    test::TestDatabase db;
    FERRY_REQUIRE_BACKEND(db);
    auto store = db.newStore();
    QVERIFY(store->open().ok());
    QVERIFY(store->trackRepositories({QStringLiteral("acme/old")}).ok());
    auto tracked = store->trackRepositories({QStringLiteral("acme/a"), QStringLiteral("acme/b"),
                                             QStringLiteral("acme/c"), QStringLiteral("acme/d")});
    QVERIFY(tracked);
    const QStringList statuses{QStringLiteral("synced"), QStringLiteral("error"), QStringLiteral("syncing"),
                               QStringLiteral("pending")};
    for (int i = 0; i < 4; ++i) {
        store::TrackedRepository r = tracked->at(i);
        r.status = statuses[i];
        if (r.status == u"error")
            r.lastError = QStringLiteral("acme/b issues page 1: HTTP 401");
        if (r.status == u"synced")
            r.lastSyncAt = QDateTime::currentDateTimeUtc();
        QVERIFY(store->saveRepository(r).ok());
    }

    store::StoreThread thread([&] { return db.newStore(); });
    RepositoriesModel model(thread);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy loaded(&model, &RepositoriesModel::loaded);
    model.refresh();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(model.rowCount(), 4); // acme/old left the list
    const auto cell = [&](int row, int column) {
        return model.data(model.index(row, column)).toString();
    };
    QCOMPARE(cell(0, RepositoriesModel::Name), QStringLiteral("acme/a"));
    QCOMPARE(cell(0, RepositoriesModel::Badge), QStringLiteral("Synced"));
    QCOMPARE(cell(1, RepositoriesModel::Badge), QStringLiteral("Error"));
    QCOMPARE(cell(1, RepositoriesModel::LastError), QStringLiteral("acme/b issues page 1: HTTP 401"));
    QCOMPARE(cell(2, RepositoriesModel::Badge), QStringLiteral("Syncing…"));
    QCOMPARE(cell(3, RepositoriesModel::Badge), QStringLiteral("Pending"));
    QCOMPARE(cell(3, RepositoriesModel::LastSync), QStringLiteral("never"));
    QVERIFY(
        model.data(model.index(1, RepositoriesModel::Badge), Qt::BackgroundRole).value<QBrush>().style() !=
        Qt::NoBrush);
}

QTEST_MAIN(TestRepositoriesModel)
#include "tst_repositoriesmodel.moc"
