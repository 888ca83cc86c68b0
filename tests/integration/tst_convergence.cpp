// The randomized convergence test of the conflict policies: three replicas on one bare remote served by
// `git daemon`, random file operations on files of every policy, random syncs, remote outages, pushes
// refused by a hook, remote resets (the branch rolled back to an older commit or deleted, after which
// the person at a paused replica chooses --reupload or, now and then, --accept-remote), crashes of
// `ferry sync` at the engine's failpoints, and what people do on their own machine: ignore rules added
// and removed, a file turned into a folder of the same name or back (also a file on one replica and a
// folder on another), a subfolder that cannot be read for a while (EIO through FERRY_TEST_UNREADABLE)
// and a machine whose clock is minutes or hours off (its edits carry skewed mtimes, which `newest`
// compares). After every cycle of a replica:
//   - no path its ignore rules skip and no path under its unreadable folder left the remote, and none
//     of its local files there was deleted or changed.
// At the end, the remote back, every folder readable, every replica syncing until quiet:
//   - with the ignore rules still in place, each replica holds exactly the remote's files it does not
//     ignore (a file one replica ignores stays on the remote and on the others);
//   - with the rules removed and synced until quiet again, all folders are identical;
//   - no pending conflict a replica recorded is lost (nobody resolves any in this test);
//   - every version a person wrote and a sync saw is still somewhere: in the final tree (a file, a
//     conflict copy, a marker file, a merged JSON document), in the remote's history or in a versions
//     archive; no replica ever deleted a file in a cycle nobody chose after a reset. Each write
//     carries a unique token to find it by; a version the person replaced or deleted themselves is
//     exempt.
// FERRY_SEED picks the seed (printed), FERRY_CONVERGENCE_STEPS the length (default 300). A failure
// prints the seed and the operation log; FERRY_CONVERGENCE_LOG=1 prints it after a pass too.
#include "core/config/paths.h"
#include "core/sync/ignorerules.h"
#include "core/sync/syncstate.h"
#include "core/sync/versionstore.h"
#include "tests/support/ferryprocess.h"
#include "tests/support/gitcli.h"
#include "tests/support/gitdaemon.h"
#include "tests/support/replica.h"

#include <cstdio>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
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

#include "tests/integration/tst_convergence.h"

// One file per policy under the mapping "shared" (the default rules, docs/config.md).
static const char* const kFiles[] = {"memories/m.json", "notes/plan.md", "app/settings.json",
                                     "data/blob.bin"};

// QTest cuts long messages: the whole operation log goes to stderr, the message keeps its end.
QString TestConvergence::fail(const QString& what) const
{
    std::fputs(qPrintable(QStringLiteral("operations:\n%1\n").arg(m_log.join(u'\n'))), stderr);
    return QStringLiteral("%1\nseed %2 (FERRY_SEED=%2 to replay); the last operations (all above):\n%3")
        .arg(what)
        .arg(m_seed)
        .arg(m_log.mid(qMax<qsizetype>(0, m_log.size() - 12)).join(u'\n'));
}

void TestConvergence::exemptTokensIn(const QByteArray& content)
{
    for (auto it = m_tokens.begin(); it != m_tokens.end(); ++it) {
        if (content.contains(it.key().toLatin1()))
            it->exempt = true;
    }
}

QString TestConvergence::newToken(int r)
{
    const QString token = QStringLiteral("T%1r%2").arg(m_next++, 4, 10, QLatin1Char('0')).arg(r);
    m_tokens.insert(token, Token{r});
    return token;
}

