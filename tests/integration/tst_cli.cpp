#include "core/util/atomicfile.h"
#include "tests/support/ferryprocess.h"
#include "tests/support/testdatabase.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QUuid>

using namespace ferry;

// Drives the real `ferry` binary, as a person or a script would, on the store under test
// (SQLite in the data dir, or PostgreSQL through DATABASE_URL).
class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void versionAndHelpExitZero();
    void historyJsonOnAnEmptyStorePrintsAnEmptyArray();
    void historyListsRecordedRunsWithFilters();
    void initWritesAConfigThatStatusReports();
    void initRefusesADuplicateProfileWithExitTwo();
    void aBadConfigIsRefusedWithExitTwoNamingTheField();
    void badUsageExitsTwoWithAMessage_data();
    void badUsageExitsTwoWithAMessage();
    void anUnreachableDatabaseMakesHistoryExitOne();
    void ingestTickersMakesTheFileTheActiveTickers();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QString err;
    };
    Run ferry(const QStringList& args, const QString& databaseUrl = QStringLiteral("@test"));
    void recordRun(const QString& task, const QString& status, const QDateTime& started);
    QString configPath() const { return m_db->dataDir() + QStringLiteral("/config.json"); }

    std::unique_ptr<test::TestDatabase> m_db;
};

void TestCli::init()
{
    QVERIFY2(!test::FerryProcess::binary().isEmpty(), "FERRY_BINARY must name the ferry executable");
    m_db = std::make_unique<test::TestDatabase>();
    FERRY_REQUIRE_BACKEND(*m_db);
}

void TestCli::cleanup()
{
    m_db.reset();
}

TestCli::Run TestCli::ferry(const QStringList& args, const QString& databaseUrl)
{
    test::FerryProcess ferry(configPath(), m_db->dataDir());
    const QString url = databaseUrl == u"@test" ? m_db->databaseUrl() : databaseUrl;
    if (!url.isEmpty())
        ferry.env(QStringLiteral("DATABASE_URL"), url);
    const test::FerryProcess::Result r = ferry.run(args, 60000);
    if (!r.finished)
        return {};
    return {r.exitCode, r.out.toUtf8(), r.err};
}

void TestCli::recordRun(const QString& task, const QString& status, const QDateTime& started)
{
    auto store = m_db->newStore();
    store::RunRecord r;
    r.runId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r.taskName = task;
    r.status = status;
    r.startedAt = started;
    r.completedAt = started.addSecs(3);
    r.durationSeconds = 3.0;
    r.rowsUpdated = 7;
    if (status == store::RunStatus::Failed)
        r.errorMessage = QStringLiteral("HTTP 401 from api.github.com");
    QVERIFY(store->upsertRun(r).ok());
}

