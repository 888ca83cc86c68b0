// The conflict policies end to end: two replicas on one bare remote edit the same file concurrently,
// then sync; each policy's documented result must hold on both, with every replaced local version in
// the versions archive, and `ferry conflicts` / `ferry resolve` settling what is left.
#include "core/config/paths.h"
#include "core/sync/conflictresolver.h"
#include "core/sync/syncstate.h"
#include "core/sync/versionstore.h"
#include "tests/support/ferryprocess.h"
#include "tests/support/gitcli.h"
#include "tests/support/replica.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace ferry;
using test::GitCli;
using test::Replica;

class TestConflictPolicies : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void unionKeepsBothAppendsOnceWithoutTheDeletedRecord();
    void mergeCombinesEditsToDifferentLines();
    void overlappingEditsGetMarkersAPendingConflictAndAResolution();
    void newestTakesTheLaterVersionAndArchivesTheLocalLoser();
    void newestReadsTheLatestChangeInHistoryNotTheLatestClock();
    void invalidJsonFallsBackToKeepBoth();
    void aKeptBothConflictResolvedWithTheLocalVersionReachesTheOtherReplica();
    void aMarkersConflictResolvedWithTheLocalVersionRestoresIt();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out, err;
    };
    Run ferry(const Replica& r, const QStringList& args) const;
    QString remote() const { return m_dir->path() + QStringLiteral("/remote.git"); }
    static QList<sync::ArchivedVersion> archived(Replica& r, const QString& path);
    static QList<sync::PendingConflict> pendingOf(Replica& r);
    // Both replicas have `base` at `path`; then each edits it, alpha's edit is pushed, beta's is not.
    static void editConcurrently(Replica& alpha, Replica& beta, const QString& path, const QByteArray& base,
                                 const QByteArray& byAlpha, const QByteArray& byBeta);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestConflictPolicies::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    GitCli::ok(m_dir->path(),
               {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), remote()});
}

TestConflictPolicies::Run TestConflictPolicies::ferry(const Replica& r, const QStringList& args) const
{
    const test::FerryProcess::Result run = test::FerryProcess(r.writeConfig(), r.dataDir()).run(args, 60000);
    return {run.exitCode, run.out.toUtf8(), run.err.toUtf8()};
}

QList<sync::ArchivedVersion> TestConflictPolicies::archived(Replica& r, const QString& path)
{
    return sync::VersionStore(config::Paths::versionsDir(r.dataDir(), r.profile().name)).list(path).value();
}

void TestConflictPolicies::editConcurrently(Replica& alpha, Replica& beta, const QString& path,
                                            const QByteArray& base, const QByteArray& byAlpha,
                                            const QByteArray& byBeta)
{
    alpha.write(path, base);
    QVERIFY(alpha.sync().ok);
    QVERIFY(beta.sync().ok);
    alpha.write(path, byAlpha);
    beta.write(path, byBeta);
    QVERIFY(alpha.sync().ok);
}

QList<sync::PendingConflict> TestConflictPolicies::pendingOf(Replica& r)
{
    return sync::SyncState::load(config::Paths::stateFile(r.dataDir(), r.profile().name))
        .value()
        .pendingConflicts;
}

static QStringList idsIn(const QByteArray& json)
{
    QStringList ids;
    for (const QJsonValue& v :
         QJsonDocument::fromJson(json).object().value(QStringLiteral("memories")).toArray())
        ids << v[QStringLiteral("id")].toString();
    ids.sort();
    return ids;
}

static QByteArray memories(const QStringList& ids)
{
    QJsonArray array;
    for (const QString& id : ids)
        array.append(
            QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("text"), QStringLiteral("note ") + id}});
    return QJsonDocument(QJsonObject{{QStringLiteral("memories"), array}}).toJson();
}

