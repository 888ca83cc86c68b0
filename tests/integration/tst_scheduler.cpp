// The Scheduler on the test's store backend (SQLite, and PostgreSQL under pg_virtualenv) with a manual
// clock: catch-up after days closed, days of the week, and leases between schedulers sharing a database.
#include "core/schedule/scheduler.h"
#include "core/store/store.h"
#include "core/util/clock.h"
#include "tests/support/testdatabase.h"

#include <QSemaphore>
#include <QTest>
#include <QThread>
#include <QTimeZone>

using namespace ferry;
using schedule::Scheduler;

namespace {

QDateTime utc(const char* text)
{
    QDateTime t = QDateTime::fromString(QString::fromLatin1(text), Qt::ISODate);
    t.setTimeZone(QTimeZone::utc());
    return t;
}

// One Scheduler with its own connection, as one process would have. Its runner records each run and
// finishes it at once with `status`, or leaves it running when `status` is empty.
struct Process
{
    Process(const test::TestDatabase& db, const util::Clock& clock, const QString& holder,
            QList<schedule::ScheduledPipeline> pipelines, QString finishWith = store::RunStatus::Success,
            schedule::SchedulerOptions options = {})
        : store(db.newStore()), status(std::move(finishWith)),
          scheduler(
              std::move(pipelines), *store, clock, holder,
              [this](const QString& p, const QDateTime& due) {
                  runs.append({p, due});
                  if (!status.isEmpty())
                      scheduler.finishRun(p, status);
              },
              options)
    {
    }

    std::unique_ptr<store::Store> store;
    QString status;
    QList<QPair<QString, QDateTime>> runs;
    Scheduler scheduler;
};

QList<schedule::ScheduledPipeline> dailyAt(const QTime& time, QList<int> days = {1, 2, 3, 4, 5, 6, 7})
{
    config::Schedule s;
    s.time = time;
    s.days = std::move(days);
    return {{QStringLiteral("daily"), s}};
}

} // namespace

class TestScheduler : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void aRunMissedForDaysRunsOnceAtStartUp();
    void notBeforeItsTimeAndAFailedRunIsNotRepeated();
    void onlyOnItsDays();
    void twoSchedulersOnOneDatabaseRunADuePipelineOnce();
    void concurrentLeasesAreTakenOnce();
    void aDeadHoldersLeaseExpiresAndTheRunIsRetried();
    void aReleasedRunIsDueAgain();
    void aLiveHoldersRenewalsKeepItsLease();
    void aLateHolderNeitherMovesTheDueBackNorClearsAnotherLease();

private:
    // The job ran for `due` earlier (a previous day of Ferry's life).
    void recordRun(const QDateTime& due);
    store::JobState state();

    std::unique_ptr<test::TestDatabase> m_db;
};

void TestScheduler::init()
{
    m_db = std::make_unique<test::TestDatabase>();
    FERRY_REQUIRE_BACKEND(*m_db);
}

void TestScheduler::recordRun(const QDateTime& due)
{
    auto store = m_db->newStore();
    QVERIFY(*store->takeJobLease(QStringLiteral("daily"), due, QStringLiteral("old"), due, 600));
    QVERIFY(store
                ->finishJob(QStringLiteral("daily"), QStringLiteral("old"), due, store::RunStatus::Success,
                            due.addSecs(60))
                .ok());
}

store::JobState TestScheduler::state()
{
    const Result<QList<store::JobState>> states = m_db->newStore()->jobStates();
    return states && !states->isEmpty() ? states->first() : store::JobState{};
}

