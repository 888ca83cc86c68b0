// The History tab's model on the test's store backend (SQLite, and PostgreSQL under pg_virtualenv):
// filters go to the store in its worker thread, rows come back to the GUI thread.
#include "core/store/postgresstore.h"
#include "core/store/storethread.h"
#include "tests/support/testdatabase.h"
#include "ui/history/historymodel.h"
#include "ui/history/historyview.h"
#include "ui/history/runchart.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QComboBox>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QThread>
#include <QUuid>

using namespace ferry;
using ui::HistoryModel;

class TestHistoryModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void filtersByTaskStatusAndTimeOnTheStoresThread();
    void aNewerFilterWinsOverAnOlderAnswer();
    void anUnreachableDatabaseIsReportedNotThrown();
    void theHistoryTabFiltersThroughItsControlsAndChartsTheRuns();

private:
    void record(const QString& task, const QString& status, const QDateTime& started, int rows = 0);
    QStringList column(const HistoryModel& model, int column) const;

    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<store::Store> m_store;
    const QDateTime m_now = QDateTime::currentDateTimeUtc();
};

void TestHistoryModel::init()
{
    m_db = std::make_unique<test::TestDatabase>();
    FERRY_REQUIRE_BACKEND(*m_db);
    m_store = m_db->newStore();
    QVERIFY(m_store->open().ok());
    record(QStringLiteral("github"), store::RunStatus::Failed, m_now.addDays(-10));
    record(QStringLiteral("github"), store::RunStatus::Failed, m_now.addSecs(-3600));
    record(QStringLiteral("github"), store::RunStatus::Success, m_now.addSecs(-60), 42);
    record(QStringLiteral("market"), store::RunStatus::Partial, m_now.addSecs(-7200), 12995);
    record(QStringLiteral("sync:knowledge"), store::RunStatus::Success, m_now.addSecs(-30), 3);
    record(QStringLiteral("dcf"), store::RunStatus::Failed, m_now.addDays(-3));
}

void TestHistoryModel::record(const QString& task, const QString& status, const QDateTime& started, int rows)
{
    store::RunRecord r;
    r.runId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r.taskName = task;
    r.status = status;
    r.rowsUpdated = rows;
    r.startedAt = started;
    r.completedAt = started.addSecs(5);
    r.durationSeconds = 5.0;
    r.errorMessage = status == store::RunStatus::Failed ? QStringLiteral("HTTP 401") : QString();
    r.metadata.insert(QStringLiteral("run_id"), r.runId);
    QVERIFY(m_store->upsertRun(r).ok());
}

QStringList TestHistoryModel::column(const HistoryModel& model, int c) const
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.data(model.index(row, c)).toString());
    return out;
}

void TestHistoryModel::filtersByTaskStatusAndTimeOnTheStoresThread()
{
    QThread* storeThread = nullptr;
    store::StoreThread thread([&] {
        storeThread = QThread::currentThread();
        return m_db->newStore();
    });
    HistoryModel model(thread);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy loaded(&model, &HistoryModel::loaded);

    model.refresh();
    QVERIFY(loaded.wait(10000));
    QVERIFY(storeThread && storeThread != QThread::currentThread());
    QCOMPARE(
        column(model, HistoryModel::Task),
        (QStringList{QStringLiteral("sync:knowledge"), QStringLiteral("github"), QStringLiteral("github"),
                     QStringLiteral("market"), QStringLiteral("dcf"), QStringLiteral("github")}));

    store::RunFilter filter;
    filter.task = QStringLiteral("github");
    model.setFilter(filter);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.data(model.index(0, HistoryModel::Rows)).toInt(), 42);

    filter = {};
    filter.status = store::RunStatus::Failed;
    model.setFilter(filter);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(column(model, HistoryModel::Task),
             (QStringList{QStringLiteral("github"), QStringLiteral("dcf"), QStringLiteral("github")}));
    // Failed runs are highlighted and carry their error as a tooltip.
    QVERIFY(model.data(model.index(0, HistoryModel::Task), Qt::BackgroundRole).value<QBrush>().style() !=
            Qt::NoBrush);
    QCOMPARE(model.data(model.index(0, HistoryModel::Task), Qt::ToolTipRole).toString(),
             QStringLiteral("HTTP 401"));

    filter.task = QStringLiteral("github");
    filter.since = m_now.addDays(-7);
    model.setFilter(filter);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.data(model.index(0, HistoryModel::Status)).toString(), store::RunStatus::Failed);
    QVERIFY(model.data(model.index(0, 0), HistoryModel::MetadataRole)
                .toString()
                .contains(QStringLiteral("run_id")));

    filter = {};
    filter.status = store::RunStatus::Success;
    model.setFilter(filter);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(!model.data(model.index(0, 0), Qt::BackgroundRole).isValid()); // successes are not highlighted
}

