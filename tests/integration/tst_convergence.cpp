// The randomized convergence test of the conflict policies: three replicas on one bare remote, random
// file operations on files of every policy, random syncs, remote outages and crashes of `ferry sync`
// at the engine's failpoints. At the end, after every replica has synced until quiet:
//   - all folders are identical;
//   - no pending conflict a replica recorded is lost (nobody resolves any in this test);
//   - every version a person wrote and a sync saw is still somewhere: in the final tree (a file, a
//     conflict copy, a marker file, a merged JSON document) or in a versions archive. Each write
//     carries a unique token to find it by; a version the person replaced or deleted themselves is
//     exempt.
// FERRY_SEED picks the seed (printed), FERRY_CONVERGENCE_STEPS the length (default 300). A failure
// prints the seed and the operation log.
#include "config/paths.h"
#include "gitcli.h"
#include "replica.h"
#include "sync/syncstate.h"
#include "sync/versionstore.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace ferry;
using test::GitCli;
using test::Replica;

class TestConvergence : public QObject
{
    Q_OBJECT

private slots:
    void threeReplicasConvergeAndLoseNoVersion();

private:
    struct Token
    {
        int replica = 0;
        bool seen = false;   // a sync of its replica found it on disk
        bool exempt = false; // the person replaced or deleted the version holding it
    };

    void step(int n);
    void write(int r, const QString& file);
    void removeOrRename(int r);
    void exemptTokensIn(const QByteArray& content);
    void markSeen(int r);
    void syncInProcess(int r);
    void crashSync(int r);
    void setOutage(bool down);
    QString fail(const QString& what) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_remote;
    std::vector<std::unique_ptr<Replica>> m_replicas;
    QRandomGenerator m_rng;
    quint32 m_seed = 0;
    QStringList m_log;
    QMap<QString, Token> m_tokens;
    QList<QSet<QString>> m_pendingSeen{{}, {}, {}};
    bool m_down = false;
    int m_next = 0;
};

// One file per policy under the mapping "shared" (DESIGN.md's default rules).
static const char* const kFiles[] = {"memories/m.json", "notes/plan.md", "app/settings.json",
                                     "data/blob.bin"};

QString TestConvergence::fail(const QString& what) const
{
    return QStringLiteral("%1\nseed %2 (FERRY_SEED=%2 to replay); operations:\n%3")
        .arg(what)
        .arg(m_seed)
        .arg(m_log.join(u'\n'));
}

void TestConvergence::exemptTokensIn(const QByteArray& content)
{
    for (auto it = m_tokens.begin(); it != m_tokens.end(); ++it) {
        if (content.contains(it.key().toLatin1()))
            it->exempt = true;
    }
}

void TestConvergence::write(int r, const QString& file)
{
    Replica& replica = *m_replicas[size_t(r)];
    const QString token = QStringLiteral("T%1r%2").arg(m_next++, 4, 10, QLatin1Char('0')).arg(r);
    m_tokens.insert(token, Token{r});
    QByteArray content = replica.read(file);
    if (file.endsWith(u".bin") || file.contains(QStringLiteral("settings"))) {
        exemptTokensIn(content); // overwritten by the person
        content = file.endsWith(u".bin") ? QByteArray("\x01\x02 binary ") + token.toLatin1() + '\0'
                                         : "{\"theme\": \"" + token.toLatin1() + "\"}\n";
    } else if (file.endsWith(u".json")) {
        QJsonDocument doc = QJsonDocument::fromJson(content);
        QJsonObject o =
            doc.isObject() ? doc.object() : QJsonObject{{QStringLiteral("memories"), QJsonArray()}};
        QJsonArray records = o[QStringLiteral("memories")].toArray();
        records.append(
            QJsonObject{{QStringLiteral("id"), token}, {QStringLiteral("text"), QStringLiteral("x")}});
        o[QStringLiteral("memories")] = records;
        content = QJsonDocument(o).toJson();
    } else { // text: a line at the start, the middle or the end
        QList<QByteArray> lines = content.split('\n');
        if (!lines.isEmpty() && lines.last().isEmpty())
            lines.removeLast();
        lines.insert(int(m_rng.bounded(int(lines.size()) + 1)), token.toLatin1());
        content = lines.join('\n') + '\n';
    }
    replica.write(file, content);
    m_log << QStringLiteral("%1 writes %2 (%3)").arg(replica.profile().name, file, token);
}

