// The alerts' rate limit across restarts of the real `ferry daemon`, as systemd restarts a daemon that
// keeps failing (Restart=on-failure): a profile whose remote branch was reset pauses on the first cycle of
// every start (the remote_reset alert: once per process before), and a local webhook receiver counts
// what arrives. The limit is kept in the data directory, so
// it holds on either backend (the test runs on SQLite and on PostgreSQL).
#include "core/config/config.h"
#include "core/config/configfile.h"
#include "core/config/paths.h"
#include "core/store/sqlitestore.h"
#include "tests/support/fakeapi.h"
#include "tests/support/ferryprocess.h"
#include "tests/support/gitcli.h"
#include "tests/support/replica.h"
#include "tests/support/testdatabase.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace ferry;
using test::FakeApi;
using test::GitCli;

class TestAlertRestarts : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void theRateLimitHoldsAcrossDaemonRestarts();
    void anUnreadableLimitFileStartsAfresh();
    void aDaemonThatCannotStartAlertsOncePerWindow();

private:
    // A profile synced once whose remote branch is then deleted; the daemon's config file.
    QString writeConfig(const QString& webhook, const QString& databaseUrl = {});
    // Finished cycles of the profile in sync_logs, on the backend under test.
    qint64 cycles() const;
    QString dataDir() const { return m_alpha->dataDir(); }
    // One start of `ferry daemon` until `done` holds on its output (or 30 s), then SIGTERM.
    test::FerryProcess::Result runDaemon(const std::function<bool(const test::FerryProcess::Result&)>& done);
    // Until the first cycle has failed and its alert was sent or held back.
    test::FerryProcess::Result runOneFailedCycle();
    QList<QJsonObject> posts() const { return m_posts; }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<test::Replica> m_alpha;
    std::unique_ptr<FakeApi> m_receiver;
    QList<QJsonObject> m_posts;
    int m_refusals = 0; // the receiver answers 503 to this many POSTs first
    QString m_config;
};

void TestAlertRestarts::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_alpha.reset();
    m_db = std::make_unique<test::TestDatabase>();
    FERRY_REQUIRE_BACKEND(*m_db);
    m_posts.clear();
    m_refusals = 0;
    m_receiver = std::make_unique<FakeApi>([this](const FakeApi::Request& r) {
        if (r.method != "POST")
            return FakeApi::Reply{404, {}, {}};
        if (m_refusals > 0) {
            --m_refusals;
            return FakeApi::Reply{503, {}, "busy"};
        }
        m_posts.append(QJsonDocument::fromJson(r.body).object());
        return FakeApi::Reply{200, {}, "ok"};
    });
    m_config = writeConfig(QString::fromLatin1(m_receiver->baseUrl() + "/services/T000/B000/SECRET123"));
}

QString TestAlertRestarts::writeConfig(const QString& webhook, const QString& databaseUrl)
{
    const QString remote = m_dir->filePath(QStringLiteral("remote.git"));
    if (!m_alpha) {
        GitCli::ok(m_dir->path(),
                   {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), remote});
        m_alpha = std::make_unique<test::Replica>(m_dir->path(), QStringLiteral("alpha"), remote);
        m_alpha->write(QStringLiteral("note.md"), "kept\n");
        if (!m_alpha->sync().ok)
            qFatal("the first sync failed");
        GitCli::ok(remote,
                   {QStringLiteral("update-ref"), QStringLiteral("-d"), QStringLiteral("refs/heads/sync")});
    }
    m_alpha->profile().pollSeconds = 3600; // one cycle per start: the next is far off
    config::Config config;
    config.profiles = {m_alpha->profile()};
    config.alerts.webhookUrl = webhook;
    config.alerts.rateLimitMinutes = 60;
    config.database.url = databaseUrl;
    const QString path = m_dir->filePath(QStringLiteral("config.json"));
    const Status saved = config::ConfigFile(path).save(config);
    if (!saved.ok())
        qFatal("cannot write the test's config %s: %s", qPrintable(path), qPrintable(saved.message()));
    return path;
}

qint64 TestAlertRestarts::cycles() const
{
    const QString sql = QStringLiteral(
        "SELECT COUNT(*) FROM sync_logs WHERE task_name = 'sync:alpha' AND status <> 'running'");
    if (!m_db->databaseUrl().isEmpty())
        return m_db->count(sql);
    store::SqliteStore store(config::Paths::sqliteDatabase(dataDir()));
    if (!store.open().ok())
        return -1;
    const auto n = store.scalar(sql);
    return n ? n.value().toLongLong() : -1;
}

test::FerryProcess::Result
TestAlertRestarts::runDaemon(const std::function<bool(const test::FerryProcess::Result&)>& done)
{
    test::FerryProcess ferry(m_config, dataDir());
    ferry.env(QStringLiteral("FERRY_RETRY_BASE_MS"), QStringLiteral("5"));
    if (!m_db->databaseUrl().isEmpty())
        ferry.env(QStringLiteral("DATABASE_URL"), m_db->databaseUrl());
    return ferry.runUntil({QStringLiteral("daemon")}, done);
}

test::FerryProcess::Result TestAlertRestarts::runOneFailedCycle()
{
    const int before = m_posts.size();
    return runDaemon([&](const test::FerryProcess::Result& r) {
        return r.err.contains(QStringLiteral("alpha: paused")) &&
               (m_posts.size() > before || r.out.contains(QStringLiteral("held back")));
    });
}

