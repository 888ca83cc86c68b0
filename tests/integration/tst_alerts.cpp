// Alerts against a local webhook receiver (FakeApi): the payload's fields, the rate limit, a failing or
// hanging receiver that neither delays nor fails the run, and `ferry daemon` as a process sending one
// alert for a failed task, a profile failing N cycles in a row and a remote reset.
#include "core/alert/alerter.h"
#include "core/alert/alertrules.h"
#include "core/config/configfile.h"
#include "core/config/configreader.h"
#include "core/config/configwriter.h"
#include "core/config/paths.h"
#include "core/ingest/taskoutcome.h"
#include "core/store/runrecord.h"
#include "core/store/sqlitestore.h"
#include "core/util/clock.h"
#include "tests/support/fakeapi.h"
#include "tests/support/ferryprocess.h"
#include "tests/support/gitcli.h"
#include "tests/support/replica.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace ferry;
using test::FakeApi;
using test::GitCli;
using test::Replica;

namespace {

// A webhook receiver: every POST's JSON kept, answered as `reply` says.
class Receiver
{
public:
    Receiver()
        : m_api([this](const FakeApi::Request& r) {
              if (r.method == "POST")
                  m_posts.append(QJsonDocument::fromJson(r.body).object());
              m_contentType = r.headers.value("content-type");
              return reply;
          })
    {
    }

    QString url(const QByteArray& path = "/services/T000/B000/SECRET123") const
    {
        return QString::fromLatin1(m_api.baseUrl() + path);
    }
    const QList<QJsonObject>& posts() const { return m_posts; }
    QList<QJsonObject> postsOf(const QString& kind) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject& p : m_posts)
            if (p.value(QStringLiteral("kind")).toString() == kind)
                out.append(p);
        return out;
    }
    int requests() const { return m_api.requests(); }
    QByteArray contentType() const { return m_contentType; }

    FakeApi::Reply reply{200, {}, "ok"};

private:
    QList<QJsonObject> m_posts;
    QByteArray m_contentType;
    FakeApi m_api;
};

QStringList subjects(const QList<QJsonObject>& posts)
{
    QStringList out;
    for (const QJsonObject& p : posts)
        out.append(p.value(QStringLiteral("subject")).toString());
    return out;
}

ingest::TaskOutcome failed(const QString& why)
{
    return ingest::TaskOutcome::failure(why);
}

// Every message logged while it lives.
class LogCapture
{
public:
    LogCapture()
    {
        s_messages.clear();
        m_previous = qInstallMessageHandler(&LogCapture::handle);
    }
    ~LogCapture() { qInstallMessageHandler(m_previous); }
    static QString all() { return s_messages.join(u'\n'); }

private:
    static void handle(QtMsgType, const QMessageLogContext&, const QString& message)
    {
        s_messages.append(message);
    }
    static inline QStringList s_messages;
    QtMessageHandler m_previous = nullptr;
};

} // namespace

class TestAlerts : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void theAlertsSectionIsReadAndWrittenBack();
    void badAlertsFieldsAreNamedWithoutTheUrl_data();
    void badAlertsFieldsAreNamedWithoutTheUrl();
    void whichRunsAlert_data();
    void whichRunsAlert();
    void theWebhookGetsTheErrorTaskHostAndTime();
    void aSecondIdenticalAlertIsHeldBackAndCountedInTheNext();
    void aFailingWebhookIsTriedThreeTimesAndLoggedWithoutItsSecret();
    void aHangingWebhookDoesNotHoldTheCallerAndGivesUpAfterItsTimeout();
    void anAlertThatWasNotDeliveredDoesNotUseUpItsWindow();
    void theDaemonSendsOneAlertForAFailedTask_data();
    void theDaemonSendsOneAlertForAFailedTask();
    void theDaemonSendsOneAlertWhenAProfileFailsNCyclesInARow();
    void theDaemonSendsOneAlertForARemoteReset();