void TestConvergence::removeOrRename(int r)
{
    Replica& replica = *m_replicas[size_t(r)];
    const QStringList files = replica.contents().keys();
    if (files.isEmpty())
        return;
    const QString file = files[int(m_rng.bounded(int(files.size())))];
    if (m_rng.bounded(2) == 0) {
        exemptTokensIn(replica.read(file));
        replica.remove(file);
        m_log << QStringLiteral("%1 deletes %2").arg(replica.profile().name, file);
    } else {
        const QString to =
            file.section(u'/', 0, -2) + QStringLiteral("/moved-%1-").arg(m_next++) + file.section(u'/', -1);
        replica.rename(file, to);
        m_log << QStringLiteral("%1 renames %2 to %3").arg(replica.profile().name, file, to);
    }
}

void TestConvergence::markSeen(int r)
{
    QByteArray all;
    for (const QByteArray& content : m_replicas[size_t(r)]->contents())
        all += content + '\n';
    for (auto it = m_tokens.begin(); it != m_tokens.end(); ++it) {
        if (it->replica == r && !it->seen && all.contains(it.key().toLatin1()))
            it->seen = true;
    }
}

void TestConvergence::syncInProcess(int r)
{
    markSeen(r);
    Replica& replica = *m_replicas[size_t(r)];
    const sync::SyncResult result = replica.sync();
    m_log << QStringLiteral("%1 syncs: %2").arg(replica.profile().name, result.summary());
    const auto state =
        sync::SyncState::load(config::Paths::stateFile(replica.dataDir(), replica.profile().name));
    if (state) {
        for (const sync::PendingConflict& c : state->pendingConflicts)
            m_pendingSeen[r].insert(c.id);
    }
}

void TestConvergence::crashSync(int r)
{
    static const char* const points[] = {"after-blobs", "after-commit", "after-push", "mid-apply"};
    const char* point = points[m_rng.bounded(4)];
    markSeen(r);
    Replica& replica = *m_replicas[size_t(r)];
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DATABASE_URL"));
    env.insert(QStringLiteral("FERRY_FAILPOINT"), QString::fromLatin1(point));
    env.insert(QStringLiteral("FERRY_RETRY_BASE_MS"), QStringLiteral("1"));
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("FERRY_BINARY"),
            {QStringLiteral("--config"), replica.writeConfig(), QStringLiteral("--data-dir"),
             replica.dataDir(), QStringLiteral("sync")});
    p.waitForFinished(60000);
    m_log << QStringLiteral("%1 runs ferry sync with a crash at %2: exit %3")
                 .arg(replica.profile().name, QString::fromLatin1(point))
                 .arg(p.exitStatus() == QProcess::CrashExit ? -1 : p.exitCode());
}

void TestConvergence::setOutage(bool down)
{
    if (down == m_down)
        return;
    QDir().rename(down ? m_remote : m_remote + QStringLiteral(".down"),
                  down ? m_remote + QStringLiteral(".down") : m_remote);
    m_down = down;
    m_log << (down ? QStringLiteral("the remote goes away") : QStringLiteral("the remote is back"));
}

void TestConvergence::step(int)
{
    const int r = int(m_rng.bounded(3));
    const int roll = int(m_rng.bounded(100));
    if (roll < 45)
        write(r, QString::fromLatin1(kFiles[m_rng.bounded(4)]));
    else if (roll < 52)
        removeOrRename(r);
    else if (roll < 90)
        syncInProcess(r);
    else if (roll < 95)
        crashSync(r);
    else
        setOutage(!m_down);
}

