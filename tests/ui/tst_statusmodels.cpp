// The status window's profile and schedule models under QAbstractItemModelTester (fatal mode: any
// broken contract — a row count that disagrees with the signals, an index out of range, data of the
// wrong type — aborts the test), through every change the controller makes to them.
#include "core/schedule/scheduler.h"
#include "core/store/storethread.h"
#include "tests/support/testdatabase.h"
#include "ui/status/profilesmodel.h"
#include "ui/status/schedulesmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace ferry;
using ui::ProfilesModel;
using ui::SchedulesModel;

class TestStatusModels : public QObject
{
    Q_OBJECT

private slots:
    void profilesKeepTheirRowsThroughResetsUpdatesAndProgress();
    void schedulesShowWhenEachPipelineRunsAndItsLastRun();
};

void TestStatusModels::profilesKeepTheirRowsThroughResetsUpdatesAndProgress()
{
    ProfilesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);

    model.setProfiles({QStringLiteral("alpha"), QStringLiteral("beta")});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.data(model.index(1, ProfilesModel::Name)).toString(), QStringLiteral("beta"));
    QCOMPARE(model.data(model.index(0, ProfilesModel::LastSync)).toString(), QStringLiteral("never"));

    ProfilesModel::Row alpha;
    alpha.name = QStringLiteral("alpha");
    alpha.health = sync::Health::Failing;
    alpha.summary = QStringLiteral("push refused");
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.update(alpha);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.data(model.index(0, ProfilesModel::Health)).toString(), QStringLiteral("Failing"));
    QCOMPARE(model.data(model.index(0, 0), ProfilesModel::HealthRole).toString(), QStringLiteral("failing"));

    ProfilesModel::Row gamma; // a profile the config gained: appended as a new row
    gamma.name = QStringLiteral("gamma");
    model.update(gamma);
    QCOMPARE(model.rowCount(), 3);

    model.setProgress(QStringLiteral("beta"), 3, 10);
    QCOMPARE(model.data(model.index(1, ProfilesModel::Progress)).toString(), QStringLiteral("3 of 10 files"));
    model.setProgress(QStringLiteral("nobody"), 1, 2); // an unknown name changes nothing
    QCOMPARE(model.rowCount(), 3);

    // A reload keeps what is known of the profiles that stay, and drops the others.
    model.setProfiles({QStringLiteral("gamma"), QStringLiteral("alpha")});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.data(model.index(1, ProfilesModel::Summary)).toString(), QStringLiteral("push refused"));
    QVERIFY(!model.row(QStringLiteral("beta")));
    model.setProfiles({});
    QCOMPARE(model.rowCount(), 0);
}

void TestStatusModels::schedulesShowWhenEachPipelineRunsAndItsLastRun()
{
    test::TestDatabase db;
    FERRY_REQUIRE_BACKEND(db);
    {
        auto store = db.newStore();
        QVERIFY(store->open().ok());
    }
    store::StoreThread thread([&] { return db.newStore(); });
    SchedulesModel model(thread);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);

    const schedule::ScheduledPipeline github{QStringLiteral("github"),
                                             {QTime(2, 30), QStringLiteral("UTC"), {1, 2, 3, 4, 5, 6, 7}}};
    const schedule::ScheduledPipeline daily{QStringLiteral("daily"),
                                            {QTime(6, 0), QStringLiteral("UTC"), {1, 2, 3, 4, 5}}};
    model.setPipelines({github, daily});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.pipelineAt(1), QStringLiteral("daily"));
    QVERIFY2(
        model.data(model.index(1, SchedulesModel::Schedule)).toString().contains(QStringLiteral("06:00")),
        qPrintable(model.data(model.index(1, SchedulesModel::Schedule)).toString()));

    QSignalSpy loaded(&model, &SchedulesModel::loaded);
    model.refresh(); // read in the store's worker; the model resets when the answer comes back
    QVERIFY(loaded.wait(10000));
    QCOMPARE(model.rowCount(), 2);
    for (int c = 0; c < SchedulesModel::ColumnCount; ++c)
        QVERIFY(model.data(model.index(0, c)).isValid() || c == SchedulesModel::LastRun);

    model.setPipelines({daily});
    QCOMPARE(model.rowCount(), 1);
}

QTEST_MAIN(TestStatusModels)
#include "tst_statusmodels.moc"
