// The profile's "origin" remote as fetches and pushes use it (core/git/originremote.*): built from the
// bare clone's configuration without git_remote_lookup, whose insteadOf walk leaks PCRE2 match data in
// libgit2 1.5 for every configuration entry it does not match; the URL rewriting git users rely on
// (url.<base>.insteadOf, pushInsteadOf, remote.origin.pushurl) still applies. Real bare repositories and
// the git CLI.
#include "core/git/remote.h"
#include "core/git/repository.h"
#include "tests/support/gitcli.h"
#include "tests/support/gitdaemon.h"
#include "tests/support/remotefolder.h"

#include <malloc.h>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ferry;
using test::GitCli;

class TestOriginRemote : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void fetchesAndPushesDoNotGrowTheHeap();
    void insteadOfRewritesTheUrl();
    void pushesGoWherePushInsteadOfAndPushurlSay();
    void openingTheCloneAgainLeavesItsConfigAlone();

private:
    QString path(const QString& name) const { return m_dir->path() + u'/' + name; }
    // A commit of one file on top of `parent` in `repo`.
    static QString commitFile(git::Repository& repo, const QString& parent, const QByteArray& content);
    QByteArray remoteHead(const QString& bare) const;
    void gitConfig(const QString& repo, const QString& key, const QString& value) const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestOriginRemote::init()
{
    m_dir = test::makeRemoteFolder();
    QVERIFY(m_dir);
}

QString TestOriginRemote::commitFile(git::Repository& repo, const QString& parent, const QByteArray& content)
{
    const Result<QString> blob = repo.writeBlob(content);
    if (!blob)
        return {};
    const Result<QString> commit =
        repo.commit(parent, {{QStringLiteral("notes/a.md"), *blob}}, QStringLiteral("edit"),
                    {QStringLiteral("T"), QStringLiteral("t@example.org")});
    return commit ? *commit : QString();
}

QByteArray TestOriginRemote::remoteHead(const QString& bare) const
{
    const GitCli::Output out = GitCli::run(bare, {QStringLiteral("rev-parse"), QStringLiteral("sync")});
    return out.exitCode == 0 ? out.out.trimmed() : QByteArray();
}

void TestOriginRemote::gitConfig(const QString& repo, const QString& key, const QString& value) const
{
    GitCli::ok(repo, {QStringLiteral("config"), QStringLiteral("--add"), key, value});
}

// libgit2 1.5 leaked about 20 KiB for every configuration entry at every lookup of the remote (twice a
// lookup): with 60 entries, 100 fetches and pushes grew the heap by about 240 MB before the change.
void TestOriginRemote::fetchesAndPushesDoNotGrowTheHeap()
{
    const QString clone = path(QStringLiteral("data/repo.git"));
    auto repo = git::Repository::openOrInit(clone, path(QStringLiteral("remote.git")));
    QVERIFY2(repo.ok(), qPrintable(repo.message()));
    for (int i = 0; i < 60; ++i)
        gitConfig(clone, QStringLiteral("ferrytest.entry%1").arg(i), QStringLiteral("value"));
    git::Remote remote(**repo, {});
    QString head;
    auto cycle = [&](int i) {
        const Result<QString> fetched = remote.fetch(QStringLiteral("sync"));
        QVERIFY2(fetched.ok(), qPrintable(fetched.message()));
        head = commitFile(**repo, head, QByteArray::number(i));
        QVERIFY(!head.isEmpty());
        const Result<git::Remote::PushOutcome> pushed = remote.push(QStringLiteral("sync"), head);
        QVERIFY2(pushed.ok(), qPrintable(pushed.message()));
        QCOMPARE(*pushed, git::Remote::PushOutcome::Pushed);
    };
    for (int i = 0; i < 5; ++i) // caches, pools and the pack files' windows settle first
        cycle(i);
    const size_t before = mallinfo2().uordblks;
    for (int i = 5; i < 55; ++i)
        cycle(i);
    const size_t after = mallinfo2().uordblks;
    const double grownMiB = (double(after) - double(before)) / (1024.0 * 1024.0);
    qInfo("heap in use grew by %.2f MiB over 50 fetches and pushes", grownMiB);
    QVERIFY2(grownMiB < 4.0, qPrintable(QStringLiteral("grew by %1 MiB").arg(grownMiB)));
    QCOMPARE(remoteHead(path(QStringLiteral("remote.git"))), head.toLatin1());
}