void TestConflictPolicies::unionKeepsBothAppendsOnceWithoutTheDeletedRecord()
{
    const QString repoPath = QStringLiteral("shared/memories");
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote(), repoPath);
    Replica beta(m_dir->path(), QStringLiteral("beta"), remote(), repoPath);
    const QString file = QStringLiteral("user_valentin/memories.json");
    alpha.write(file, memories({QStringLiteral("m1"), QStringLiteral("m2"), QStringLiteral("m3")}));
    QVERIFY(alpha.sync().ok);
    QVERIFY(beta.sync().ok);

    alpha.write(file, memories({QStringLiteral("m1"), QStringLiteral("m2"), QStringLiteral("m3"),
                                QStringLiteral("a1")}));
    beta.write(file,
               memories({QStringLiteral("m2"), QStringLiteral("m3"), QStringLiteral("b1")})); // m1 deleted
    QVERIFY(alpha.sync().ok);
    const sync::SyncResult merged = beta.sync();
    QVERIFY2(merged.ok, qPrintable(merged.error));
    QCOMPARE(merged.conflicts, 1);
    QCOMPARE(merged.settled, 1);
    QCOMPARE(merged.pending, 0);
    // Counted for the profile's card, in the state and in the cycle's snapshot of it.
    QCOMPARE(beta.state().metrics.conflictsAutoResolved, 1);
    QCOMPARE(merged.snapshot.metrics.conflictsAutoResolved, 1);
    QVERIFY(alpha.sync().ok);

    const QStringList expected{QStringLiteral("a1"), QStringLiteral("b1"), QStringLiteral("m2"),
                               QStringLiteral("m3")};
    QCOMPARE(idsIn(alpha.read(file)), expected);
    QCOMPARE(beta.read(file), alpha.read(file));
    QCOMPARE(test::filesInBranch(remote(), QStringLiteral("sync"), repoPath).value(file), alpha.read(file));
    // Syncing again changes nothing on either side.
    QCOMPARE(alpha.sync().filesChanged(), 0);
    QCOMPARE(beta.sync().filesChanged(), 0);
    // Beta's own version before the merge is in its archive.
    const QList<sync::ArchivedVersion> kept = archived(beta, repoPath + u'/' + file);
    QCOMPARE(kept.size(), 1);
    QCOMPARE(idsIn(sync::VersionStore(config::Paths::versionsDir(beta.dataDir(), QStringLiteral("beta")))
                       .content(kept[0].id)
                       .value()),
             (QStringList{QStringLiteral("b1"), QStringLiteral("m2"), QStringLiteral("m3")}));
}

void TestConflictPolicies::mergeCombinesEditsToDifferentLines()
{
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    Replica beta(m_dir->path(), QStringLiteral("beta"), remote());
    editConcurrently(alpha, beta, QStringLiteral("notes.md"), "# Plan\n\nintro\n\nmiddle\n\nend\n",
                     "# Plan\n\nintro by alpha\n\nmiddle\n\nend\n",
                     "# Plan\n\nintro\n\nmiddle\n\nend by beta\n");
    const sync::SyncResult r = beta.sync();
    QVERIFY(r.ok);
    QCOMPARE(r.settled, 1);
    QCOMPARE(r.pending, 0);
    QVERIFY(alpha.sync().ok);
    const QByteArray expected = "# Plan\n\nintro by alpha\n\nmiddle\n\nend by beta\n";
    QCOMPARE(alpha.read(QStringLiteral("notes.md")), expected);
    QCOMPARE(beta.read(QStringLiteral("notes.md")), expected);
    QCOMPARE(alpha.contents().size(), 1); // no conflict copy
    QCOMPARE(archived(beta, QStringLiteral("shared/docs/notes.md")).size(), 1);
}

