#include "core/sync/reconciler.h"

#include <QTest>

using namespace ferry::sync;

// The three-way decision, case by case. Versions are short names ("a", "b"); "-" means absent;
// a trailing "+x" marks the executable bit.
class TestReconciler : public QObject
{
    Q_OBJECT

private slots:
    void decidesEachPathFromBaseLocalAndRemote_data();
    void decidesEachPathFromBaseLocalAndRemote();
    void refusesUnsafeRemoteEntriesAndWritesNothingForThem();
    void aTrackedFileTurnedIntoASymlinkThereIsKeptHere();
    void holdsMassDeletionsOnEitherSideUnlessAllowed_data();
    void holdsMassDeletionsOnEitherSideUnlessAllowed();
    void forgetsPathsOfFoldersNoLongerMapped();

private:
    static Reconciler::Input input();
    static QString oidOf(const QString& v)
    {
        return QString(40 - 2 * v.size(), u'0') + QString::fromLatin1(v.toLatin1().toHex());
    }
};

Reconciler::Input TestReconciler::input()
{
    Reconciler::Input in;
    in.folders = {{QStringLiteral("/tmp/unused"), QStringLiteral("shared/docs")}};
    in.host = QStringLiteral("host");
    in.now = QDateTime(QDate(2026, 11, 23), QTime(9, 0));
    return in;
}

static void put(Reconciler::Input& in, const QString& path, const QString& base, const QString& local,
                const QString& remote, const std::function<QString(const QString&)>& oid)
{
    const auto parse = [&](const QString& v) {
        return std::pair{oid(v.section(u'+', 0, 0)), v.endsWith(QStringLiteral("+x"))};
    };
    if (base != u"-") {
        const auto [o, x] = parse(base);
        FileRecord r;
        r.oid = o;
        r.executable = x;
        in.base.insert(path, r);
    }
    if (local != u"-" && local != u"~") {
        const auto [o, x] = parse(local);
        LocalFile f;
        f.oid = o;
        f.stat.executable = x;
        f.stat.type = FileStat::Type::File;
        in.local.changed.insert(path, f);
    }
    if (local == u"-" && base != u"-")
        in.local.gone.insert(path);
    in.local.base = in.base;
    if (local == u"~") { // still being written
        LocalFile f;
        f.stable = false;
        in.local.changed.insert(path, f);
    }
    if (remote != u"-") {
        const auto [o, x] = parse(remote);
        in.remote.insert(path, ferry::git::TreeEntry{o, x ? ferry::git::TreeEntry::Kind::Executable
                                                          : ferry::git::TreeEntry::Kind::File});
    }
}

void TestReconciler::decidesEachPathFromBaseLocalAndRemote_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("local");
    QTest::addColumn<QString>("remote");
    QTest::addColumn<QString>("decision");

    QTest::newRow("unchanged") << "a"
                               << "a"
                               << "a"
                               << "none";
    QTest::newRow("edited here") << "a"
                                 << "b"
                                 << "a"
                                 << "upload";
    QTest::newRow("added here") << "-"
                                << "b"
                                << "-"
                                << "upload";
    QTest::newRow("deleted here") << "a"
                                  << "-"
                                  << "a"
                                  << "remote-delete";
    QTest::newRow("edited there") << "a"
                                  << "a"
                                  << "b"
                                  << "download";
    QTest::newRow("added there") << "-"
                                 << "-"
                                 << "b"
                                 << "download";
    QTest::newRow("deleted there") << "a"
                                   << "a"
                                   << "-"
                                   << "local-delete";
    QTest::newRow("same edit on both sides") << "a"
                                             << "b"
                                             << "b"
                                             << "agreed";
    QTest::newRow("same add on both sides") << "-"
                                            << "b"
                                            << "b"
                                            << "agreed";
    QTest::newRow("deleted on both sides") << "a"
                                           << "-"
                                           << "-"
                                           << "forgotten";
    QTest::newRow("deleted here, edited there") << "a"
                                                << "-"
                                                << "b"
                                                << "download";
    QTest::newRow("edited here, deleted there") << "a"
                                                << "b"
                                                << "-"
                                                << "upload";
    QTest::newRow("edited differently") << "a"
                                        << "b"
                                        << "c"
                                        << "conflict modify/modify";
    QTest::newRow("added differently") << "-"
                                       << "b"
                                       << "c"
                                       << "conflict add/add";
    QTest::newRow("made executable here") << "a"
                                          << "a+x"
                                          << "a"
                                          << "upload";
    QTest::newRow("made executable there") << "a"
                                           << "a"
                                           << "a+x"
                                           << "download";
    QTest::newRow("still being written") << "a"
                                         << "~"
                                         << "b"
                                         << "waiting";
}

