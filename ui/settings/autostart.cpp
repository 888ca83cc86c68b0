#include "settings/autostart.h"

#include "util/atomicfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>

namespace ferry::ui {
namespace {

QString programOr(const QString& program)
{
    return program.isEmpty() ? QCoreApplication::applicationFilePath() : program;
}

} // namespace

QString Autostart::entryPath()
{
#if defined(Q_OS_WIN)
    return QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run");
#elif defined(Q_OS_MACOS)
    return QDir::homePath() + QStringLiteral("/Library/LaunchAgents/org.ferry.Ferry.plist");
#else
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/autostart/ferry.desktop");
#endif
}

bool Autostart::isEnabled()
{
#if defined(Q_OS_WIN)
    return QSettings(entryPath(), QSettings::NativeFormat).contains(QStringLiteral("Ferry"));
#else
    return QFile::exists(entryPath());
#endif
}

bool Autostart::setEnabled(bool enabled, QString* error, const QString& program)
{
#if defined(Q_OS_WIN)
    QSettings run(entryPath(), QSettings::NativeFormat);
    if (enabled)
        run.setValue(QStringLiteral("Ferry"),
                     QStringLiteral("\"%1\" --minimized").arg(QDir::toNativeSeparators(programOr(program))));
    else
        run.remove(QStringLiteral("Ferry"));
    run.sync();
    return run.status() == QSettings::NoError;
#else
    const QString path = entryPath();
    if (!enabled) {
        if (QFile::exists(path) && !QFile::remove(path)) {
            if (error)
                *error = QStringLiteral("cannot remove %1").arg(path);
            return false;
        }
        return true;
    }
#if defined(Q_OS_MACOS)
    const QByteArray content =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\"><dict>"
        "<key>Label</key><string>org.ferry.Ferry</string><key>ProgramArguments</key>"
        "<array><string>" +
        programOr(program).toHtmlEscaped().toUtf8() +
        "</string><string>--minimized</string></array><key>RunAtLoad</key><true/></dict></plist>\n";
#else
    const QByteArray content = "[Desktop Entry]\nType=Application\nName=Ferry\nComment=Keeps folders in sync "
                               "with Git\nExec=\"" +
                               programOr(program).toUtf8() +
                               "\" --minimized\nIcon=ferry\nTerminal=false\nX-GNOME-Autostart-enabled=true\n";
#endif
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (const Status written = util::writeFileAtomically(path, content); !written) {
        if (error)
            *error = written.message();
        return false;
    }
    return true;
#endif
}

} // namespace ferry::ui