void TestScheduler::aRunMissedForDaysRunsOnceAtStartUp()
{
    recordRun(utc("2026-11-19T05:00:00")); // then Ferry was closed until Monday 09:00
    util::ManualClock clock(utc("2026-11-23T09:00:00"));
    Process a(*m_db, clock, QStringLiteral("a"), dailyAt(QTime(5, 0)));
    QCOMPARE(a.scheduler.checkNow(), 1);
    QCOMPARE(a.runs.size(), 1);
    QCOMPARE(a.runs[0].second, utc("2026-11-23T05:00:00")); // the most recent, not one per missed day
    QCOMPARE(a.scheduler.checkNow(), 0);
    clock.advanceMs(10 * 3600 * 1000);
    QCOMPARE(a.scheduler.checkNow(), 0);
    QCOMPARE(a.scheduler.nextRun(QStringLiteral("daily")), utc("2026-11-24T05:00:00"));

    // Started again the same day: nothing to catch up.
    Process restarted(*m_db, clock, QStringLiteral("a2"), dailyAt(QTime(5, 0)));
    QCOMPARE(restarted.scheduler.checkNow(), 0);
    const store::JobState s = state();
    QCOMPARE(s.lastDue, utc("2026-11-23T05:00:00"));
    QCOMPARE(s.lastStatus, store::RunStatus::Success);
    QVERIFY(s.leaseHolder.isEmpty());
}

void TestScheduler::notBeforeItsTimeAndAFailedRunIsNotRepeated()
{
    recordRun(utc("2026-11-22T05:00:00"));
    util::ManualClock clock(utc("2026-11-23T04:59:59"));
    Process a(*m_db, clock, QStringLiteral("a"), dailyAt(QTime(5, 0)), store::RunStatus::Failed);
    QCOMPARE(a.scheduler.checkNow(), 0);
    QCOMPARE(a.scheduler.nextRun(QStringLiteral("daily")), utc("2026-11-23T05:00:00"));
    clock.advanceMs(1000);
    QCOMPARE(a.scheduler.checkNow(), 1);
    // It failed: its failures are in sync_logs, and the next chance is tomorrow, not the next tick.
    clock.advanceMs(3600 * 1000);
    QCOMPARE(a.scheduler.checkNow(), 0);
    QCOMPARE(state().lastStatus, store::RunStatus::Failed);
}

void TestScheduler::onlyOnItsDays()
{
    recordRun(utc("2026-11-16T05:00:00")); // a Monday
    util::ManualClock clock(utc("2026-11-22T23:00:00"));
    Process a(*m_db, clock, QStringLiteral("a"), dailyAt(QTime(5, 0), {Qt::Monday}));
    QCOMPARE(a.scheduler.checkNow(), 0); // Sunday night
    QCOMPARE(a.scheduler.nextRun(QStringLiteral("daily")), utc("2026-11-23T05:00:00"));
    clock.set(utc("2026-11-23T05:00:00"));
    QCOMPARE(a.scheduler.checkNow(), 1);
}

void TestScheduler::twoSchedulersOnOneDatabaseRunADuePipelineOnce()
{
    util::ManualClock clock(utc("2026-11-23T06:00:00"));
    Process a(*m_db, clock, QStringLiteral("a"), dailyAt(QTime(5, 0)), QString()); // still running
    Process b(*m_db, clock, QStringLiteral("b"), dailyAt(QTime(5, 0)));
    QCOMPARE(a.scheduler.checkNow(), 1);
    QCOMPARE(b.scheduler.checkNow(), 0); // leased by a
    QCOMPARE(state().leaseHolder, QStringLiteral("a"));
    clock.advanceMs(60000);
    a.scheduler.finishRun(QStringLiteral("daily"), store::RunStatus::Success);
    QCOMPARE(b.scheduler.checkNow(), 0); // done by a
    QCOMPARE(a.runs.size() + b.runs.size(), 1);
    QCOMPARE(b.scheduler.nextRun(QStringLiteral("daily")), utc("2026-11-24T05:00:00"));
}