void TestConflictPolicies::overlappingEditsGetMarkersAPendingConflictAndAResolution()
{
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    Replica beta(m_dir->path(), QStringLiteral("beta"), remote());
    editConcurrently(alpha, beta, QStringLiteral("todo.txt"), "buy milk\n", "buy oat milk\n",
                     "buy no milk\n");
    const Run synced = ferry(beta, {QStringLiteral("sync")});
    QCOMPARE(synced.exitCode, 1); // a conflict was left for a person
    QVERIFY2(synced.out.contains("1 left for you"), synced.out.constData());
    const QByteArray marked = beta.read(QStringLiteral("todo.txt"));
    QVERIFY2(marked.contains("<<<<<<< local\nbuy no milk\n") &&
                 marked.contains("=======\nbuy oat milk\n>>>>>>> remote"),
             marked.constData());

    // `ferry conflicts` shows it; the marker file reached alpha too, so both replicas show the same.
    const Run listed = ferry(beta, {QStringLiteral("conflicts"), QStringLiteral("--json")});
    QCOMPARE(listed.exitCode, 0);
    const QJsonArray conflicts = QJsonDocument::fromJson(listed.out).array();
    QCOMPARE(conflicts.size(), 1);
    const QJsonObject c = conflicts[0].toObject();
    QCOMPARE(c[QStringLiteral("path")].toString(), QStringLiteral("shared/docs/todo.txt"));
    QCOMPARE(c[QStringLiteral("policy")].toString(), QStringLiteral("merge"));
    QCOMPARE(c[QStringLiteral("kind")].toString(), QStringLiteral("markers"));
    QVERIFY(alpha.sync().ok);
    QCOMPARE(alpha.read(QStringLiteral("todo.txt")), marked);

    // The person writes the resolution; the next sync takes it to alpha.
    const QString resolution = m_dir->path() + QStringLiteral("/resolved.txt");
    QFile f(resolution);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("buy oat milk, not too much\n");
    f.close();
    const Run resolved =
        ferry(beta, {QStringLiteral("resolve"), c[QStringLiteral("id")].toString(), QStringLiteral("--take"),
                     QStringLiteral("merged"), QStringLiteral("--file"), resolution});
    QVERIFY2(resolved.exitCode == 0, resolved.err.constData());
    QVERIFY(pendingOf(beta).isEmpty());
    const Run again = ferry(beta, {QStringLiteral("resolve"), c[QStringLiteral("id")].toString(),
                                   QStringLiteral("--take"), QStringLiteral("local")});
    QCOMPARE(again.exitCode, 1);
    QVERIFY(beta.sync().ok);
    QVERIFY(alpha.sync().ok);
    QCOMPARE(alpha.read(QStringLiteral("todo.txt")), QByteArray("buy oat milk, not too much\n"));
    QCOMPARE(sync::SyncState::load(config::Paths::stateFile(beta.dataDir(), QStringLiteral("beta")))
                 .value()
                 .metrics.conflictsResolved,
             1);
    // Beta's original line and the marker file are both in its archive.
    const QList<sync::ArchivedVersion> kept = archived(beta, QStringLiteral("shared/docs/todo.txt"));
    QCOMPARE(kept.size(), 2);
}

void TestConflictPolicies::newestTakesTheLaterVersionAndArchivesTheLocalLoser()
{
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    Replica beta(m_dir->path(), QStringLiteral("beta"), remote());
    const QString file = QStringLiteral("app/settings.json");
    alpha.write(file, "{\"theme\": \"light\"}\n");
    QVERIFY(alpha.sync().ok);
    QVERIFY(beta.sync().ok);

    // Beta's edit is older than alpha's push: the remote wins and beta's version is archived.
    alpha.write(file, "{\"theme\": \"dark\"}\n");
    beta.write(file, "{\"theme\": \"blue\"}\n");
    QFile older(beta.folder() + u'/' + file);
    QVERIFY(older.open(QIODevice::ReadWrite));
    QVERIFY(
        older.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-3600), QFileDevice::FileModificationTime));
    older.close();
    QVERIFY(alpha.sync().ok);
    const sync::SyncResult lost = beta.sync();
    QVERIFY(lost.ok);
    QCOMPARE(lost.settled, 1);
    QCOMPARE(beta.read(file), QByteArray("{\"theme\": \"dark\"}\n"));
    const QList<sync::ArchivedVersion> kept = archived(beta, QStringLiteral("shared/docs/") + file);
    QCOMPARE(kept.size(), 1);
    QCOMPARE(sync::VersionStore(config::Paths::versionsDir(beta.dataDir(), QStringLiteral("beta")))
                 .content(kept[0].id)
                 .value(),
             QByteArray("{\"theme\": \"blue\"}\n"));

    // Now beta's edit is newer than alpha's commit: beta's version wins everywhere.
    alpha.write(file, "{\"theme\": \"solarized\"}\n");
    QVERIFY(alpha.sync().ok);
    beta.write(file, "{\"theme\": \"mono\"}\n");
    QFile newer(beta.folder() + u'/' + file);
    QVERIFY(newer.open(QIODevice::ReadWrite));
    QVERIFY(
        newer.setFileTime(QDateTime::currentDateTimeUtc().addSecs(120), QFileDevice::FileModificationTime));
    newer.close();
    const sync::SyncResult won = beta.sync();
    QVERIFY(won.ok);
    QCOMPARE(won.settled, 1);
    QVERIFY(alpha.sync().ok);
    QCOMPARE(alpha.read(file), QByteArray("{\"theme\": \"mono\"}\n"));
    QCOMPARE(alpha.contents().size(), 1);
    QVERIFY(pendingOf(beta).isEmpty());
}