void TestConvergence::write(int r, const QString& file)
{
    Replica& replica = *m_replicas[size_t(r)];
    const QString token = newToken(r);
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
    applySkew(r, file);
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
    const Guarded before = guarded(r);
    sync::SyncResult result = replica.sync();
    m_log << QStringLiteral("%1 syncs: %2").arg(replica.profile().name, result.summary());
    checkGuarded(r, before, QStringLiteral("a cycle"));
    if (result.remoteReset) {
        // A reset says nothing about what people deleted: nothing moved until someone chose.
        CHECK(result.filesChanged() == 0 && !result.ok, QStringLiteral("moved after a reset"));
        result = chooseAfterReset(r);
    }
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
    const Guarded before = guarded(r);
    const test::FerryProcess::Result run =
        test::FerryProcess(replica.writeConfig(), replica.dataDir())
            .env(QStringLiteral("FERRY_FAILPOINT"), QString::fromLatin1(point))
            .env(QStringLiteral("FERRY_RETRY_BASE_MS"), QStringLiteral("1"))
            .run({QStringLiteral("sync")}, 60000);
    m_log << QStringLiteral("%1 runs ferry sync with a crash at %2: exit %3")
                 .arg(replica.profile().name, QString::fromLatin1(point))
                 .arg(run.exitCode);
    checkGuarded(r, before, QStringLiteral("a crashed ferry sync"));
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

void TestConvergence::setRefusing(bool refusing)
{
    if (refusing == m_refusing)
        return;
    const QString repository = m_down ? m_remote + QStringLiteral(".down") : m_remote; // wherever it is now
    const QString hook = repository + QStringLiteral("/hooks/pre-receive");
    if (refusing)
        test::installHook(repository, QStringLiteral("pre-receive"),
                          "#!/bin/sh\necho 'GH006: Protected branch update failed' >&2\nexit 1\n");
    else
        QFile::remove(hook);
    m_refusing = refusing;
    m_log << (refusing ? QStringLiteral("the server refuses pushes")
                       : QStringLiteral("the server accepts again"));
}

// Someone rolls the branch back to an older commit (a force-push), or deletes it.
void TestConvergence::resetRemote()
{
    if (m_down)
        return;
    const QStringList history =
        QString::fromLatin1(GitCli::run(m_remote, {QStringLiteral("rev-list"), QStringLiteral("sync")}).out)
            .split(u'\n', Qt::SkipEmptyParts);
    if (history.size() < 2)
        return;
    ++m_resets;
    if (m_rng.bounded(4) == 0) {
        GitCli::run(m_remote,
                    {QStringLiteral("update-ref"), QStringLiteral("-d"), QStringLiteral("refs/heads/sync")});
        m_log << QStringLiteral("someone deletes the branch");
        return;
    }
    const QString older = history[1 + int(m_rng.bounded(int(qMin<qsizetype>(history.size() - 1, 8))))];
    GitCli::run(m_remote, {QStringLiteral("update-ref"), QStringLiteral("refs/heads/sync"), older});
    m_log << QStringLiteral("someone force-pushes the older %1").arg(older.left(8));
}

sync::SyncResult TestConvergence::chooseAfterReset(int r)
{
    Replica& replica = *m_replicas[size_t(r)];
    sync::SyncOptions options;
    options.resetChoice = m_rng.bounded(5) == 0 ? sync::ResetChoice::TakeRemote : sync::ResetChoice::Reupload;
    const sync::SyncResult result = replica.sync(options);
    m_log << QStringLiteral("%1 chooses %2: %3")
                 .arg(replica.profile().name,
                      options.resetChoice == sync::ResetChoice::Reupload ? QStringLiteral("--reupload")
                                                                         : QStringLiteral("--accept-remote"),
                      result.summary());
    return result;
}

// Every blob the remote's branches and reflogs can still reach: the remote's history.
QByteArray TestConvergence::remoteHistory() const
{
    QByteArray all;
    const QByteArray objects = GitCli::run(m_remote, {QStringLiteral("rev-list"), QStringLiteral("--all"),
                                                      QStringLiteral("--objects")})
                                   .out;
    for (const QByteArray& line : objects.split('\n')) {
        const QByteArray oid = line.left(40);
        if (oid.size() == 40 && GitCli::run(m_remote, {QStringLiteral("cat-file"), QStringLiteral("-t"),
                                                       QString::fromLatin1(oid)})
                                        .out.trimmed() == "blob")
            all += GitCli::run(m_remote,
                               {QStringLiteral("cat-file"), QStringLiteral("blob"), QString::fromLatin1(oid)})
                       .out +
                   '\n';
    }
    return all;
}

void TestConvergence::step(int)
{
    const int r = int(m_rng.bounded(3));
    const int roll = int(m_rng.bounded(100));
    if (roll < 40)
        write(r, QString::fromLatin1(kFiles[m_rng.bounded(4)]));
    else if (roll < 46)
        removeOrRename(r);
    else if (roll < 78)
        syncInProcess(r);
    else if (roll < 83)
        crashSync(r);
    else if (roll < 86)
        setOutage(!m_down);
    else if (roll < 88)
        setRefusing(!m_refusing);
    else if (roll < 90)
        resetRemote();
    else if (roll < 93)
        editIgnoreRules(r);
    else if (roll < 96)
        swapType(r);
    else if (roll < 98)
        flipReadable(r);
    else
        skewClock(r);
}

// Every replica syncs until a whole round changes nothing (a replica that finds the remote reset gets
// its person's choice).
void TestConvergence::syncUntilQuiet(const QString& phase)
{
    bool quiet = false;
    for (int round = 0; round < 8 && !quiet; ++round) {
        quiet = true;
        for (int r = 0; r < 3; ++r) {
            markSeen(r);
            const Guarded before = guarded(r);
            sync::SyncResult result = m_replicas[size_t(r)]->sync();
            m_log << QStringLiteral("%1 round %2: %3").arg(phase).arg(round).arg(result.summary());
            if (result.waiting > 0)
                m_log << QStringLiteral("  notes: %1").arg(result.notes.join(QStringLiteral("; ")));
            checkGuarded(r, before, phase);
            if (QTest::currentTestFailed())
                return;
            if (result.remoteReset) {
                result = chooseAfterReset(r);
                quiet = false;
            }
            CHECK(result.ok, result.error);
            quiet = quiet && result.filesChanged() == 0 && result.waiting == 0; // nothing left behind
        }
    }
    CHECK(quiet, QStringLiteral("%1: still changing after 8 rounds").arg(phase));
}

// Each replica holds exactly the remote's files outside its ignore rules; what it ignores may differ.
void TestConvergence::compareWithRemoteOutsideIgnored()
{
    const QMap<QString, QByteArray> remote =
        test::filesInBranch(m_remote, QStringLiteral("sync"), QStringLiteral("shared"));
    for (int r = 0; r < 3; ++r) {
        QMap<QString, QByteArray> here = m_replicas[size_t(r)]->contents();
        QMap<QString, QByteArray> there = remote;
        here.removeIf([&](const auto& it) { return m_rules[size_t(r)].ignoresPath(it.key()); });
        there.removeIf([&](const auto& it) { return m_rules[size_t(r)].ignoresPath(it.key()); });
        QStringList differing;
        for (const QString& path : QSet<QString>(here.keyBegin(), here.keyEnd()) +
                                       QSet<QString>(there.keyBegin(), there.keyEnd())) {
            if (here.value(path) != there.value(path) || here.contains(path) != there.contains(path))
                differing << path;
        }
        differing.sort();
        CHECK(differing.isEmpty(), QStringLiteral("%1 (ignoring %2) differs from the remote at %3")
                                       .arg(m_replicas[size_t(r)]->profile().name,
                                            m_replicas[size_t(r)]->profile().ignore.join(u' '),
                                            differing.join(QStringLiteral(", "))));
    }
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
    m_daemon = std::make_unique<test::GitDaemon>(m_dir->path());
    QVERIFY(m_daemon->isRunning());
    for (const char* name : {"alpha", "beta", "gamma"}) {
        m_replicas.push_back(std::make_unique<Replica>(m_dir->path(), QString::fromLatin1(name),
                                                       m_daemon->url(QStringLiteral("remote.git")),
                                                       QStringLiteral("shared")));
        m_rules.push_back(sync::IgnoreRules::compile({}).value());
    }
    for (int n = 0; n < steps && !QTest::currentTestFailed(); ++n)
        step(n);
    if (QTest::currentTestFailed())
        return;

    // Quiet: the remote back and accepting, every folder readable, the ignore rules as they are.
    setOutage(false);
    setRefusing(false);
    for (int r = 0; r < 3; ++r) {
        if (!m_unreadable[r].isEmpty())
            flipReadable(r);
    }
    syncUntilQuiet(QStringLiteral("quiet with the ignore rules"));
    if (QTest::currentTestFailed())
        return;
    compareWithRemoteOutsideIgnored();
    if (QTest::currentTestFailed())
        return;
    // Every rule taken back: what each replica ignored comes back through the three-way decision.
    for (int r = 0; r < 3; ++r) {
        m_replicas[size_t(r)]->profile().ignore.clear();
        m_rules[size_t(r)] = sync::IgnoreRules::compile({}).value();
    }
    m_log << QStringLiteral("every ignore rule is removed");
    syncUntilQuiet(QStringLiteral("quiet without ignore rules"));
    if (QTest::currentTestFailed())
        return;

    const QMap<QString, QByteArray> final = m_replicas[0]->contents();
    for (size_t r = 1; r < 3; ++r)
        CHECK(m_replicas[r]->contents() == final, QStringLiteral("%1 differs from alpha: %2 vs %3 files")
                                                      .arg(m_replicas[r]->profile().name)
                                                      .arg(m_replicas[r]->contents().size())
                                                      .arg(final.size()));
    QByteArray everything = remoteHistory();
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
        CHECK(pendingNow.contains(m_pendingSeen[int(r)]),
              QStringLiteral("%1 lost a pending conflict").arg(replica.profile().name));
    }
    int checked = 0;
    for (auto it = m_tokens.constBegin(); it != m_tokens.constEnd(); ++it) {
        if (!it->seen || it->exempt)
            continue;
        ++checked;
        CHECK(everything.contains(it.key().toLatin1()),
              QStringLiteral("the version with %1 is gone").arg(it.key()));
    }
    qInfo("%d files at the end, %d tokens checked, %lld written, %d remote resets", int(final.size()),
          checked, qlonglong(m_tokens.size()), m_resets);
    QStringList events;
    for (auto it = m_events.constBegin(); it != m_events.constEnd(); ++it)
        events << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
    qInfo("%s", qPrintable(events.join(QStringLiteral(", "))));
    if (qEnvironmentVariableIsSet("FERRY_CONVERGENCE_LOG")) // the operations of a run that passed
        std::fputs(qPrintable(m_log.join(u'\n') + u'\n'), stderr);
}

QTEST_GUILESS_MAIN(TestConvergence)