private:
    QString writeConfig(const config::Config& config) const;
    // `ferry daemon` on `config`, until `done` holds (or 30 s), then SIGTERM; its output.
    // `done` sees the output so far.
    test::FerryProcess::Result runDaemon(const QString& configPath, const QString& dataDir,
                                         const std::function<bool(const test::FerryProcess::Result&)>& done);
    // Finished cycles of the profile "alpha" in sync_logs.
    static qint64 cyclesOf(const QString& dataDir);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestAlerts::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    qputenv("FERRY_RETRY_BASE_MS", "5");
}

void TestAlerts::theAlertsSectionIsReadAndWrittenBack()
{
    const QByteArray json = R"({"alerts": {"webhook_url": "https://hooks.slack.com/services/T0/B0/XYZ",
        "desktop": false, "failing_cycles": 5, "rate_limit_minutes": 15, "timeout_seconds": 3}})";
    const config::ConfigReader::Outcome read = config::ConfigReader::read(json);
    QVERIFY2(!read.hasErrors(), qPrintable(read.errors().join(u'\n')));
    const config::AlertsConfig& a = read.config->alerts;
    QCOMPARE(a.webhookUrl, QStringLiteral("https://hooks.slack.com/services/T0/B0/XYZ"));
    QCOMPARE(a.desktop, false);
    QCOMPARE(a.failingCycles, 5);
    QCOMPARE(a.rateLimitMinutes, 15);
    QCOMPARE(a.timeoutSeconds, 3);
    const QByteArray written = QByteArray::fromStdString(config::ConfigWriter::toJson(*read.config).dump());
    const config::ConfigReader::Outcome again = config::ConfigReader::read(written);
    QVERIFY(again.config && again.config->alerts == a);

    // Absent: the defaults, and a saved config stays without the section.
    const config::ConfigReader::Outcome none = config::ConfigReader::read("{}");
    QVERIFY(none.config && none.config->alerts == config::AlertsConfig());
    QVERIFY(!config::ConfigWriter::toJson(*none.config).contains("alerts"));
}

