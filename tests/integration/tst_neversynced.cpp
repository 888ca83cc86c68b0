// Which GitHub repositories are synced at start-up (schedule::NeverSynced), on the test's store backend
// (SQLite, and PostgreSQL under pg_virtualenv): those never synced, whatever the schedule says.
#include "core/schedule/neversynced.h"
#include "tests/support/testdatabase.h"

#include <QTest>

using namespace ferry;

class TestNeverSynced : public QObject
{
    Q_OBJECT

private slots:
    void onlyRepositoriesNeverSyncedAreSyncedAtStartUp();
};

void TestNeverSynced::onlyRepositoriesNeverSyncedAreSyncedAtStartUp()
{
    test::TestDatabase db;
    FERRY_REQUIRE_BACKEND(db);
    auto store = db.newStore();
    QVERIFY(store->open().ok());
    // Tracked before: one synced, one whose sync failed, one whose sync never ended (the process died),
    // one removed from the config since (inactive).
    auto tracked = store->trackRepositories({QStringLiteral("acme/cut"), QStringLiteral("acme/failed"),
                                             QStringLiteral("acme/gone"), QStringLiteral("acme/synced")});
    QVERIFY(tracked);
    QCOMPARE(tracked->size(), 4);
    const QStringList statuses{QStringLiteral("syncing"), QStringLiteral("error"), QStringLiteral("synced"),
                               QStringLiteral("synced")};
    for (int i = 0; i < 4; ++i) {
        store::TrackedRepository r = tracked->at(i);
        r.status = statuses[i];
        if (r.status == u"synced")
            r.lastSyncAt = QDateTime::currentDateTimeUtc().addDays(-1);
        QVERIFY(store->saveRepository(r).ok());
    }
    QVERIFY(store->trackRepositories(
        {QStringLiteral("acme/cut"), QStringLiteral("acme/failed"), QStringLiteral("acme/synced")}));

    // The config now: one new, and the removed one back.
    config::GithubSource github;
    github.repositories = {QStringLiteral("acme/synced"), QStringLiteral("acme/new"),
                           QStringLiteral("acme/failed"), QStringLiteral("acme/gone"),
                           QStringLiteral("acme/cut")};
    const Result<QStringList> never = schedule::NeverSynced::repositories(github, *store);
    QVERIFY2(never, qPrintable(never.message()));
    QCOMPARE(*never, (QStringList{QStringLiteral("acme/new"), QStringLiteral("acme/gone"),
                                  QStringLiteral("acme/cut")}));

    // Nothing new: nothing to sync at start-up.
    github.repositories = {QStringLiteral("acme/synced"), QStringLiteral("acme/failed")};
    QCOMPARE(*schedule::NeverSynced::repositories(github, *store), QStringList());
}

QTEST_MAIN(TestNeverSynced)
#include "tst_neversynced.moc"