// A machine whose clock runs an hour ahead committed an edit; a later commit on top of it, from a
// machine with the right clock, edited the file again 30 minutes ago. The remote's time for the file
// is that later commit's, found by history, not the highest timestamp: a local edit of 10 minutes ago
// is newer and wins.
void TestConflictPolicies::newestReadsTheLatestChangeInHistoryNotTheLatestClock()
{
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    Replica beta(m_dir->path(), QStringLiteral("beta"), remote());
    const QString file = QStringLiteral("app/settings.json");
    alpha.write(file, "{\"theme\": \"light\"}\n");
    QVERIFY(alpha.sync().ok);
    QVERIFY(beta.sync().ok);

    const QString clone = m_dir->filePath(QStringLiteral("clone"));
    const QString branch = alpha.profile().branch;
    GitCli::ok(m_dir->path(), {QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("-b"), branch,
                               remote(), clone});
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto commitAt = [&](const QByteArray& content, const QDateTime& when) {
        QFile f(clone + QStringLiteral("/shared/docs/") + file);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(content);
        f.close();
        QProcessEnvironment env;
        const QString date = QString::number(when.toSecsSinceEpoch()) + QStringLiteral(" +0000");
        env.insert(QStringLiteral("GIT_COMMITTER_DATE"), date);
        env.insert(QStringLiteral("GIT_AUTHOR_DATE"), date);
        QCOMPARE(GitCli::run(clone,
                             {QStringLiteral("commit"), QStringLiteral("-qam"), QStringLiteral("edit")}, {},
                             env)
                     .exitCode,
                 0);
    };
    commitAt("{\"theme\": \"fast clock\"}\n", now.addSecs(3600));
    commitAt("{\"theme\": \"right clock\"}\n", now.addSecs(-1800));
    GitCli::ok(clone, {QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("origin"), branch});

    beta.write(file, "{\"theme\": \"beta\"}\n");
    QFile edited(beta.folder() + u'/' + file);
    QVERIFY(edited.open(QIODevice::ReadWrite));
    QVERIFY(edited.setFileTime(now.addSecs(-600), QFileDevice::FileModificationTime));
    edited.close();
    const sync::SyncResult won = beta.sync();
    QVERIFY(won.ok);
    QCOMPARE(won.settled, 1);
    QCOMPARE(beta.read(file), QByteArray("{\"theme\": \"beta\"}\n"));
    QVERIFY(alpha.sync().ok);
    QCOMPARE(alpha.read(file), QByteArray("{\"theme\": \"beta\"}\n"));
}

void TestConflictPolicies::invalidJsonFallsBackToKeepBoth()
{
    const QString repoPath = QStringLiteral("shared/memories");
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote(), repoPath);
    Replica beta(m_dir->path(), QStringLiteral("beta"), remote(), repoPath);
    alpha.write(QStringLiteral("m.json"), "[1]\n");
    QVERIFY(alpha.sync().ok);
    QVERIFY(beta.sync().ok);
    alpha.write(QStringLiteral("m.json"), "[1, 2]\n");
    beta.write(QStringLiteral("m.json"), "[1, oops\n");
    QVERIFY(alpha.sync().ok);
    const sync::SyncResult r = beta.sync();
    QVERIFY(r.ok);
    QCOMPARE(r.keptBoth, 1);
    QVERIFY2(r.notes.join(u'\n').contains(
                 QStringLiteral("union does not apply (the local version is not valid JSON)")),
             qPrintable(r.notes.join(u'\n')));
    const QList<sync::PendingConflict> pending = pendingOf(beta);
    QCOMPARE(pending.size(), 1);
    QCOMPARE(pending[0].policy, config::ConflictPolicy::Union);
    QVERIFY(!pending[0].copyPath.isEmpty());
    QCOMPARE(beta.contents().size(), 2);
    QVERIFY(beta.contents().values().contains(QByteArray("[1, oops\n")));
}