void TestReconciler::decidesEachPathFromBaseLocalAndRemote()
{
    QFETCH(QString, base);
    QFETCH(QString, local);
    QFETCH(QString, remote);
    QFETCH(QString, decision);
    Reconciler::Input in = input();
    const QString path = QStringLiteral("shared/docs/notes/plan.md");
    put(in, path, base, local, remote, oidOf);
    const auto decide = [&](const Reconciler::Input& input) {
        const SyncPlan plan = Reconciler::plan(input);
        QStringList decisions;
        const auto note = [&](const QStringList& list, const char* name) {
            if (list.contains(path))
                decisions << QString::fromLatin1(name);
        };
        note(plan.uploads, "upload");
        note(plan.remoteDeletes, "remote-delete");
        note(plan.downloads, "download");
        note(plan.localDeletes, "local-delete");
        note(plan.agreed, "agreed");
        note(plan.forgotten, "forgotten");
        note(plan.waiting, "waiting");
        for (const ConflictCase& c : plan.conflicts) {
            decisions << QStringLiteral("conflict ") + c.kind;
            if (c.copyPath != QStringLiteral("shared/docs/notes/plan (conflict host 2026-11-23 0900).md"))
                decisions << QStringLiteral("bad copy path ") + c.copyPath;
        }
        return decisions.join(u',');
    };
    const QString expected = decision == u"none" ? QString() : decision;
    QCOMPARE(decide(in), expected);

    // A scan that found the file exactly as recorded reports it as unchanged, not as a file: same decision.
    if (local == base && base != u"-") {
        Reconciler::Input unchanged = in;
        unchanged.local.changed.clear();
        QCOMPARE(decide(unchanged), expected);
    }
    // The shortcut for an unmoved head decides the same without the remote tree.
    if (remote == base) {
        in.remote.clear();
        in.remoteIsBase = true;
        QCOMPARE(decide(in), expected);
    }
}

void TestReconciler::refusesUnsafeRemoteEntriesAndWritesNothingForThem()
{
    Reconciler::Input in = input();
    for (const char* p : {"shared/docs/ok.md", "shared/docs/../../escape.md", "shared/docs/.git/config",
                          "shared/docs/a//b", "other/outside-the-mapping.md"})
        in.remote.insert(QString::fromLatin1(p), ferry::git::TreeEntry{oidOf(QStringLiteral("a")),
                                                                       ferry::git::TreeEntry::Kind::File});
    in.remote.insert(QStringLiteral("shared/docs/link"),
                     ferry::git::TreeEntry{oidOf(QStringLiteral("l")), ferry::git::TreeEntry::Kind::Symlink});
    const SyncPlan plan = Reconciler::plan(in);
    QCOMPARE(plan.downloads, QStringList{QStringLiteral("shared/docs/ok.md")});
    QCOMPARE(plan.refused.size(), 4);
    const QString all = plan.refused.join(u'\n');
    QVERIFY2(all.contains(QStringLiteral("shared/docs/../../escape.md: \"..\" would leave the folder")),
             qPrintable(all));
    QVERIFY(all.contains(QStringLiteral("shared/docs/.git/config: .git is reserved")));
    QVERIFY(all.contains(QStringLiteral("shared/docs/link: symlinks are not synced")));
    QVERIFY(!all.contains(QStringLiteral("outside-the-mapping"))); // not ours to judge: simply not synced
}

