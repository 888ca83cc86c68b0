#include "app/desktoplauncher.h"

#include <memory>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using ferry::app::DesktopLauncher;

// `ferry` finds `ferry-desktop` beside it (the build tree) or in PREFIX/libexec/ferry (the package), and
// the tray application finds the `ferry` its autostart entry names the other way round
// (docs/development.md, "Two executables").
class TestDesktopLauncher : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void installedTheyFindEachOther();
    void inTheBuildTreeTheyAreSideBySide();
    void aMissingOrNonExecutableFileIsNotFound();

private:
    QString make(const QString& relative, QFile::Permissions permissions) const;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestDesktopLauncher::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestDesktopLauncher::make(const QString& relative, QFile::Permissions permissions) const
{
    const QString path = m_dir->filePath(relative);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || !f.setPermissions(permissions))
        return {};
    return QFileInfo(path).absoluteFilePath();
}

void TestDesktopLauncher::installedTheyFindEachOther()
{
    const auto exe = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
    const QString ferry = make(QStringLiteral("usr/bin/ferry"), exe);
    const QString desktop = make(QStringLiteral("usr/libexec/ferry/ferry-desktop"), exe);
    QCOMPARE(DesktopLauncher::locate(m_dir->filePath(QStringLiteral("usr/bin"))), desktop);
    QCOMPARE(DesktopLauncher::command(m_dir->filePath(QStringLiteral("usr/libexec/ferry"))), ferry);
}

void TestDesktopLauncher::inTheBuildTreeTheyAreSideBySide()
{
    const auto exe = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
    const QString ferry = make(QStringLiteral("build/app/ferry"), exe);
    const QString desktop = make(QStringLiteral("build/app/ferry-desktop"), exe);
    const QString dir = m_dir->filePath(QStringLiteral("build/app"));
    QCOMPARE(DesktopLauncher::locate(dir), desktop);
    QCOMPARE(DesktopLauncher::command(dir), ferry);
}

void TestDesktopLauncher::aMissingOrNonExecutableFileIsNotFound()
{
    make(QStringLiteral("usr/bin/ferry"), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QCOMPARE(DesktopLauncher::locate(m_dir->filePath(QStringLiteral("usr/bin"))), QString());
    make(QStringLiteral("usr/libexec/ferry/ferry-desktop"), QFile::ReadOwner | QFile::WriteOwner);
    QCOMPARE(DesktopLauncher::locate(m_dir->filePath(QStringLiteral("usr/bin"))), QString());
    QCOMPARE(DesktopLauncher::command(m_dir->filePath(QStringLiteral("opt"))), QString());
}

QTEST_GUILESS_MAIN(TestDesktopLauncher)
#include "tst_desktoplauncher.moc"