// Regression: the local version of a conflict left with markers was never stored in the object
// database, so `resolve --take local` and the resolver window failed with "object not found".
void TestConflictPolicies::aMarkersConflictResolvedWithTheLocalVersionRestoresIt()
{
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    Replica beta(m_dir->path(), QStringLiteral("beta"), remote());
    editConcurrently(alpha, beta, QStringLiteral("todo.txt"), "buy milk\n", "buy oat milk\n",
                     "buy no milk\n");
    beta.sync();
    const QList<sync::PendingConflict> pending = pendingOf(beta);
    QCOMPARE(pending.size(), 1);
    sync::ConflictResolver resolver(beta.profile(), beta.dataDir());
    QCOMPARE(resolver.version(pending[0], QStringLiteral("local")).value(), QByteArray("buy no milk\n"));
    QCOMPARE(resolver.version(pending[0], QStringLiteral("remote")).value(), QByteArray("buy oat milk\n"));
    const Run resolved = ferry(
        beta, {QStringLiteral("resolve"), pending[0].id, QStringLiteral("--take"), QStringLiteral("local")});
    QVERIFY2(resolved.exitCode == 0, resolved.err.constData());
    QCOMPARE(beta.read(QStringLiteral("todo.txt")), QByteArray("buy no milk\n"));
    QVERIFY(beta.sync().ok);
    QVERIFY(alpha.sync().ok);
    QCOMPARE(alpha.read(QStringLiteral("todo.txt")), QByteArray("buy no milk\n"));
}

void TestConflictPolicies::aKeptBothConflictResolvedWithTheLocalVersionReachesTheOtherReplica()
{
    Replica alpha(m_dir->path(), QStringLiteral("alpha"), remote());
    Replica beta(m_dir->path(), QStringLiteral("beta"), remote());
    alpha.write(QStringLiteral("photo.bin"), QByteArray("\x89PNG one", 8));
    QVERIFY(alpha.sync().ok);
    QVERIFY(beta.sync().ok);
    alpha.write(QStringLiteral("photo.bin"), QByteArray("\x89PNG alpha", 10));
    beta.write(QStringLiteral("photo.bin"), QByteArray("\x89PNG beta", 9));
    QVERIFY(alpha.sync().ok);
    const Run synced = ferry(beta, {QStringLiteral("sync")});
    QCOMPARE(synced.exitCode, 1);
    QCOMPARE(beta.contents().size(), 2); // the remote version under the name, beta's as a copy

    // The cycle's sync_logs row says what happened to the conflicts.
    const Run history = ferry(beta, {QStringLiteral("history"), QStringLiteral("--json")});
    const QJsonObject metadata =
        QJsonDocument::fromJson(history.out).array().first()[QStringLiteral("metadata")].toObject();
    QCOMPARE(metadata[QStringLiteral("conflicts")].toInt(), 1);
    QCOMPARE(metadata[QStringLiteral("conflicts_auto_resolved")].toInt(), 0);
    QCOMPARE(metadata[QStringLiteral("conflicts_pending")].toInt(), 1);

    const QList<sync::PendingConflict> pending = pendingOf(beta);
    QCOMPARE(pending.size(), 1);
    const Run resolved = ferry(
        beta, {QStringLiteral("resolve"), pending[0].id, QStringLiteral("--take"), QStringLiteral("local")});
    QVERIFY2(resolved.exitCode == 0, resolved.err.constData());
    QCOMPARE(beta.contents().keys(), QStringList{QStringLiteral("photo.bin")});
    QCOMPARE(beta.read(QStringLiteral("photo.bin")), QByteArray("\x89PNG beta", 9));
    QVERIFY(beta.sync().ok);
    QVERIFY(alpha.sync().ok);
    QCOMPARE(alpha.contents(), beta.contents());
    // Alpha's version, replaced on beta by the resolution, is in beta's archive.
    QCOMPARE(archived(beta, QStringLiteral("shared/docs/photo.bin")).size(), 1);
}

QTEST_GUILESS_MAIN(TestConflictPolicies)
#include "tst_conflictpolicies.moc"