void TestConvergence::threeReplicasConvergeAndLoseNoVersion()
{
    m_seed = qEnvironmentVariableIsSet("FERRY_SEED") ? quint32(qEnvironmentVariableIntValue("FERRY_SEED"))
                                                     : 20261123u;
    const int steps = qEnvironmentVariableIsSet("FERRY_CONVERGENCE_STEPS")
                          ? qEnvironmentVariableIntValue("FERRY_CONVERGENCE_STEPS")
                          : 300;
    qInfo("seed %u, %d steps", m_seed, steps);
    m_rng.seed(m_seed);
    qputenv("FERRY_RETRY_BASE_MS", "1");
    m_dir = std::make_unique<QTemporaryDir>();
    m_remote = m_dir->path() + QStringLiteral("/remote.git");
    GitCli::ok(m_dir->path(),
               {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), m_remote});
    for (const char* name : {"alpha", "beta", "gamma"})
        m_replicas.push_back(std::make_unique<Replica>(m_dir->path(), QString::fromLatin1(name), m_remote,
                                                       QStringLiteral("shared")));
    for (int n = 0; n < steps; ++n)
        step(n);

    // Quiet: the remote back, every replica syncing until a whole round changes nothing.
    setOutage(false);
    bool quiet = false;
    for (int round = 0; round < 8 && !quiet; ++round) {
        quiet = true;
        for (int r = 0; r < 3; ++r) {
            markSeen(r);
            const sync::SyncResult result = m_replicas[size_t(r)]->sync();
            m_log << QStringLiteral("final round %1: %2").arg(round).arg(result.summary());
            QVERIFY2(result.ok, qPrintable(fail(result.error)));
            quiet = quiet && result.filesChanged() == 0;
        }
    }
    QVERIFY2(quiet, qPrintable(fail(QStringLiteral("still changing after 8 rounds"))));

    const QMap<QString, QByteArray> final = m_replicas[0]->contents();
    for (size_t r = 1; r < 3; ++r)
        QVERIFY2(m_replicas[r]->contents() == final,
                 qPrintable(fail(QStringLiteral("%1 differs from alpha: %2 vs %3 files")
                                     .arg(m_replicas[r]->profile().name)
                                     .arg(m_replicas[r]->contents().size())
                                     .arg(final.size()))));
    QByteArray everything;
    for (const QByteArray& content : final)
        everything += content + '\n';
    for (size_t r = 0; r < 3; ++r) {
        Replica& replica = *m_replicas[r];
        const sync::VersionStore versions(
            config::Paths::versionsDir(replica.dataDir(), replica.profile().name));
        const QList<sync::ArchivedVersion> archived = versions.list().value();
        for (const sync::ArchivedVersion& v : archived)
            everything += versions.content(v.id).value() + '\n';
        const auto state =
            sync::SyncState::load(config::Paths::stateFile(replica.dataDir(), replica.profile().name));
        QVERIFY(state.ok());
        QSet<QString> pendingNow;
        for (const sync::PendingConflict& c : state->pendingConflicts)
            pendingNow.insert(c.id);
        QVERIFY2(pendingNow.contains(m_pendingSeen[int(r)]),
                 qPrintable(fail(QStringLiteral("%1 lost a pending conflict").arg(replica.profile().name))));
    }
    int checked = 0;
    for (auto it = m_tokens.constBegin(); it != m_tokens.constEnd(); ++it) {
        if (!it->seen || it->exempt)
            continue;
        ++checked;
        QVERIFY2(everything.contains(it.key().toLatin1()),
                 qPrintable(fail(QStringLiteral("the version with %1 is gone").arg(it.key()))));
    }
    qInfo("%d files at the end, %d tokens checked, %lld written", int(final.size()), checked,
          qlonglong(m_tokens.size()));
}

QTEST_GUILESS_MAIN(TestConvergence)
#include "tst_convergence.moc"