void TestAlertRestarts::theRateLimitHoldsAcrossDaemonRestarts()
{
    const QString sent = QStringLiteral("ferry daemon: alert: remote_reset alpha -> http://127.0.0.1:");
    const QString held =
        QStringLiteral("ferry daemon: alert: remote_reset alpha held back by the rate limit");
    const qint64 before = cycles();
    QVERIFY(before >= 0);
    test::FerryProcess::Result r = runOneFailedCycle();
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.output()));
    QVERIFY2(r.out.contains(sent), qPrintable(r.output()));
    QCOMPARE(posts().size(), 1);
    QCOMPARE(posts().first().value(QStringLiteral("kind")).toString(), QStringLiteral("remote_reset"));
    QCOMPARE(posts().first().value(QStringLiteral("subject")).toString(), QStringLiteral("alpha"));

    // Restarted twice, as systemd would: the same failure, and nothing more sent.
    for (int restart = 1; restart <= 2; ++restart) {
        r = runOneFailedCycle();
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.output()));
        QVERIFY2(r.out.contains(held) && !r.out.contains(sent), qPrintable(r.output()));
        QCOMPARE(posts().size(), 1);
    }
    QVERIFY(QFile::exists(config::Paths::alertLimits(dataDir())));
    // Three starts, three paused cycles, on the backend under test.
    QCOMPARE(cycles() - before, 3);

    // The hour passes (the last sending moved back two hours): the next start sends, and says how many
    // alerts the restarts held back.
    const QString limits = config::Paths::alertLimits(dataDir());
    QFile file(limits);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    QJsonObject all = root.value(QStringLiteral("limits")).toObject();
    QJsonObject entry = all.value(QStringLiteral("remote_reset:alpha")).toObject();
    QCOMPARE(entry.value(QStringLiteral("suppressed")).toInt(), 2);
    entry.insert(QStringLiteral("last_sent"),
                 QDateTime::currentDateTimeUtc().addSecs(-2 * 3600).toString(Qt::ISODate));
    all.insert(QStringLiteral("remote_reset:alpha"), entry);
    root.insert(QStringLiteral("limits"), all);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QJsonDocument(root).toJson());
    file.close();

    r = runOneFailedCycle();
    QVERIFY2(r.out.contains(sent), qPrintable(r.output()));
    QCOMPARE(posts().size(), 2);
    QCOMPARE(posts().last().value(QStringLiteral("suppressed")).toInt(), 2);
    QVERIFY2(!posts().last().value(QStringLiteral("suppressed_since")).toString().isEmpty(),
             QJsonDocument(posts().last()).toJson().constData());
}

// A damaged file (a disk that filled up, a hand edit) neither stops the daemon nor silences an alert.
void TestAlertRestarts::anUnreadableLimitFileStartsAfresh()
{
    const QString limits = config::Paths::alertLimits(dataDir());
    QFile file(limits);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"version\": 1, \"limits\": {\"remote_reset:alpha\": ");
    file.close();
    const test::FerryProcess::Result r = runOneFailedCycle();
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.output()));
    QCOMPARE(posts().size(), 1);
    QVERIFY2(r.err.contains(QStringLiteral("rate limit: starting afresh: ")) && r.err.contains(limits),
             qPrintable(r.output()));
    // Written anew, whole: the next start holds the alert back again.
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(QJsonDocument::fromJson(file.readAll())
                .object()
                .value(QStringLiteral("limits"))
                .toObject()
                .contains(QStringLiteral("remote_reset:alpha")));
}

// The database does not answer: the daemon exits 1 at once, and systemd would start it again every 30 s.
// The first start alerts, the next ones hold the same alert back.
void TestAlertRestarts::aDaemonThatCannotStartAlertsOncePerWindow()
{
    int closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        closedPort = probe.serverPort();
    }
    m_config = writeConfig(QString::fromLatin1(m_receiver->baseUrl() + "/services/T000/B000/SECRET123"),
                           QStringLiteral("postgresql://127.0.0.1:%1/ferry").arg(closedPort));
    m_refusals = 1; // the webhook is not ready yet on the first try (a boot): the retry delivers it
    for (int start = 1; start <= 3; ++start) {
        test::FerryProcess ferry(m_config, dataDir());
        ferry.env(QStringLiteral("FERRY_RETRY_BASE_MS"), QStringLiteral("5"));
        // Started, not run: the receiver lives in this thread and must answer while the daemon waits.
        QProcess process;
        ferry.start(process, {QStringLiteral("daemon")});
        QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 30000);
        test::FerryProcess::Result r;
        r.out = QString::fromUtf8(process.readAllStandardOutput());
        r.err = QString::fromUtf8(process.readAllStandardError());
        r.finished = process.exitStatus() == QProcess::NormalExit;
        r.exitCode = process.exitCode();
        QVERIFY2(r.finished && r.exitCode == 1, qPrintable(r.output()));
        QVERIFY2(!r.err.contains(QStringLiteral("not delivered")), qPrintable(r.output()));
        QCOMPARE(posts().size(), 1);
        const QString held =
            QStringLiteral("ferry daemon: alert: start_failed daemon held back by the rate limit");
        QVERIFY2(start == 1 ? r.err.contains(QStringLiteral("ferry daemon: alert: start_failed daemon -> "))
                            : r.err.contains(held),
                 qPrintable(r.output()));
    }
    const QJsonObject alert = posts().first();
    QCOMPARE(alert.value(QStringLiteral("kind")).toString(), QStringLiteral("start_failed"));
    QCOMPARE(alert.value(QStringLiteral("subject")).toString(), QStringLiteral("daemon"));
    QVERIFY2(alert.value(QStringLiteral("error")).toString().contains(QString::number(closedPort)),
             QJsonDocument(alert).toJson().constData());
}

QTEST_GUILESS_MAIN(TestAlertRestarts)
#include "tst_alertrestarts.moc"
