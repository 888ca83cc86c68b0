// The randomized convergence test's events on a person's own machine (issue 14): ignore rules edited,
// a name turned from a file into a folder or back, a folder that cannot be read for a while, a clock
// that is off; and the check after each cycle that nothing ignored or unreadable left anywhere.
#include "tests/integration/tst_convergence.h"
#include "tests/support/gitcli.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

using namespace ferry;
using test::GitCli;
using test::Replica;

// Names that are now a file, now a folder.
static const char* const kShapes[] = {"shape/one", "shape/two"};
// What people add to (and remove from) their ignore rules: a suffix, a folder, a name prefix.
static const char* const kIgnorePatterns[] = {"*.bin", "notes/", "moved-*"};
// Folders that may become unreadable for a while.
static const char* const kFolders[] = {"notes", "memories", "app", "data", "shape", "shape/one", "shape/two"};

// A pattern the replica does not have is added, one it has is removed.
void TestConvergence::editIgnoreRules(int r)
{
    Replica& replica = *m_replicas[size_t(r)];
    const QString pattern = QString::fromLatin1(kIgnorePatterns[m_rng.bounded(3)]);
    QStringList& ignore = replica.profile().ignore;
    const bool adding = !ignore.contains(pattern);
    if (adding)
        ignore.append(pattern);
    else
        ignore.removeAll(pattern);
    m_rules[size_t(r)] = sync::IgnoreRules::compile(ignore).value();
    ++m_events[adding ? QStringLiteral("ignore rules added") : QStringLiteral("ignore rules removed")];
    m_log << QStringLiteral("%1 %2 the ignore rule %3")
                 .arg(replica.profile().name, adding ? QStringLiteral("adds") : QStringLiteral("removes"),
                      pattern);
}

// A file becomes a folder of the same name or the reverse; now and then two replicas make one of each.
void TestConvergence::swapType(int r)
{
    Replica& replica = *m_replicas[size_t(r)];
    const QString path = QString::fromLatin1(kShapes[m_rng.bounded(2)]);
    const QFileInfo here(replica.folder() + u'/' + path);
    if (m_rng.bounded(3) == 0) {
        const int other = (r + 1 + int(m_rng.bounded(2))) % 3;
        makeFile(r, path);
        makeFolder(other, path);
        ++m_events[QStringLiteral("file against folder")];
    } else if (here.isFile() || (!here.exists() && m_rng.bounded(2) == 0)) {
        makeFolder(r, path);
        ++m_events[QStringLiteral("file to folder")];
    } else {
        makeFile(r, path);
        ++m_events[QStringLiteral("folder to file")];
    }
}

void TestConvergence::makeFile(int r, const QString& path)
{
    Replica& replica = *m_replicas[size_t(r)];
    const QString absolute = replica.folder() + u'/' + path;
    if (QFileInfo(absolute).isDir()) {
        exemptTree(r, path);
        QDir(absolute).removeRecursively();
    } else {
        exemptTokensIn(replica.read(path));
    }
    const QString token = newToken(r);
    replica.write(path, token.toLatin1() + " as a file\n");
    applySkew(r, path);
    m_log << QStringLiteral("%1 makes %2 a file (%3)").arg(replica.profile().name, path, token);
}

void TestConvergence::makeFolder(int r, const QString& path)
{
    Replica& replica = *m_replicas[size_t(r)];
    if (QFileInfo(replica.folder() + u'/' + path).isFile()) {
        exemptTokensIn(replica.read(path));
        replica.remove(path);
    }
    const QString token = newToken(r);
    const QString inside = path + QStringLiteral("/inside-%1.md").arg(m_next++);
    replica.write(inside, token.toLatin1() + " in a folder\n");
    applySkew(r, inside);
    m_log << QStringLiteral("%1 makes %2 a folder (%3)").arg(replica.profile().name, inside, token);
}

void TestConvergence::exemptTree(int r, const QString& folder)
{
    QDirIterator it(m_replicas[size_t(r)]->folder() + u'/' + folder, QDir::Files | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            exemptTokensIn(f.readAll());
    }
}