void TestAlerts::badAlertsFieldsAreNamedWithoutTheUrl_data()
{
    QTest::addColumn<QByteArray>("alerts");
    QTest::addColumn<QString>("error");
    QTest::newRow("not a URL") << QByteArray(R"({"webhook_url": "hooks.slack.com/services/T0/B0/SECRET9"})")
                               << QStringLiteral("alerts.webhook_url: is not an http(s) URL (it is not "
                                                 "repeated here: it may hold a secret)");
    QTest::newRow("ftp") << QByteArray(R"({"webhook_url": "ftp://x/SECRET9"})")
                         << QStringLiteral("alerts.webhook_url: is not an http(s) URL (it is not "
                                           "repeated here: it may hold a secret)");
    QTest::newRow("both") << QByteArray(R"({"webhook_url": "https://x/SECRET9", "webhook_url_env": "HOOK"})")
                          << QStringLiteral("alerts.webhook_url_env: set webhook_url or webhook_url_env, "
                                            "not both");
    QTest::newRow("env is a URL") << QByteArray(R"({"webhook_url_env": "https://x"})")
                                  << QStringLiteral("alerts.webhook_url_env: \"https://x\" is not an "
                                                    "environment variable name; the config names the "
                                                    "variable that holds a secret, never the secret itself");
    QTest::newRow("desktop") << QByteArray(R"({"desktop": "yes"})")
                             << QStringLiteral("alerts.desktop: expected true or false, got string");
    QTest::newRow("failing_cycles") << QByteArray(R"({"failing_cycles": 0})")
                                    << QStringLiteral("alerts.failing_cycles: 0 is out of range (1 to 1000)");
    QTest::newRow("timeout") << QByteArray(R"({"timeout_seconds": 600})")
                             << QStringLiteral("alerts.timeout_seconds: 600 is out of range (1 to 120)");
    QTest::newRow("section") << QByteArray(R"([])")
                             << QStringLiteral("alerts: expected an object, got array");
}

void TestAlerts::badAlertsFieldsAreNamedWithoutTheUrl()
{
    QFETCH(QByteArray, alerts);
    QFETCH(QString, error);
    const config::ConfigReader::Outcome read = config::ConfigReader::read(R"({"alerts": )" + alerts + "}");
    QVERIFY(!read.config);
    QCOMPARE(read.errors(), QStringList{error});
    QVERIFY(!read.errors().join(u' ').contains(QStringLiteral("SECRET9")));
}

void TestAlerts::whichRunsAlert_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<int>("failedUnits");
    QTest::addColumn<int>("skippedUnits");
    QTest::addColumn<bool>("stopped");
    QTest::addColumn<QString>("kind"); // "" for none
    QTest::newRow("failed") << store::RunStatus::Failed << 0 << 0 << false << QStringLiteral("run_failed");
    QTest::newRow("partial, tickers left undone")
        << store::RunStatus::Partial << 2 << 0 << false << QStringLiteral("run_incomplete");
    QTest::newRow("partial, bad symbols skipped only")
        << store::RunStatus::Partial << 0 << 13 << false << QString();
    QTest::newRow("stopped by SIGTERM") << store::RunStatus::Partial << 1 << 0 << true << QString();
    QTest::newRow("success") << store::RunStatus::Success << 0 << 0 << false << QString();
}

// A failed run alerts; a partial one only when it left work undone (what makes `ferry ingest` exit 1).
void TestAlerts::whichRunsAlert()
{
    QFETCH(QString, status);
    QFETCH(int, failedUnits);
    QFETCH(int, skippedUnits);
    QFETCH(bool, stopped);
    QFETCH(QString, kind);
    ingest::TaskOutcome outcome;
    outcome.status = status;
    outcome.failedUnits = failedUnits;
    outcome.skippedUnits = skippedUnits;
    outcome.stopped = stopped;
    outcome.error = QStringLiteral("SYM3: HTTP 500 after 5 tries");
    const alert::AlertRules rules(3, QStringLiteral("host"), util::Clock::system());
    const std::optional<alert::Alert> a = rules.taskFinished(QStringLiteral("market"), outcome);
    QCOMPARE(a ? alert::Alert::kindName(a->kind) : QString(), kind);
}

void TestAlerts::theWebhookGetsTheErrorTaskHostAndTime()
{
    Receiver receiver;
    config::AlertsConfig cfg;
    cfg.webhookUrl = receiver.url();
    alert::Alerter alerter(cfg);
    QSignalSpy delivered(&alerter, &alert::Alerter::delivered);
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    alerter.taskFinished(QStringLiteral("market"),
                         failed(QStringLiteral("HTTP 401: the API key was refused")));
    QVERIFY(delivered.wait(10000));
    QCOMPARE(receiver.posts().size(), 1);
    const QJsonObject p = receiver.posts().first();
    QCOMPARE(receiver.contentType(), QByteArray("application/json"));
    QCOMPARE(p.value(QStringLiteral("kind")).toString(), QStringLiteral("run_failed"));
    QCOMPARE(p.value(QStringLiteral("subject")).toString(), QStringLiteral("market"));
    QCOMPARE(p.value(QStringLiteral("error")).toString(),
             QStringLiteral("HTTP 401: the API key was refused"));
    QCOMPARE(p.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    QCOMPARE(p.value(QStringLiteral("host")).toString(), QSysInfo::machineHostName());
    const QDateTime at = QDateTime::fromString(p.value(QStringLiteral("time")).toString(), Qt::ISODate);
    QVERIFY2(at >= before && at <= QDateTime::currentDateTimeUtc(), qPrintable(at.toString(Qt::ISODate)));
    // Slack shows `text`: all of it in one line.
    const QString text = p.value(QStringLiteral("text")).toString();
    QVERIFY2(text.contains(QSysInfo::machineHostName()) &&
                 text.contains(QStringLiteral("task market failed")) &&
                 text.contains(QStringLiteral("HTTP 401: the API key was refused")),
             qPrintable(text));
    QCOMPARE(p.value(QStringLiteral("suppressed")).toInt(), 0);
}

void TestAlerts::aSecondIdenticalAlertIsHeldBackAndCountedInTheNext()
{
    Receiver receiver;
    config::AlertsConfig cfg;
    cfg.webhookUrl = receiver.url();
    cfg.rateLimitMinutes = 60;
    util::ManualClock clock(QDateTime(QDate(2026, 11, 30), QTime(5, 0), Qt::UTC));
    alert::Alerter alerter(cfg, nullptr, clock);
    QSignalSpy delivered(&alerter, &alert::Alerter::delivered);
    QSignalSpy raised(&alerter, &alert::Alerter::raised);
    alerter.taskFinished(QStringLiteral("market"), failed(QStringLiteral("first")));
    clock.advanceMs(10 * 60 * 1000);
    alerter.taskFinished(QStringLiteral("market"), failed(QStringLiteral("second")));  // held back
    alerter.taskFinished(QStringLiteral("dcf"), failed(QStringLiteral("other task"))); // its own limit
    QTRY_COMPARE_WITH_TIMEOUT(delivered.count(), 2, 10000);
    QTest::qWait(200);
    QCOMPARE(receiver.posts().size(), 2);
    QCOMPARE(raised.count(), 2);
    QCOMPARE(receiver.postsOf(QStringLiteral("run_failed")).at(0).value(QStringLiteral("error")).toString(),
             QStringLiteral("first"));
    QCOMPARE(receiver.posts().at(1).value(QStringLiteral("subject")).toString(), QStringLiteral("dcf"));

    clock.advanceMs(51 * 60 * 1000); // an hour after the first
    alerter.taskFinished(QStringLiteral("market"), failed(QStringLiteral("third")));
    QTRY_COMPARE_WITH_TIMEOUT(delivered.count(), 3, 10000);
    const QJsonObject third = receiver.posts().at(2);
    QCOMPARE(third.value(QStringLiteral("error")).toString(), QStringLiteral("third"));
    QCOMPARE(third.value(QStringLiteral("suppressed")).toInt(), 1);
    QCOMPARE(third.value(QStringLiteral("suppressed_since")).toString(),
             QStringLiteral("2026-11-30T05:10:00Z"));
    QVERIFY2(third.value(QStringLiteral("text"))
                 .toString()
                 .contains(QStringLiteral("(1 more since 2026-11-30 05:10 UTC, not sent: rate limit)")),
             qPrintable(third.value(QStringLiteral("text")).toString()));
}

void TestAlerts::aFailingWebhookIsTriedThreeTimesAndLoggedWithoutItsSecret()
{
    Receiver receiver;
    receiver.reply = FakeApi::Reply{503, {}, "Service Unavailable"};
    config::AlertsConfig cfg;
    cfg.webhookUrl = receiver.url();
    LogCapture log;
    alert::Alerter alerter(cfg);
    QSignalSpy failures(&alerter, &alert::Alerter::deliveryFailed);
    alerter.taskFinished(QStringLiteral("market"), failed(QStringLiteral("boom")));
    QVERIFY(failures.wait(10000));
    QCOMPARE(receiver.requests(), 3);
    QCOMPARE(failures.first().at(1).toString(), QStringLiteral("HTTP 503 (3 tries)"));
    const QString logged = LogCapture::all();
    QVERIFY2(logged.contains(QStringLiteral("webhook http://127.0.0.1:")) && logged.contains(u"/…"),
             qPrintable(logged));
    QVERIFY2(!logged.contains(QStringLiteral("SECRET123")), qPrintable(logged));
    QVERIFY(!alerter.webhook().contains(QStringLiteral("SECRET123")));

    // A 4xx is the URL's or the payload's fault: trying again would meet it again.
    receiver.reply = FakeApi::Reply{404, {}, "no_service"};
    alerter.taskFinished(QStringLiteral("dcf"), failed(QStringLiteral("boom")));
    QVERIFY(failures.wait(10000));
    QCOMPARE(receiver.requests(), 4);
    QCOMPARE(failures.last().at(1).toString(), QStringLiteral("HTTP 404 (1 tries)"));
}

// The receiver accepts and never answers: the caller (a run's thread) is not held at all, each attempt
// ends at the timeout, and the alert is given up after three; shutting down waits at most the timeout.
void TestAlerts::aHangingWebhookDoesNotHoldTheCallerAndGivesUpAfterItsTimeout()
{
    Receiver receiver;
    receiver.reply.silent = true;
    config::AlertsConfig cfg;
    cfg.webhookUrl = receiver.url();
    cfg.timeoutSeconds = 1;
    auto alerter = std::make_unique<alert::Alerter>(cfg);
    QSignalSpy failures(alerter.get(), &alert::Alerter::deliveryFailed);
    QElapsedTimer t;
    t.start();
    alerter->taskFinished(QStringLiteral("market"), failed(QStringLiteral("boom")));
    QVERIFY2(t.elapsed() < 100, qPrintable(QString::number(t.elapsed())));
    QVERIFY(failures.wait(10000));
    QCOMPARE(failures.first().at(1).toString(), QStringLiteral("no answer within 1 s (3 tries)"));
    // Three attempts of 1 s each (Qt's coarse timers may fire up to 5 % early).
    QVERIFY2(t.elapsed() >= 2800 && t.elapsed() < 6000, qPrintable(QString::number(t.elapsed())));

    alerter->taskFinished(QStringLiteral("dcf"), failed(QStringLiteral("boom")));
    QTRY_COMPARE_WITH_TIMEOUT(receiver.requests(), 4, 5000);
    t.restart();
    alerter.reset(); // an attempt in flight: waited for at most its timeout
    QVERIFY2(t.elapsed() < 1500, qPrintable(QString::number(t.elapsed())));
}

// The rate limit counts an alert once the webhook took it, as Alertmanager's notification log does: a
// webhook that fails all its tries leaves the window free, in memory and in alert_limits.json across a
// restart, and the next alert goes out (with what was held back while the failed one was on its way).
void TestAlerts::anAlertThatWasNotDeliveredDoesNotUseUpItsWindow()
{
    Receiver receiver;
    config::AlertsConfig cfg;
    cfg.webhookUrl = receiver.url();
    cfg.rateLimitMinutes = 60;
    const QString limits = m_dir->filePath(QStringLiteral("alert_limits.json"));
    util::ManualClock clock(QDateTime(QDate(2026, 11, 30), QTime(5, 0), Qt::UTC));
    {
        receiver.reply = FakeApi::Reply{503, {}, "Service Unavailable"};
        alert::Alerter alerter(cfg, nullptr, clock);
        alerter.keepLimitsIn(limits);
        QSignalSpy failures(&alerter, &alert::Alerter::deliveryFailed);
        QSignalSpy heldBack(&alerter, &alert::Alerter::heldBack);
        alerter.taskFinished(QStringLiteral("market"), failed(QStringLiteral("first")));
        alerter.taskFinished(QStringLiteral("market"), failed(QStringLiteral("while sending"))); // held
        QCOMPARE(heldBack.count(), 1);
        QVERIFY(failures.wait(10000));
        QCOMPARE(receiver.requests(), 3);

        // The webhook is back 5 minutes later: the next alert goes out, carrying the one held back.
        receiver.reply = FakeApi::Reply{200, {}, "ok"};
        clock.advanceMs(5 * 60 * 1000);
        QSignalSpy delivered(&alerter, &alert::Alerter::delivered);
        alerter.taskFinished(QStringLiteral("market"), failed(QStringLiteral("second")));
        QVERIFY(delivered.wait(10000));
        QCOMPARE(receiver.requests(), 4); // the three failed tries of "first", then this one
        QCOMPARE(receiver.posts().last().value(QStringLiteral("error")).toString(), QStringLiteral("second"));
        QCOMPARE(receiver.posts().last().value(QStringLiteral("suppressed")).toInt(), 1);
        // Delivered: that one holds the window.
        alerter.taskFinished(QStringLiteral("market"), failed(QStringLiteral("third")));
        QCOMPARE(heldBack.count(), 2);
    }
    {
        // A restart: the window of the delivered alert holds; a failed dcf alert, raised then, does not
        // count in the file for the next start.
        receiver.reply = FakeApi::Reply{503, {}, "Service Unavailable"};
        alert::Alerter alerter(cfg, nullptr, clock);
        alerter.keepLimitsIn(limits);
        QSignalSpy heldBack(&alerter, &alert::Alerter::heldBack);
        QSignalSpy failures(&alerter, &alert::Alerter::deliveryFailed);
        alerter.taskFinished(QStringLiteral("market"), failed(QStringLiteral("after restart")));
        QCOMPARE(heldBack.count(), 1);
        alerter.taskFinished(QStringLiteral("dcf"), failed(QStringLiteral("dcf first")));
        QVERIFY(failures.wait(10000));
    }
    receiver.reply = FakeApi::Reply{200, {}, "ok"};
    alert::Alerter alerter(cfg, nullptr, clock);
    alerter.keepLimitsIn(limits);
    QSignalSpy delivered(&alerter, &alert::Alerter::delivered);
    alerter.taskFinished(QStringLiteral("dcf"), failed(QStringLiteral("dcf again")));
    QVERIFY(delivered.wait(10000));
    QCOMPARE(receiver.posts().last().value(QStringLiteral("error")).toString(), QStringLiteral("dcf again"));
}

void TestAlerts::theDaemonSendsOneAlertForAFailedTask_data()
{
    QTest::addColumn<bool>("hanging");
    QTest::newRow("the webhook answers") << false;
    QTest::newRow("the webhook hangs") << true;
}

// The market source refuses the API key on every request: the task fails, one alert goes out, and the
// daemon's run ends with its own status — also when the webhook never answers.
void TestAlerts::theDaemonSendsOneAlertForAFailedTask()
{
    QFETCH(bool, hanging);
    Receiver receiver;
    receiver.reply.silent = hanging;
    FakeApi fmp([](const FakeApi::Request&) {
        return FakeApi::Reply{401, {}, R"({"Error Message": "Invalid API KEY."})"};
    });
    const QString tickers = m_dir->filePath(QStringLiteral("tickers.txt"));
    QFile t(tickers);
    QVERIFY(t.open(QIODevice::WriteOnly));
    t.write("AAA\nBBB\n");
    t.close();
    config::Config config;
    config::MarketSource market;
    market.apiUrl = QString::fromLatin1(fmp.baseUrl());
    market.tickersFile = tickers;
    market.schedule.time = QTime(0, 0);
    config.market = market;
    config.alerts.webhookUrl = receiver.url();
    config.alerts.timeoutSeconds = 1;
    const QString dataDir = m_dir->filePath(QStringLiteral("data"));
    QElapsedTimer sinceStart;
    sinceStart.start();
    const test::FerryProcess::Result r = runDaemon(writeConfig(config), dataDir, [&](const auto& out) {
        return hanging ? out.err.contains(QStringLiteral("run_failed market not delivered"))
                       : subjects(receiver.postsOf(QStringLiteral("run_failed"))).contains(u"market");
    });
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.output()));
    QVERIFY2(r.out.contains(QStringLiteral("ferry daemon: daily: finished: failed")), qPrintable(r.output()));
    QVERIFY2(r.out.contains(QStringLiteral("ferry daemon: alert: run_failed market -> http://127.0.0.1:")),
             qPrintable(r.output()));
    QVERIFY2(!r.output().contains(QStringLiteral("SECRET123")), qPrintable(r.output()));
    if (hanging) {
        QVERIFY2(r.err.contains(QStringLiteral("ferry daemon: warning: alert run_failed market not delivered "
                                               "to http://127.0.0.1:")),
                 qPrintable(r.output()));
        QVERIFY2(r.err.contains(QStringLiteral("no answer within 1 s (3 tries)")), qPrintable(r.output()));
    } else {
        // One alert per failed task (dcf meets the same refusal): market's once, with the run's error.
        const QList<QJsonObject> alerts = receiver.postsOf(QStringLiteral("run_failed"));
        const QStringList tasks = subjects(alerts);
        QCOMPARE(tasks.count(QStringLiteral("market")), 1);
        QCOMPARE(tasks.size(), receiver.posts().size());
        QCOMPARE(QSet<QString>(tasks.begin(), tasks.end()).size(), tasks.size());
        const QJsonObject first = alerts.at(tasks.indexOf(QStringLiteral("market")));
        QVERIFY2(first.value(QStringLiteral("error")).toString().contains(QStringLiteral("401")),
                 QJsonDocument(first).toJson().constData());
    }
}

// A profile whose remote does not exist fails every cycle; with failing_cycles 3 one alert goes out,
// on the third, and not again on the fourth.
void TestAlerts::theDaemonSendsOneAlertWhenAProfileFailsNCyclesInARow()
{
    Receiver receiver;
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), m_dir->filePath(QStringLiteral("missing.git")));
    alpha.write(QStringLiteral("note.md"), "unsent\n");
    alpha.profile().pollSeconds = 1; // retries after 1, 2, 4, 8 s
    config::Config config;
    config.profiles = {alpha.profile()};
    config.alerts.webhookUrl = receiver.url();
    config.alerts.failingCycles = 3;
    const test::FerryProcess::Result r = runDaemon(
        writeConfig(config), alpha.dataDir(), [&](const auto&) { return cyclesOf(alpha.dataDir()) >= 4; });
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.output()));
    const QList<QJsonObject> alerts = receiver.postsOf(QStringLiteral("profile_failing"));
    QCOMPARE(receiver.posts().size(), 1);
    QCOMPARE(alerts.size(), 1);
    QCOMPARE(alerts.first().value(QStringLiteral("subject")).toString(), QStringLiteral("alpha"));
    QCOMPARE(alerts.first().value(QStringLiteral("failures_in_a_row")).toInt(), 3);
    QVERIFY(!alerts.first().value(QStringLiteral("error")).toString().isEmpty());
}