// Four connections ask for the same lease at the same moment, for several due instants: each time
// exactly one gets it (FOR UPDATE SKIP LOCKED on PostgreSQL, BEGIN IMMEDIATE on SQLite).
void TestScheduler::concurrentLeasesAreTakenOnce()
{
    constexpr int kHolders = 4;
    constexpr int kRounds = 5;
    const QDateTime now = utc("2026-11-23T06:00:00");
    QVERIFY(m_db->newStore()->open().ok()); // migrated once, before the race
    QAtomicInt taken[kRounds];
    QAtomicInt errors;
    QSemaphore ready;
    QSemaphore go[kRounds]; // one per round, so that a fast thread cannot take a slower one's start
    QList<QThread*> threads;
    for (int h = 0; h < kHolders; ++h) {
        threads.append(QThread::create([&, h] {
            auto store = m_db->newStore(); // a Store belongs to the thread that made it
            if (!store->open())
                errors.fetchAndAddOrdered(1);
            for (int round = 0; round < kRounds; ++round) {
                ready.release();
                go[round].acquire();
                const Result<bool> r =
                    store->takeJobLease(QStringLiteral("daily"), now.addDays(round),
                                        QStringLiteral("h%1").arg(h), now.addDays(round), 600);
                if (!r)
                    errors.fetchAndAddOrdered(1);
                else if (*r) {
                    taken[round].fetchAndAddOrdered(1);
                    (void)store->finishJob(QStringLiteral("daily"), QStringLiteral("h%1").arg(h),
                                           now.addDays(round), store::RunStatus::Success, now.addDays(round));
                }
            }
        }));
        threads.last()->start();
    }
    for (int round = 0; round < kRounds; ++round) {
        QVERIFY(ready.tryAcquire(kHolders, 30000));
        go[round].release(kHolders);
    }
    for (QThread* t : threads) {
        QVERIFY(t->wait(30000));
        delete t;
    }
    QCOMPARE(errors.loadRelaxed(), 0);
    for (int round = 0; round < kRounds; ++round)
        QCOMPARE(taken[round].loadRelaxed(), 1);
}

void TestScheduler::aDeadHoldersLeaseExpiresAndTheRunIsRetried()
{
    util::ManualClock clock(utc("2026-11-23T06:00:00"));
    {
        Process a(*m_db, clock, QStringLiteral("a"), dailyAt(QTime(5, 0)), QString());
        QCOMPARE(a.scheduler.checkNow(), 1);
    } // a "crashes": it never finishes nor releases
    Process b(*m_db, clock, QStringLiteral("b"), dailyAt(QTime(5, 0)));
    QCOMPARE(b.scheduler.checkNow(), 0);
    clock.advanceMs(599 * 1000);
    QCOMPARE(b.scheduler.checkNow(), 0); // the default lease is 10 minutes
    clock.advanceMs(2000);
    QCOMPARE(b.scheduler.checkNow(), 1);
    QCOMPARE(b.runs.first().second, utc("2026-11-23T05:00:00"));
    const store::JobState s = state();
    QCOMPARE(s.lastDue, utc("2026-11-23T05:00:00"));
    QVERIFY(s.leaseHolder.isEmpty());

    // A live holder renews: its lease outlasts the first expiry, and only it can renew.
    auto c = m_db->newStore();
    const QDateTime due = utc("2026-11-24T05:00:00");
    clock.set(due);
    QVERIFY(*c->takeJobLease(QStringLiteral("daily"), due, QStringLiteral("c"), clock.nowUtc(), 600));
    clock.advanceMs(500 * 1000);
    QVERIFY(*c->renewJobLease(QStringLiteral("daily"), QStringLiteral("c"), clock.nowUtc(), 600));
    QVERIFY(!*c->renewJobLease(QStringLiteral("daily"), QStringLiteral("d"), clock.nowUtc(), 600));
    clock.advanceMs(200 * 1000);
    QCOMPARE(b.scheduler.checkNow(), 0);
    clock.advanceMs(500 * 1000);
    QCOMPARE(b.scheduler.checkNow(), 1);
}