// A user's `url.<base>.insteadOf` in the clone's (or their global) configuration rewrites the remote's
// URL as git does: the longest matching prefix wins.
void TestOriginRemote::insteadOfRewritesTheUrl()
{
    const QString clone = path(QStringLiteral("data/repo.git"));
    auto repo = git::Repository::openOrInit(clone, QStringLiteral("ferry-test:remote.git"));
    QVERIFY2(repo.ok(), qPrintable(repo.message()));
    gitConfig(clone, QStringLiteral("url.%1/nowhere/.insteadOf").arg(m_dir->path()), QStringLiteral("ferry"));
    gitConfig(clone, QStringLiteral("url.%1/.insteadOf").arg(m_dir->path()), QStringLiteral("ferry-test:"));
    git::Remote remote(**repo, {});
    QVERIFY2(remote.fetch(QStringLiteral("sync")).ok(), "the rewritten URL is reached");
    const QString head = commitFile(**repo, {}, "one\n");
    const Result<git::Remote::PushOutcome> pushed = remote.push(QStringLiteral("sync"), head);
    QVERIFY2(pushed.ok(), qPrintable(pushed.message()));
    QCOMPARE(remoteHead(path(QStringLiteral("remote.git"))), head.toLatin1());
}

// Pushes follow pushInsteadOf, and remote.origin.pushurl when it is set, while fetches keep the URL
// (through git daemon: libgit2 1.5's local transport pushes to the fetch URL whatever the push URL).
void TestOriginRemote::pushesGoWherePushInsteadOfAndPushurlSay()
{
    const QString clone = path(QStringLiteral("data/repo.git"));
    for (const QString& name : {QStringLiteral("push-a.git"), QStringLiteral("push-b.git")})
        GitCli::ok(m_dir->path(),
                   {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), name});
    test::GitDaemon daemon(m_dir->path());
    QVERIFY(daemon.isRunning());
    auto repo = git::Repository::openOrInit(clone, daemon.url(QStringLiteral("remote.git")));
    QVERIFY2(repo.ok(), qPrintable(repo.message()));
    gitConfig(clone, QStringLiteral("url.%1.pushInsteadOf").arg(daemon.url(QStringLiteral("push-a.git"))),
              daemon.url(QStringLiteral("remote.git")));
    git::Remote remote(**repo, {});
    QVERIFY(remote.fetch(QStringLiteral("sync")).ok());
    const QString first = commitFile(**repo, {}, "one\n");
    const Result<git::Remote::PushOutcome> pushed = remote.push(QStringLiteral("sync"), first);
    QVERIFY2(pushed.ok(), qPrintable(pushed.message()));
    QCOMPARE(*pushed, git::Remote::PushOutcome::Pushed);
    QCOMPARE(remoteHead(path(QStringLiteral("push-a.git"))), first.toLatin1());
    QVERIFY(remoteHead(path(QStringLiteral("remote.git"))).isEmpty());

    gitConfig(clone, QStringLiteral("remote.origin.pushurl"), daemon.url(QStringLiteral("push-b.git")));
    git::Remote again(**repo, {});
    const Result<git::Remote::PushOutcome> pushedAgain = again.push(QStringLiteral("sync"), first);
    QVERIFY2(pushedAgain.ok(), qPrintable(pushedAgain.message()));
    QCOMPARE(remoteHead(path(QStringLiteral("push-b.git"))), first.toLatin1());
    QVERIFY(remoteHead(path(QStringLiteral("remote.git"))).isEmpty());
}

// Opening the clone again with the same URL writes nothing; a new URL replaces the old one.
void TestOriginRemote::openingTheCloneAgainLeavesItsConfigAlone()
{
    const QString clone = path(QStringLiteral("data/repo.git"));
    const QString url = path(QStringLiteral("remote.git"));
    QVERIFY(git::Repository::openOrInit(clone, url).ok());
    gitConfig(clone, QStringLiteral("url.%1.insteadOf").arg(url), QStringLiteral("ferry-test:"));
    const QByteArray config = [&] {
        QFile f(clone + QStringLiteral("/config"));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    QVERIFY(config.contains("[remote \"origin\"]"));
    QVERIFY(git::Repository::openOrInit(clone, url).ok());
    QFile f(clone + QStringLiteral("/config"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), config);
    f.close();

    QVERIFY(git::Repository::openOrInit(clone, QStringLiteral("ferry-test:")).ok());
    QCOMPARE(GitCli::ok(clone, {QStringLiteral("config"), QStringLiteral("remote.origin.url")}).trimmed(),
             QByteArray("ferry-test:"));
}

QTEST_GUILESS_MAIN(TestOriginRemote)
#include "tst_originremote.moc"