// The remote replaced a synced file by a symlink (or a submodule): Ferry does not write that here, and
// must not read it as "deleted there" either. The local file stays; neither side is changed.
void TestReconciler::aTrackedFileTurnedIntoASymlinkThereIsKeptHere()
{
    Reconciler::Input in = input();
    const auto oid = [](const QString& v) {
        return oidOf(v);
    };
    put(in, QStringLiteral("shared/docs/kept.md"), QStringLiteral("a"), QStringLiteral("a"),
        QStringLiteral("a"), oid);
    put(in, QStringLiteral("shared/docs/edited.md"), QStringLiteral("a"), QStringLiteral("b"),
        QStringLiteral("a"), oid);
    in.local.changed.remove(QStringLiteral("shared/docs/kept.md")); // unchanged here
    for (const char* p : {"shared/docs/kept.md", "shared/docs/edited.md"})
        in.remote[QString::fromLatin1(p)] =
            ferry::git::TreeEntry{oidOf(QStringLiteral("l")), ferry::git::TreeEntry::Kind::Symlink};
    in.remote.insert(
        QStringLiteral("shared/docs/new-module"),
        ferry::git::TreeEntry{oidOf(QStringLiteral("m")), ferry::git::TreeEntry::Kind::Submodule});
    const SyncPlan plan = Reconciler::plan(in);
    QVERIFY2(plan.localDeletes.isEmpty(), qPrintable(plan.localDeletes.join(u',')));
    QVERIFY(plan.uploads.isEmpty() && plan.remoteDeletes.isEmpty() && plan.downloads.isEmpty());
    QCOMPARE(plan.waiting,
             (QStringList{QStringLiteral("shared/docs/edited.md"), QStringLiteral("shared/docs/kept.md")}));
    QCOMPARE(plan.refused.size(), 3);
}

void TestReconciler::holdsMassDeletionsOnEitherSideUnlessAllowed_data()
{
    QTest::addColumn<int>("files");
    QTest::addColumn<int>("deleted");
    QTest::addColumn<bool>("here");
    QTest::addColumn<bool>("allow");
    QTest::addColumn<bool>("held");
    QTest::newRow("60 of 100 deleted here") << 100 << 60 << true << false << true;
    QTest::newRow("60 of 100 deleted there") << 100 << 60 << false << false << true;
    QTest::newRow("60 of 100, allowed") << 100 << 60 << true << true << false;
    QTest::newRow("50 of 60: not more than 50") << 60 << 50 << true << false << false;
    QTest::newRow("60 of 1000: under 30 %") << 1000 << 60 << true << false << false;
}

void TestReconciler::holdsMassDeletionsOnEitherSideUnlessAllowed()
{
    QFETCH(int, files);
    QFETCH(int, deleted);
    QFETCH(bool, here);
    QFETCH(bool, allow);
    QFETCH(bool, held);
    Reconciler::Input in = input();
    in.allowMassDelete = allow;
    for (int i = 0; i < files; ++i) {
        const bool gone = i < deleted;
        put(in, QStringLiteral("shared/docs/f%1.txt").arg(i), QStringLiteral("a"),
            gone && here ? QStringLiteral("-") : QStringLiteral("a"),
            gone && !here ? QStringLiteral("-") : QStringLiteral("a"), oidOf);
    }
    put(in, QStringLiteral("shared/docs/new.txt"), QStringLiteral("-"), QStringLiteral("n"),
        QStringLiteral("-"), oidOf);
    const SyncPlan plan = Reconciler::plan(in);
    QCOMPARE(plan.held.size(), held ? deleted : 0);
    QCOMPARE(plan.remoteDeletes.size() + plan.localDeletes.size(), held ? 0 : deleted);
    QCOMPARE(plan.uploads, QStringList{QStringLiteral("shared/docs/new.txt")}); // the rest still syncs
}

void TestReconciler::forgetsPathsOfFoldersNoLongerMapped()
{
    Reconciler::Input in = input();
    put(in, QStringLiteral("shared/old/a.md"), QStringLiteral("a"), QStringLiteral("-"), QStringLiteral("a"),
        oidOf);
    const SyncPlan plan = Reconciler::plan(in);
    QVERIFY(plan.remoteDeletes.isEmpty());
    QCOMPARE(plan.forgotten, QStringList{QStringLiteral("shared/old/a.md")});
}

QTEST_GUILESS_MAIN(TestReconciler)
#include "tst_reconciler.moc"