// The remote branch is deleted after a first sync: the profile pauses on every cycle, and the alert
// goes out once.
void TestAlerts::theDaemonSendsOneAlertForARemoteReset()
{
    const QString remote = m_dir->filePath(QStringLiteral("remote.git"));
    GitCli::ok(m_dir->path(),
               {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), remote});
    Receiver receiver;
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote);
    alpha.write(QStringLiteral("note.md"), "kept\n");
    QVERIFY(alpha.sync().ok);
    GitCli::ok(remote,
               {QStringLiteral("update-ref"), QStringLiteral("-d"), QStringLiteral("refs/heads/sync")});
    alpha.profile().pollSeconds = 1;
    config::Config config;
    config.profiles = {alpha.profile()};
    config.alerts.webhookUrl = receiver.url();
    const test::FerryProcess::Result r = runDaemon(
        writeConfig(config), alpha.dataDir(), [&](const auto&) { return cyclesOf(alpha.dataDir()) >= 3; });
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.output()));
    const QList<QJsonObject> alerts = receiver.postsOf(QStringLiteral("remote_reset"));
    QCOMPARE(alerts.size(), 1);
    QCOMPARE(receiver.posts().size(), 1); // the failure streak of a reset is not told twice
    QCOMPARE(alerts.first().value(QStringLiteral("subject")).toString(), QStringLiteral("alpha"));
    QVERIFY2(!alerts.first().value(QStringLiteral("error")).toString().isEmpty(),
             QJsonDocument(alerts.first()).toJson().constData());
    QCOMPARE(alpha.contents().value(QStringLiteral("note.md")), QByteArray("kept\n"));
}

