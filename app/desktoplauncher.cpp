#include "app/desktoplauncher.h"

#include <cerrno>
#include <cstring>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <unistd.h>

namespace ferry::app {

QString DesktopLauncher::locate(const QString& binDir)
{
    return executableIn(binDir, QStringLiteral(FERRY_DESKTOP_RELATIVE), QString::fromLatin1(kName));
}

QString DesktopLauncher::command(const QString& desktopDir)
{
    return executableIn(desktopDir, QStringLiteral(FERRY_BIN_RELATIVE), QStringLiteral("ferry"));
}

QString DesktopLauncher::executableIn(const QString& dir, const QString& relative, const QString& name)
{
    const QDir d(dir);
    for (const QString& candidate : {d.filePath(name), QDir::cleanPath(d.filePath(relative + u'/' + name))}) {
        const QFileInfo info(candidate);
        if (info.isFile() && info.isExecutable())
            return info.absoluteFilePath();
    }
    return {};
}

QString DesktopLauncher::exec(const QString& program, char** argv)
{
    const QByteArray path = QFile::encodeName(program);
    ::execv(path.constData(), argv);
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace ferry::app
