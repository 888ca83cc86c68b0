#include "tests/support/replica.h"

#include "core/config/configfile.h"
#include "core/config/paths.h"
#include "tests/support/gitcli.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTest>

namespace ferry::test {

Replica::Replica(const QString& root, const QString& name, const QString& remoteUrl, const QString& repoPath)
    : m_folder(root + u'/' + name + QStringLiteral("/folder")),
      m_dataDir(root + u'/' + name + QStringLiteral("/data"))
{
    QDir().mkpath(m_folder);
    m_profile.name = name;
    m_profile.remote = remoteUrl;
    m_profile.folders = {{m_folder, repoPath}};
}

sync::SyncResult Replica::sync(bool allowMassDelete)
{
    sync::SyncOptions options;
    options.allowMassDelete = allowMassDelete;
    return sync(options);
}

sync::SyncResult Replica::sync(const sync::SyncOptions& options)
{
    util::Backoff fast;
    fast.baseMs = 1;
    sync::SyncEngine engine(m_profile, m_dataDir, fast);
    sync::SyncResult result = engine.runCycle(options);
    // As the app and `ferry sync` do, after the result; its time lands in the result for the tests only.
    if (const std::optional<git::Repacker::Report> repacked = engine.maintain())
        result.timings[QStringLiteral("repack")] = repacked->seconds;
    return result;
}

sync::SyncState Replica::state() const
{
    const Result<sync::SyncState> loaded =
        sync::SyncState::load(config::Paths::stateFile(m_dataDir, m_profile.name));
    return loaded ? *loaded : sync::SyncState{};
}

void Replica::write(const QString& relative, const QByteArray& content) const
{
    const QString path = m_folder + u'/' + relative;
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write(content);
}

QByteArray Replica::read(const QString& relative) const
{
    QFile f(m_folder + u'/' + relative);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool Replica::remove(const QString& relative) const
{
    return QFile::remove(m_folder + u'/' + relative);
}

bool Replica::rename(const QString& from, const QString& to) const
{
    QDir().mkpath(QFileInfo(m_folder + u'/' + to).absolutePath());
    return QFile::rename(m_folder + u'/' + from, m_folder + u'/' + to);
}

QMap<QString, QByteArray> Replica::contents() const
{
    QMap<QString, QByteArray> files;
    QDirIterator it(m_folder, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (it.fileName().startsWith(QStringLiteral(".ferry-")))
            continue; // Ferry's own marker and temporary files
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            files.insert(QDir(m_folder).relativeFilePath(path), f.readAll());
    }
    return files;
}

QString Replica::writeConfig() const
{
    const QString path = QDir::cleanPath(m_dataDir + QStringLiteral("/../config.json"));
    config::Config c;
    c.profiles = {m_profile};
    if (const Status saved = config::ConfigFile(path).save(c); !saved)
        QTest::qFail(qPrintable(saved.message()), __FILE__, __LINE__);
    return path;
}

QMap<QString, QByteArray> filesInBranch(const QString& bareRepo, const QString& branch, const QString& prefix)
{
    QMap<QString, QByteArray> files;
    const GitCli::Output list = GitCli::run(
        bareRepo, {QStringLiteral("ls-tree"), QStringLiteral("-r"), QStringLiteral("-z"), branch});
    for (const QByteArray& line : list.out.split('\0')) {
        if (line.isEmpty())
            continue;
        const QString path = QString::fromUtf8(line.mid(line.indexOf('\t') + 1));
        if (!path.startsWith(prefix + u'/'))
            continue;
        const QByteArray oid = line.split(' ').value(2).split('\t').value(0);
        files.insert(path.mid(prefix.size() + 1),
                     GitCli::run(bareRepo, {QStringLiteral("cat-file"), QStringLiteral("blob"),
                                            QString::fromLatin1(oid)})
                         .out);
    }
    return files;
}

} // namespace ferry::test