QString TestAlerts::writeConfig(const config::Config& config) const
{
    const QString path = m_dir->filePath(QStringLiteral("config.json"));
    const Status saved = config::ConfigFile(path).save(config);
    if (!saved.ok())
        qFatal("cannot write the test's config %s: %s", qPrintable(path), qPrintable(saved.message()));
    return path;
}

qint64 TestAlerts::cyclesOf(const QString& dataDir)
{
    store::SqliteStore store(config::Paths::sqliteDatabase(dataDir));
    if (!store.open().ok())
        return -1;
    const auto n = store.scalar(QStringLiteral(
        "SELECT COUNT(*) FROM sync_logs WHERE task_name = 'sync:alpha' AND status <> 'running'"));
    return n ? n.value().toLongLong() : -1;
}

test::FerryProcess::Result
TestAlerts::runDaemon(const QString& configPath, const QString& dataDir,
                      const std::function<bool(const test::FerryProcess::Result&)>& done)
{
    test::FerryProcess ferry(configPath, dataDir);
    ferry.env(QStringLiteral("FMP_API_KEY"), QStringLiteral("key"))
        .env(QStringLiteral("FERRY_SCHEDULE_TICK_MS"), QStringLiteral("100"))
        .env(QStringLiteral("FERRY_RETRY_BASE_MS"), QStringLiteral("5"));
    return ferry.runUntil({QStringLiteral("daemon")}, done);
}

QTEST_GUILESS_MAIN(TestAlerts)
#include "tst_alerts.moc"
