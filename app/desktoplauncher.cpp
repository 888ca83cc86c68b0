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
    const QDir dir(binDir);
    const QString name = QString::fromLatin1(kName);
    for (const QString& candidate :
         {dir.filePath(name),
          QDir::cleanPath(dir.filePath(QStringLiteral(FERRY_DESKTOP_RELATIVE "/") + name))}) {
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
