#include "core/sync/pathsafety.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QUuid>

namespace ferry::sync {
namespace {

QString componentProblem(const QString& c)
{
    if (c.isEmpty())
        return QStringLiteral("empty path component");
    if (c == u"." || c == u"..")
        return QStringLiteral("\"%1\" would leave the folder").arg(c);
    if (c.compare(QStringLiteral(".git"), Qt::CaseInsensitive) == 0)
        return QStringLiteral(".git is reserved for Git's own data");
    if (c.toUtf8().size() > 255)
        return QStringLiteral("a name longer than 255 bytes");
    for (const QChar ch : c) {
        if (ch.unicode() < 0x20 || ch == u'\\')
            return QStringLiteral("a control character or backslash in a name");
    }
#ifdef Q_OS_WIN
    static const QString invalid = QStringLiteral("<>:\"|?*");
    for (const QChar ch : c) {
        if (invalid.contains(ch))
            return QStringLiteral("'%1' cannot be in a Windows file name").arg(ch);
    }
    if (c.endsWith(u'.') || c.endsWith(u' '))
        return QStringLiteral("Windows file names cannot end with a dot or a space");
    static const QStringList reserved = {QStringLiteral("CON"), QStringLiteral("PRN"), QStringLiteral("AUX"),
                                         QStringLiteral("NUL")};
    const QString stem = c.section(u'.', 0, 0).toUpper();
    if (reserved.contains(stem) ||
        ((stem.startsWith(QStringLiteral("COM")) || stem.startsWith(QStringLiteral("LPT"))) &&
         stem.size() == 4 && stem[3].isDigit()))
        return QStringLiteral("%1 is a reserved name on Windows").arg(stem);
#endif
    return {};
}

} // namespace

QString PathSafety::problem(const QString& relativePath)
{
    if (relativePath.isEmpty())
        return QStringLiteral("empty path");
    if (relativePath.startsWith(u'/') || (relativePath.size() > 1 && relativePath[1] == u':'))
        return QStringLiteral("an absolute path");
    if (relativePath.contains(QChar(0)))
        return QStringLiteral("a NUL character");
    for (const QString& c : relativePath.split(u'/')) {
        if (const QString p = componentProblem(c); !p.isEmpty())
            return p;
    }
    return {};
}

bool PathSafety::isCaseInsensitive(const QString& folder)
{
    const QString probe =
        QStringLiteral(".ferry-case-probe-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
    QFile file(QDir(folder).filePath(probe));
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.close();
    const bool insensitive = QFile::exists(QDir(folder).filePath(probe.toUpper()));
    QFile::remove(file.fileName());
    return insensitive;
}

QSet<QString> PathSafety::caseCollisions(const QList<QString>& paths)
{
    QHash<QString, QString> firstByFolded;
    QSet<QString> collisions;
    for (const QString& p : paths) {
        const QString folded = p.toCaseFolded();
        const auto it = firstByFolded.constFind(folded);
        if (it == firstByFolded.constEnd()) {
            firstByFolded.insert(folded, p);
        } else {
            collisions.insert(p);
            collisions.insert(*it);
        }
    }
    return collisions;
}

} // namespace ferry::sync