void TestCli::versionAndHelpExitZero()
{
    const Run version = ferry({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(version.out.trimmed(), QByteArray("ferry " FERRY_VERSION));
    const Run help = ferry({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    for (const char* command :
         {"init", "sync", "status", "conflicts", "resolve", "ingest", "history", "daemon"})
        QVERIFY2(help.out.contains(QByteArray("\n  ") + command + ' '), command);
    // The tray application's own options, beside the commands.
    QVERIFY2(help.out.contains("\nTray application (ferry [--minimized]):\n") &&
                 help.out.contains("\n  --minimized "),
             help.out.constData());
    const Run historyHelp = ferry({QStringLiteral("history"), QStringLiteral("--help")});
    QCOMPARE(historyHelp.exitCode, 0);
    QVERIFY(historyHelp.out.contains("--since"));
}

void TestCli::historyJsonOnAnEmptyStorePrintsAnEmptyArray()
{
    const Run r = ferry({QStringLiteral("history"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.out.trimmed(), QByteArray("[]"));
}

void TestCli::historyListsRecordedRunsWithFilters()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    recordRun(QStringLiteral("github"), store::RunStatus::Failed, now.addDays(-10));
    recordRun(QStringLiteral("github"), store::RunStatus::Failed, now.addSecs(-3600));
    recordRun(QStringLiteral("github"), store::RunStatus::Success, now.addSecs(-60));
    recordRun(QStringLiteral("market"), store::RunStatus::Success, now.addSecs(-30));

    const Run all = ferry({QStringLiteral("history"), QStringLiteral("--json")});
    QVERIFY2(all.exitCode == 0, qPrintable(all.err));
    const QJsonArray runs = QJsonDocument::fromJson(all.out).array();
    QCOMPARE(runs.size(), 4);
    const QJsonObject newest = runs.first().toObject();
    QCOMPARE(newest[QStringLiteral("task_name")].toString(), QStringLiteral("market"));
    for (const char* key : {"id", "run_id", "status", "rows_updated", "error_message", "started_at",
                            "completed_at", "duration_seconds", "metadata"})
        QVERIFY2(newest.contains(QString::fromLatin1(key)), key);
    QVERIFY(newest[QStringLiteral("started_at")].toString().endsWith(u'Z'));

    const Run failedRecently =
        ferry({QStringLiteral("history"), QStringLiteral("--json"), QStringLiteral("--task"),
               QStringLiteral("github"), QStringLiteral("--status"), QStringLiteral("failed"),
               QStringLiteral("--since"), QStringLiteral("7d")});
    QCOMPARE(failedRecently.exitCode, 0);
    const QJsonArray failures = QJsonDocument::fromJson(failedRecently.out).array();
    QCOMPARE(failures.size(), 1);
    QCOMPARE(failures.first()[QStringLiteral("error_message")].toString(),
             QStringLiteral("HTTP 401 from api.github.com"));

    const Run table = ferry({QStringLiteral("history"), QStringLiteral("--limit"), QStringLiteral("2")});
    QCOMPARE(table.exitCode, 0);
    const QList<QByteArray> lines = table.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 3); // header + 2
    QVERIFY(lines[1].contains("market"));
}

void TestCli::initWritesAConfigThatStatusReports()
{
    const QString notes = m_db->dataDir() + QStringLiteral("/notes");
    const Run init =
        ferry({QStringLiteral("init"), QStringLiteral("--remote"), QStringLiteral("/srv/git/stack.git"),
               QStringLiteral("--folder"), notes + QStringLiteral("=shared/documents"),
               QStringLiteral("--profile"), QStringLiteral("knowledge")});
    QVERIFY2(init.exitCode == 0, qPrintable(init.err));
    QVERIFY(QDir(notes).exists());
    QVERIFY(QFile::exists(configPath()));

    recordRun(QStringLiteral("sync:knowledge"), store::RunStatus::Success, QDateTime::currentDateTimeUtc());
    const Run status = ferry({QStringLiteral("status"), QStringLiteral("--json")});
    QVERIFY2(status.exitCode == 0, qPrintable(status.err));
    const QJsonObject s = QJsonDocument::fromJson(status.out).object();
    QCOMPARE(s[QStringLiteral("version")].toString(), QStringLiteral(FERRY_VERSION));
    QCOMPARE(s[QStringLiteral("config")][QStringLiteral("exists")].toBool(), true);
    const QJsonArray profiles = s[QStringLiteral("profiles")].toArray();
    QCOMPARE(profiles.size(), 1);
    QCOMPARE(profiles[0][QStringLiteral("name")].toString(), QStringLiteral("knowledge"));
    QCOMPARE(profiles[0][QStringLiteral("branch")].toString(), QStringLiteral("sync"));
    QCOMPARE(profiles[0][QStringLiteral("folders")][0][QStringLiteral("repo_path")].toString(),
             QStringLiteral("shared/documents"));
    QVERIFY(profiles[0][QStringLiteral("state")].isNull());
    const QJsonObject store = s[QStringLiteral("store")].toObject();
    QCOMPARE(store[QStringLiteral("reachable")].toBool(), true);
    QCOMPARE(store[QStringLiteral("backend")].toString(), test::TestDatabase::backend());
    QCOMPARE(store[QStringLiteral("queued_runs")].toInt(), 0);
    QCOMPARE(s[QStringLiteral("tasks")].toArray().size(), 1);
    QCOMPARE(s[QStringLiteral("tasks")][0][QStringLiteral("task_name")].toString(),
             QStringLiteral("sync:knowledge"));

    const Run human = ferry({QStringLiteral("status")});
    QCOMPARE(human.exitCode, 0);
    QVERIFY(human.out.contains("knowledge"));
    QVERIFY(human.out.contains("never synced"));
}

void TestCli::initRefusesADuplicateProfileWithExitTwo()
{
    const QStringList args{QStringLiteral("init"), QStringLiteral("--remote"),
                           QStringLiteral("file:///srv/r.git"), QStringLiteral("--folder"),
                           m_db->dataDir() + QStringLiteral("/a")};
    QCOMPARE(ferry(args).exitCode, 0);
    const QByteArray before = *util::readWholeFile(configPath());
    const Run again = ferry(args);
    QCOMPARE(again.exitCode, 2);
    QVERIFY2(again.err.contains(QStringLiteral("a profile named \"default\" already exists")),
             qPrintable(again.err));
    QCOMPARE(*util::readWholeFile(configPath()), before);
}

void TestCli::aBadConfigIsRefusedWithExitTwoNamingTheField()
{
    QVERIFY(util::writeFileAtomically(configPath(), R"({"profiles": [{"name": "x", "remote": "r",
        "folders": [{"local": "/definitely/not/here", "repo_path": "d"}]}]})")
                .ok());
    for (const QString& command : {QStringLiteral("status"), QStringLiteral("history")}) {
        const Run r = ferry({command});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("profiles[0].folders[0].local: folder does not exist")),
                 qPrintable(r.err));
    }
}

