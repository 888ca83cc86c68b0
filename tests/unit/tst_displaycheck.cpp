#include "app/displaycheck.h"

#include <QTest>

using ferry::app::DisplayCheck;

// Whether the tray application finds a display, decided before Qt's platform plugin would abort.
class TestDisplayCheck : public QObject
{
    Q_OBJECT

private slots:
    void aDisplayIsReachableOnlyWhenThePlatformCanConnect_data();
    void aDisplayIsReachableOnlyWhenThePlatformCanConnect();
};

void TestDisplayCheck::aDisplayIsReachableOnlyWhenThePlatformCanConnect_data()
{
    QTest::addColumn<QString>("platformOption"); // -platform
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QString>("missing"); // empty: reachable

    const QString none;
    QTest::newRow("nothing set") << none << QStringList{} << "neither DISPLAY nor WAYLAND_DISPLAY is set";
    QTest::newRow("X11 session") << none << QStringList{QStringLiteral("DISPLAY=:0")} << none;
    QTest::newRow("Wayland session") << none << QStringList{QStringLiteral("WAYLAND_DISPLAY=wayland-0")}
                                     << none;
    QTest::newRow("an empty DISPLAY is none")
        << none << QStringList{QStringLiteral("DISPLAY=")} << "neither DISPLAY nor WAYLAND_DISPLAY is set";
    QTest::newRow("offscreen") << none << QStringList{QStringLiteral("QT_QPA_PLATFORM=offscreen")} << none;
    QTest::newRow("minimal") << none << QStringList{QStringLiteral("QT_QPA_PLATFORM=minimal")} << none;
    QTest::newRow("xcb without DISPLAY")
        << none << QStringList{QStringLiteral("QT_QPA_PLATFORM=xcb"), QStringLiteral("WAYLAND_DISPLAY=w")}
        << "DISPLAY is not set (the xcb platform)";
    QTest::newRow("xcb with DISPLAY")
        << none << QStringList{QStringLiteral("QT_QPA_PLATFORM=xcb"), QStringLiteral("DISPLAY=:1")} << none;
    QTest::newRow("wayland without WAYLAND_DISPLAY")
        << none << QStringList{QStringLiteral("QT_QPA_PLATFORM=wayland-egl"), QStringLiteral("DISPLAY=:0")}
        << "WAYLAND_DISPLAY is not set (the wayland-egl platform)";
    QTest::newRow("a list falls back to xcb")
        << none << QStringList{QStringLiteral("QT_QPA_PLATFORM=wayland;xcb"), QStringLiteral("DISPLAY=:0")}
        << none;
    QTest::newRow("a list of two that cannot connect")
        << none << QStringList{QStringLiteral("QT_QPA_PLATFORM=wayland;xcb")}
        << "neither WAYLAND_DISPLAY nor DISPLAY is set (the wayland;xcb platform)";
    QTest::newRow("-platform wins over QT_QPA_PLATFORM")
        << QStringLiteral("offscreen") << QStringList{QStringLiteral("QT_QPA_PLATFORM=xcb")} << none;
    QTest::newRow("-platform xcb without DISPLAY")
        << QStringLiteral("xcb") << QStringList{QStringLiteral("QT_QPA_PLATFORM=offscreen")}
        << "DISPLAY is not set (the xcb platform)";
    QTest::newRow("plugin options after a colon")
        << QStringLiteral("xcb:nomitshm") << QStringList{QStringLiteral("DISPLAY=:0")} << none;
}

void TestDisplayCheck::aDisplayIsReachableOnlyWhenThePlatformCanConnect()
{
#if !defined(Q_OS_UNIX) || defined(Q_OS_DARWIN)
    QSKIP("macOS and Windows always have a display: no check there");
#endif
    QFETCH(QString, platformOption);
    QFETCH(QStringList, environment);
    QFETCH(QString, missing);
    QProcessEnvironment env;
    for (const QString& assignment : environment)
        env.insert(assignment.section(u'=', 0, 0), assignment.section(u'=', 1));
    QCOMPARE(DisplayCheck::missing(platformOption, env), missing);
}

QTEST_GUILESS_MAIN(TestDisplayCheck)
#include "tst_displaycheck.moc"