// A subfolder cannot be read (EIO at opendir, as on a dying disk or a stale mount: chmod 000 would not
// stop a test running as root) until the next flip of the same replica. The variable is read at each
// scan, by this process and by the `ferry sync` runs it starts.
void TestConvergence::flipReadable(int r)
{
    Replica& replica = *m_replicas[size_t(r)];
    QString& folder = m_unreadable[r];
    if (!folder.isEmpty()) {
        m_log << QStringLiteral("%1 can read %2 again").arg(replica.profile().name, folder);
        folder.clear();
    } else {
        QStringList existing;
        for (const char* candidate : kFolders) {
            if (QFileInfo(replica.folder() + u'/' + QString::fromLatin1(candidate)).isDir())
                existing << QString::fromLatin1(candidate);
        }
        if (existing.isEmpty())
            return;
        folder = existing[int(m_rng.bounded(int(existing.size())))];
        ++m_events[QStringLiteral("folders made unreadable")];
        m_log << QStringLiteral("%1 cannot read %2").arg(replica.profile().name, folder);
    }
    QStringList absolute;
    for (size_t i = 0; i < m_replicas.size(); ++i) {
        if (!m_unreadable[int(i)].isEmpty())
            absolute << m_replicas[i]->folder() + u'/' + m_unreadable[int(i)];
    }
    if (absolute.isEmpty())
        qunsetenv("FERRY_TEST_UNREADABLE");
    else
        qputenv("FERRY_TEST_UNREADABLE", absolute.join(u':').toUtf8());
}

// The replica's clock goes wrong by minutes or hours (or right again), and its person edits the file
// whose conflicts `newest` decides by time.
void TestConvergence::skewClock(int r)
{
    static const qint64 skews[] = {-3 * 3600, -20 * 60, -90, 0, 90, 20 * 60, 3 * 3600};
    m_skewSeconds[r] = skews[m_rng.bounded(7)];
    ++m_events[QStringLiteral("clock skews")];
    m_log << QStringLiteral("%1's clock is %2 s off")
                 .arg(m_replicas[size_t(r)]->profile().name)
                 .arg(m_skewSeconds[r]);
    write(r, QStringLiteral("app/settings.json"));
}

void TestConvergence::applySkew(int r, const QString& file)
{
    if (m_skewSeconds[r] == 0)
        return;
    QFile f(m_replicas[size_t(r)]->folder() + u'/' + file);
    if (f.open(QIODevice::ReadWrite))
        f.setFileTime(QDateTime::currentDateTimeUtc().addSecs(m_skewSeconds[r]),
                      QFileDevice::FileModificationTime);
}

bool TestConvergence::guards(int r, const QString& path) const
{
    const QString& unreadable = m_unreadable[r];
    return m_rules[size_t(r)].ignoresPath(path) ||
           (!unreadable.isEmpty() && path.startsWith(unreadable + u'/'));
}

// The remote's files under the mapping, by path inside it ("" when the branch is gone).
QSet<QString> TestConvergence::remotePaths() const
{
    QSet<QString> paths;
    const QString repository = m_down ? m_remote + QStringLiteral(".down") : m_remote;
    const GitCli::Output listed =
        GitCli::run(repository, {QStringLiteral("ls-tree"), QStringLiteral("-r"), QStringLiteral("-z"),
                                 QStringLiteral("--name-only"), QStringLiteral("sync")});
    for (const QByteArray& line : listed.out.split('\0')) {
        if (line.startsWith("shared/"))
            paths.insert(QString::fromUtf8(line.mid(7)));
    }
    return paths;
}

TestConvergence::Guarded TestConvergence::guarded(int r) const
{
    Guarded g{remotePaths(), {}};
    const QMap<QString, QByteArray> files = m_replicas[size_t(r)]->contents();
    for (auto it = files.begin(); it != files.end(); ++it) {
        if (guards(r, it.key()))
            g.local.insert(it.key(), it.value());
    }
    return g;
}

void TestConvergence::checkGuarded(int r, const Guarded& before, const QString& cycle)
{
    Replica& replica = *m_replicas[size_t(r)];
    const QSet<QString> after = remotePaths();
    bool guardedThere = false; // whether the check could fail this time (printed at the end)
    for (const QString& path : before.remote) {
        guardedThere = guardedThere || guards(r, path);
        CHECK(after.contains(path) || !guards(r, path),
              QStringLiteral("%1 of %2 deleted %3 from the remote (ignored or unreadable there)")
                  .arg(cycle, replica.profile().name, path));
    }
    if (guardedThere)
        ++m_events[QStringLiteral("cycles with an ignored or unreadable path on the remote")];
    for (auto it = before.local.begin(); it != before.local.end(); ++it) {
        const QString absolute = replica.folder() + u'/' + it.key();
        CHECK(QFileInfo(absolute).isFile() && replica.read(it.key()) == it.value(),
              QStringLiteral("%1 of %2 deleted or changed its %3 (ignored or unreadable)")
                  .arg(cycle, replica.profile().name, it.key()));
    }
}