void TestScheduler::aReleasedRunIsDueAgain()
{
    util::ManualClock clock(utc("2026-11-23T06:00:00"));
    Process a(*m_db, clock, QStringLiteral("a"), dailyAt(QTime(5, 0)), QString());
    QCOMPARE(a.scheduler.checkNow(), 1);
    QVERIFY(a.scheduler.isRunning(QStringLiteral("daily")));
    a.scheduler.releaseRun(QStringLiteral("daily")); // stopped before the end
    QVERIFY(!a.scheduler.hasRunning());
    Process b(*m_db, clock, QStringLiteral("b"), dailyAt(QTime(5, 0)));
    QCOMPARE(b.scheduler.checkNow(), 1);
}

// A run longer than the lease: the scheduler renews it (every third of the lease) while the run goes
// on, so nobody else takes it; once the holder stops renewing, it expires.
void TestScheduler::aLiveHoldersRenewalsKeepItsLease()
{
    util::ManualClock clock(utc("2026-11-23T06:00:00"));
    schedule::SchedulerOptions shortLease;
    shortLease.leaseSeconds = 1;
    auto a = std::make_unique<Process>(*m_db, clock, QStringLiteral("a"), dailyAt(QTime(5, 0)), QString(),
                                       shortLease);
    Process b(*m_db, clock, QStringLiteral("b"), dailyAt(QTime(5, 0)));
    QCOMPARE(a->scheduler.checkNow(), 1);
    for (int i = 0; i < 4; ++i) { // 3.2 s of the manual clock, far past the first expiry
        clock.advanceMs(800);
        // A renewal (every ~0.33 s of real time) moves the expiry to the clock's now plus the lease.
        QTRY_COMPARE_WITH_TIMEOUT(state().leaseExpires, clock.nowUtc().addSecs(1), 5000);
        QCOMPARE(b.scheduler.checkNow(), 0);
    }
    a.reset(); // dies: no more renewals
    clock.advanceMs(1100);
    QCOMPARE(b.scheduler.checkNow(), 1);
}

// A holder whose lease expired finishes after someone else took over: its run is recorded (the due
// instant never goes back), but the new holder's lease stays.
void TestScheduler::aLateHolderNeitherMovesTheDueBackNorClearsAnotherLease()
{
    auto store = m_db->newStore();
    const QString job = QStringLiteral("daily");
    const QDateTime monday = utc("2026-11-23T05:00:00"), tuesday = utc("2026-11-24T05:00:00");
    QVERIFY(*store->takeJobLease(job, monday, QStringLiteral("slow"), monday, 60));
    QVERIFY(*store->takeJobLease(job, monday, QStringLiteral("fast"), monday.addSecs(61), 60));
    QVERIFY(!*store->takeJobLease(job, monday, QStringLiteral("third"), monday.addSecs(62), 60));
    QVERIFY(
        store->finishJob(job, QStringLiteral("fast"), monday, store::RunStatus::Success, monday.addSecs(90))
            .ok());
    QVERIFY(*store->takeJobLease(job, tuesday, QStringLiteral("fast"), tuesday, 60));
    QVERIFY(store->finishJob(job, QStringLiteral("fast"), tuesday, store::RunStatus::Success, tuesday).ok());
    QVERIFY(*store->takeJobLease(job, tuesday.addDays(1), QStringLiteral("next"), tuesday.addDays(1), 60));
    // The slow holder wakes up a day and a half late and finishes Monday's run.
    QVERIFY(
        store->finishJob(job, QStringLiteral("slow"), monday, store::RunStatus::Partial, tuesday.addDays(1))
            .ok());
    const store::JobState s = state();
    QCOMPARE(s.lastDue, tuesday);
    QCOMPARE(s.lastStatus, store::RunStatus::Success);
    QCOMPARE(s.leaseHolder, QStringLiteral("next"));
    QCOMPARE(s.leaseExpires, tuesday.addDays(1).addSecs(60));
    QVERIFY(!*store->renewJobLease(job, QStringLiteral("slow"), tuesday.addDays(1), 60));
}

QTEST_GUILESS_MAIN(TestScheduler)
#include "tst_scheduler.moc"
