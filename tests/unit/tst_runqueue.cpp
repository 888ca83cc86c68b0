#include "core/store/runqueue.h"
#include "core/util/atomicfile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace ferry;
using store::RunQueue;
using store::RunRecord;

class TestRunQueue : public QObject
{
    Q_OBJECT

private slots:
    void appendedRunsComeBackInOrderWithEveryField();
    void rewriteKeepsOnlyTheRemainingRunsAndEmptyRemovesTheFile();
    void aLineTornByACrashIsSkippedAndDoesNotSpoilTheNextAppend();
    void unwritableQueueIsAnIoError();
};

static RunRecord run(int n)
{
    RunRecord r;
    r.runId = QStringLiteral("00000000-0000-0000-0000-%1").arg(n, 12, 10, QLatin1Char('0'));
    r.taskName = QStringLiteral("task-%1").arg(n % 3);
    r.status = n % 2 ? store::RunStatus::Failed : store::RunStatus::Success;
    r.rowsUpdated = n;
    r.errorMessage = n % 2 ? QStringLiteral("boom %1").arg(n) : QString();
    r.startedAt = QDateTime(QDate(2026, 11, 23), QTime(9, 0, n % 60, 123), QTimeZone::utc());
    r.completedAt = r.startedAt.addMSecs(1500);
    r.durationSeconds = 1.5;
    r.metadata = QJsonObject{{QStringLiteral("n"), n}};
    return r;
}

void TestRunQueue::appendedRunsComeBackInOrderWithEveryField()
{
    QTemporaryDir dir;
    RunQueue queue(dir.filePath(QStringLiteral("q/pending.jsonl")));
    for (int i = 1; i <= 3; ++i)
        QVERIFY(queue.append(run(i)).ok());
    const auto loaded = queue.load();
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->size(), 3);
    for (int i = 1; i <= 3; ++i) {
        const RunRecord& r = loaded->at(i - 1);
        const RunRecord want = run(i);
        QCOMPARE(r.runId, want.runId);
        QCOMPARE(r.taskName, want.taskName);
        QCOMPARE(r.status, want.status);
        QCOMPARE(r.rowsUpdated, want.rowsUpdated);
        QCOMPARE(r.errorMessage, want.errorMessage);
        QCOMPARE(r.startedAt, want.startedAt);
        QCOMPARE(r.completedAt, want.completedAt);
        QCOMPARE(r.durationSeconds, want.durationSeconds);
        QCOMPARE(r.metadata, want.metadata);
    }
}

void TestRunQueue::rewriteKeepsOnlyTheRemainingRunsAndEmptyRemovesTheFile()
{
    QTemporaryDir dir;
    RunQueue queue(dir.filePath(QStringLiteral("pending.jsonl")));
    for (int i = 1; i <= 4; ++i)
        QVERIFY(queue.append(run(i)).ok());
    QVERIFY(queue.rewrite({run(3), run(4)}).ok());
    QCOMPARE(queue.size(), 2);
    QCOMPARE(queue.load()->first().runId, run(3).runId);
    QVERIFY(queue.rewrite({}).ok());
    QVERIFY(!QFile::exists(queue.path()));
    QCOMPARE(queue.size(), 0);
}

void TestRunQueue::aLineTornByACrashIsSkippedAndDoesNotSpoilTheNextAppend()
{
    QTemporaryDir dir;
    RunQueue queue(dir.filePath(QStringLiteral("pending.jsonl")));
    QVERIFY(queue.append(run(1)).ok());
    QFile file(queue.path());
    QVERIFY(file.open(QIODevice::Append));
    file.write(R"({"id":0,"run_id":"torn","task_na)"); // the process died here
    file.close();
    QVERIFY(queue.append(run(2)).ok());
    const auto loaded = queue.load();
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->size(), 2);
    QCOMPARE(loaded->at(0).runId, run(1).runId);
    QCOMPARE(loaded->at(1).runId, run(2).runId);
}

void TestRunQueue::unwritableQueueIsAnIoError()
{
    QTemporaryDir dir;
    QVERIFY(util::writeFileAtomically(dir.filePath(QStringLiteral("file")), "x").ok());
    RunQueue queue(dir.filePath(QStringLiteral("file/pending.jsonl")));
    const Status s = queue.append(run(1));
    QVERIFY(!s.ok());
    QCOMPARE(s.error().kind, ErrorKind::Io);
    QVERIFY(s.message().contains(QStringLiteral("task-1")));
}

QTEST_GUILESS_MAIN(TestRunQueue)
#include "tst_runqueue.moc"