void TestCli::badUsageExitsTwoWithAMessage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")}
                                     << "unknown command \"frobnicate\"";
    QTest::newRow("unknown option") << QStringList{QStringLiteral("history"), QStringLiteral("--colour")}
                                    << "Unknown option 'colour'";
    QTest::newRow("unknown option of the tray app")
        << QStringList{QStringLiteral("--colour")} << "ferry: Unknown option 'colour'";
    QTest::newRow("a tray app option after a command")
        << QStringList{QStringLiteral("status"), QStringLiteral("--minimized")}
        << "Unknown option 'minimized'";
    QTest::newRow("the value of a Qt option is not a command")
        << QStringList{QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("frobnicate")}
        << "unknown command \"frobnicate\"";
    QTest::newRow("bad status") << QStringList{QStringLiteral("history"), QStringLiteral("--status"),
                                               QStringLiteral("exploded")}
                                << "--status: \"exploded\" is not one of";
    QTest::newRow("bad since") << QStringList{QStringLiteral("history"), QStringLiteral("--since"),
                                              QStringLiteral("yesterday")}
                               << "--since: \"yesterday\"";
    QTest::newRow("init without remote")
        << QStringList{QStringLiteral("init"), QStringLiteral("--folder"), QStringLiteral("/tmp")}
        << "--remote is required";
    QTest::newRow("extra argument") << QStringList{QStringLiteral("status"), QStringLiteral("extra")}
                                    << "unexpected argument \"extra\"";
    QTest::newRow("sync of an unknown profile")
        << QStringList{QStringLiteral("sync"), QStringLiteral("knowledge")}
        << "ferry sync: no profile named \"knowledge\"";
    QTest::newRow("watch without profiles")
        << QStringList{QStringLiteral("sync"), QStringLiteral("--watch")} << "ferry sync: no profiles in";
    QTest::newRow("resolve without --take")
        << QStringList{QStringLiteral("resolve"), QStringLiteral("abc")} << "ferry resolve: --take must be";
    QTest::newRow("resolve merged without a file")
        << QStringList{QStringLiteral("resolve"), QStringLiteral("abc"), QStringLiteral("--take"),
                       QStringLiteral("merged")}
        << "--file goes with --take merged";
    QTest::newRow("ingest without its config section")
        << QStringList{QStringLiteral("ingest"), QStringLiteral("github")}
        << "ferry ingest: github needs the ingestion.github section of the config";
    QTest::newRow("ingest of an unknown task")
        << QStringList{QStringLiteral("ingest"), QStringLiteral("weather")}
        << "ferry ingest: unknown task \"weather\"";
}

void TestCli::badUsageExitsTwoWithAMessage()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = ferry(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

void TestCli::anUnreachableDatabaseMakesHistoryExitOne()
{
    const Run r = ferry({QStringLiteral("history")}, QStringLiteral("postgresql://127.0.0.1:1/ferry"));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("unreachable")), qPrintable(r.err));
    const Run status = ferry({QStringLiteral("status"), QStringLiteral("--json")},
                             QStringLiteral("postgresql://127.0.0.1:1/ferry"));
    QCOMPARE(status.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(status.out)[QStringLiteral("store")][QStringLiteral("reachable")].toBool(
                 true),
             false);
}