void TestHistoryModel::aNewerFilterWinsOverAnOlderAnswer()
{
    store::StoreThread thread([&] { return m_db->newStore(); });
    HistoryModel model(thread);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy loaded(&model, &HistoryModel::loaded);
    store::RunFilter market;
    market.task = QStringLiteral("market");
    store::RunFilter dcf;
    dcf.task = QStringLiteral("dcf");
    model.setFilter(market);
    model.setFilter(dcf); // before the first answer arrives
    QVERIFY(loaded.wait(10000));
    QTest::qWait(200); // the answer to the older filter, if it were applied, would have come by now
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(column(model, HistoryModel::Task), QStringList{QStringLiteral("dcf")});
}

void TestHistoryModel::anUnreachableDatabaseIsReportedNotThrown()
{
    store::StoreThread thread([] {
        return std::make_unique<store::PostgresStore>(QStringLiteral("host=127.0.0.1 port=1 dbname=none"), 2);
    });
    HistoryModel model(thread);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy failed(&model, &HistoryModel::loadFailed);
    model.refresh();
    QVERIFY(failed.wait(10000));
    QVERIFY(!failed.first().first().toString().isEmpty());
    QCOMPARE(model.rowCount(), 0);
}

void TestHistoryModel::theHistoryTabFiltersThroughItsControlsAndChartsTheRuns()
{
    store::StoreThread thread([&] { return m_db->newStore(); });
    ui::HistoryView view(thread);
    QSignalSpy loaded(view.model(), &HistoryModel::loaded);
    view.show();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(view.model()->rowCount(), 6);
    // The chart shows one task at a time, the newest run's first; the others are a choice away.
    QCOMPARE(view.chart()->task(), QStringLiteral("sync:knowledge"));
    QCOMPARE(view.chart()->pointCount(), 1);
    QCOMPARE(view.chart()->tasks().size(), 4);
    view.chart()->setTask(QStringLiteral("github"));
    QCOMPARE(view.chart()->pointCount(), 3);
    QCOMPARE(view.chart()->pointCount(store::RunStatus::Failed), 2);
    // The tasks seen become choices of the task filter.
    auto* task = view.findChild<QComboBox*>(QStringLiteral("taskFilter"));
    QVERIFY(task->findData(QStringLiteral("sync:knowledge")) >= 0);

    auto* status = view.findChild<QComboBox*>(QStringLiteral("statusFilter"));
    status->setCurrentIndex(status->findData(store::RunStatus::Failed));
    QVERIFY(loaded.wait(10000));
    QCOMPARE(view.model()->rowCount(), 3);
    QCOMPARE(view.chart()->task(), QStringLiteral("github")); // the choice holds across reloads
    QCOMPARE(view.chart()->pointCount(), 2);

    auto* range = view.findChild<QComboBox*>(QStringLiteral("rangeFilter"));
    range->setCurrentIndex(range->findData(7));
    QVERIFY(loaded.wait(10000));
    QCOMPARE(view.model()->rowCount(), 2); // github an hour ago, dcf three days ago

    task->setCurrentIndex(task->findData(QStringLiteral("dcf")));
    QVERIFY(loaded.wait(10000));
    QCOMPARE(view.model()->rowCount(), 1);
    auto* table = view.findChild<QTableView*>(QStringLiteral("runs"));
    table->selectRow(0);
    const QString details = view.findChild<QPlainTextEdit*>(QStringLiteral("metadata"))->toPlainText();
    QVERIFY2(details.contains(QStringLiteral("HTTP 401")) && details.contains(QStringLiteral("run_id")),
             qPrintable(details));
}

QTEST_MAIN(TestHistoryModel)
#include "tst_historymodel.moc"
