#include "ui/settings/autostart.h"

#include "core/config/paths.h"
#include "core/util/atomicfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>

namespace ferry::ui {
namespace {

QString& defaultProgram()
{
    static QString program;
    return program;
}

QString programOr(const QString& program)
{
    if (!program.isEmpty())
        return program;
    return defaultProgram().isEmpty() ? QCoreApplication::applicationFilePath() : defaultProgram();
}

QStringList startArguments(const QString& program, const QStringList& arguments)
{
    return QStringList{programOr(program), QStringLiteral("--minimized")} + arguments;
}

#if !defined(Q_OS_WIN) && !defined(Q_OS_MACOS)
// One argument of a desktop entry's Exec key, quoted as the Desktop Entry Specification asks: inside
// double quotes, `"`, `` ` ``, `$` and `\` are escaped with a backslash; then the key's own string
// escaping doubles every backslash again, and a literal `%` (a field code otherwise) is written `%%`.
QString desktopExecArgument(const QString& argument)
{
    QString quoted;
    for (const QChar c : argument) {
        if (c == u'"' || c == u'`' || c == u'$' || c == u'\\')
            quoted += u'\\';
        quoted += c;
    }
    quoted.replace(u'\\', QStringLiteral("\\\\"));
    quoted.replace(u'%', QStringLiteral("%%"));
    return u'"' + quoted + u'"';
}
#endif

#if defined(Q_OS_WIN)
QString windowsCommandLine(const QStringList& words)
{
    QStringList quoted;
    for (const QString& word : words)
        quoted.append(u'"' + QDir::toNativeSeparators(word) + u'"');
    return quoted.join(u' ');
}
#else
QByteArray entryContent(const QStringList& words)
{
#if defined(Q_OS_MACOS)
    QByteArray strings;
    for (const QString& word : words)
        strings += "<string>" + word.toHtmlEscaped().toUtf8() + "</string>";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\"><dict>"
           "<key>Label</key><string>org.ferry.Ferry</string><key>ProgramArguments</key><array>" +
           strings + "</array><key>RunAtLoad</key><true/></dict></plist>\n";
#else
    QStringList exec;
    for (const QString& word : words)
        exec.append(desktopExecArgument(word));
    return "[Desktop Entry]\nType=Application\nName=Ferry\nComment=Keeps folders in sync with Git\nExec=" +
           exec.join(u' ').toUtf8() + "\nIcon=ferry\nTerminal=false\nX-GNOME-Autostart-enabled=true\n";
#endif
}
#endif

} // namespace

QStringList Autostart::launchArguments(const QString& configPath, const QString& dataDir)
{
    QStringList arguments;
    if (!configPath.isEmpty() && QDir::cleanPath(configPath) != config::Paths::platformConfigFile())
        arguments << QStringLiteral("--config") << QDir(configPath).absolutePath();
    if (!dataDir.isEmpty() && QDir::cleanPath(dataDir) != config::Paths::platformDataDir())
        arguments << QStringLiteral("--data-dir") << QDir(dataDir).absolutePath();
    return arguments;
}

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

void Autostart::setDefaultProgram(const QString& program)
{
    defaultProgram() = program;
}

bool Autostart::isEnabled()
{
#if defined(Q_OS_WIN)
    return QSettings(entryPath(), QSettings::NativeFormat).contains(QStringLiteral("Ferry"));
#else
    return QFile::exists(entryPath());
#endif
}

bool Autostart::isCurrent(const QStringList& arguments, const QString& program)
{
    const QStringList words = startArguments(program, arguments);
#if defined(Q_OS_WIN)
    return QSettings(entryPath(), QSettings::NativeFormat).value(QStringLiteral("Ferry")).toString() ==
           windowsCommandLine(words);
#else
    QFile entry(entryPath());
    return entry.open(QIODevice::ReadOnly) && entry.readAll() == entryContent(words);
#endif
}

bool Autostart::setEnabled(bool enabled, QString* error, const QStringList& arguments, const QString& program)
{
    const QStringList words = startArguments(program, arguments);
#if defined(Q_OS_WIN)
    QSettings run(entryPath(), QSettings::NativeFormat);
    if (enabled)
        run.setValue(QStringLiteral("Ferry"), windowsCommandLine(words));
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
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (const Status written = util::writeFileAtomically(path, entryContent(words)); !written) {
        if (error)
            *error = written.message();
        return false;
    }
    return true;
#endif
}

} // namespace ferry::ui