void TestCli::ingestTickersMakesTheFileTheActiveTickers()
{
    const QString tickers = m_db->dataDir() + QStringLiteral("/russell.csv");
    const auto writeFile = [](const QString& path, const QByteArray& content) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(content);
    };
    writeFile(configPath(), R"({"ingestion": {"market": {"tickers_file": ")" + tickers.toUtf8() + R"("}}})");
    writeFile(tickers, "Name;Ticker;Sector\n\"Apple\";aapl;Tech\nMicrosoft;MSFT;Tech\nBerkshire;BRK.B;Fin\n"
                       "Apple again;AAPL;Tech\nBroken;N/A!;?\n");
    const Run first = ferry({QStringLiteral("ingest"), QStringLiteral("tickers"), QStringLiteral("--json")});
    QVERIFY2(first.exitCode == 0, qPrintable(first.err));
    const QJsonObject run = QJsonDocument::fromJson(first.out).array().first().toObject();
    QCOMPARE(run[QStringLiteral("status")].toString(), QStringLiteral("partial")); // one line rejected
    QCOMPARE(run[QStringLiteral("rows_updated")].toInt(), 3);
    const QJsonObject metadata = run[QStringLiteral("metadata")].toObject();
    QCOMPARE(metadata[QStringLiteral("added")].toInt(), 3);
    QCOMPARE(metadata[QStringLiteral("rejected")].toArray().first().toString(),
             QStringLiteral("line 6: \"N/A!\""));

    // MSFT leaves the list: it is marked inactive, and the run is in sync_logs.
    writeFile(tickers, "aapl\nbrk.b\n# comment\n\n");
    const Run second = ferry({QStringLiteral("ingest"), QStringLiteral("tickers"), QStringLiteral("--json")});
    QCOMPARE(second.exitCode, 0);
    const QJsonObject again = QJsonDocument::fromJson(second.out).array().first().toObject();
    QCOMPARE(again[QStringLiteral("status")].toString(), QStringLiteral("success"));
    QCOMPARE(again[QStringLiteral("metadata")][QStringLiteral("deactivated")].toArray(),
             QJsonArray{QStringLiteral("MSFT")});
    const Run history = ferry({QStringLiteral("history"), QStringLiteral("--task"), QStringLiteral("tickers"),
                               QStringLiteral("--json")});
    QCOMPARE(QJsonDocument::fromJson(history.out).array().size(), 2);

    // The daily pipeline runs tickers, market and dcf in order; without an API key market and dcf fail,
    // each with its own sync_logs row, and neither stops the next.
    const Run daily = ferry({QStringLiteral("ingest"), QStringLiteral("daily"), QStringLiteral("--json")});
    QCOMPARE(daily.exitCode, 1);
    const QJsonArray tasks = QJsonDocument::fromJson(daily.out).array();
    QCOMPARE(tasks.size(), 3);
    QCOMPARE(tasks[0][QStringLiteral("status")].toString(), QStringLiteral("success"));
    QCOMPARE(tasks[1][QStringLiteral("task")].toString(), QStringLiteral("market"));
    QCOMPARE(tasks[1][QStringLiteral("status")].toString(), QStringLiteral("failed"));
    QVERIFY(tasks[1][QStringLiteral("error")].toString().contains(QStringLiteral("FMP_API_KEY")));
    QCOMPARE(tasks[2][QStringLiteral("task")].toString(), QStringLiteral("dcf"));
    QCOMPARE(tasks[2][QStringLiteral("status")].toString(), QStringLiteral("failed"));
    const Run failures = ferry({QStringLiteral("history"), QStringLiteral("--status"),
                                QStringLiteral("failed"), QStringLiteral("--json")});
    QCOMPARE(QJsonDocument::fromJson(failures.out).array().size(), 2);

    // `ferry status` shows the daily pipeline's schedule: never run by a scheduler, so due now.
    const Run status = ferry({QStringLiteral("status"), QStringLiteral("--json")});
    const QJsonArray schedules =
        QJsonDocument::fromJson(status.out).object()[QStringLiteral("schedules")].toArray();
    QCOMPARE(schedules.size(), 1);
    QCOMPARE(schedules[0][QStringLiteral("pipeline")].toString(), QStringLiteral("daily"));
    QCOMPARE(schedules[0][QStringLiteral("time")].toString(), QStringLiteral("05:00"));
    QCOMPARE(schedules[0][QStringLiteral("due")].toBool(), true);
    QVERIFY(schedules[0][QStringLiteral("last_status")].isNull());
    QVERIFY(!schedules[0][QStringLiteral("next_run")].toString().isEmpty());
    QVERIFY(
        ferry({QStringLiteral("status")}).out.contains("daily  05:00 UTC daily  last: never  next: due now"));

    // An empty file fails instead of deactivating everything.
    writeFile(tickers, "\n");
    const Run empty = ferry({QStringLiteral("ingest"), QStringLiteral("tickers")});
    QCOMPARE(empty.exitCode, 1);
    QVERIFY2(empty.err.contains(QStringLiteral("holds no symbol")), qPrintable(empty.err));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
