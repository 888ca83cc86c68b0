#include "ui/tray/trayicon.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QIcon>
#include <QMenu>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTest>
#include <QTranslator>

using ferry::ui::TrayIcon;

// Real menus on the offscreen platform (which has no system tray: the caller shows the status window).
class TestTrayIcon : public QObject
{
    Q_OBJECT

private slots:
    void withoutASystemTrayItSaysSo();
    void theMenuOffersEveryActionAndEachAsks();
    void pauseResumeAndConflictCountShowInTheMenu();
    void everyStateHasAnIconAndATooltip();
    void germanAndFrenchTranslationsAreCompiledIn_data();
    void germanAndFrenchTranslationsAreCompiledIn();

private:
    static QAction* action(const TrayIcon& tray, const QString& name);
};

QAction* TestTrayIcon::action(const TrayIcon& tray, const QString& name)
{
    return tray.menu()->findChild<QAction*>(name);
}

void TestTrayIcon::withoutASystemTrayItSaysSo()
{
    QVERIFY(!QSystemTrayIcon::isSystemTrayAvailable());
    TrayIcon tray;
    QVERIFY(!tray.isVisible());
}

void TestTrayIcon::theMenuOffersEveryActionAndEachAsks()
{
    TrayIcon tray;
    QStringList texts;
    for (QAction* a : tray.menu()->actions())
        if (!a->isSeparator())
            texts << a->text();
    QCOMPARE(texts, (QStringList{QStringLiteral("Sync &now"), QStringLiteral("&Pause syncing"),
                                 QStringLiteral("Run &pipeline"), QStringLiteral("&Status…"),
                                 QStringLiteral("Resolve &conflicts (0)…"), QStringLiteral("S&ettings…"),
                                 QStringLiteral("&Quit Ferry")}));
    QSignalSpy sync(&tray, &TrayIcon::syncNowRequested);
    QSignalSpy pause(&tray, &TrayIcon::pauseRequested);
    QSignalSpy pipeline(&tray, &TrayIcon::pipelineRequested);
    QSignalSpy status(&tray, &TrayIcon::statusRequested);
    QSignalSpy settings(&tray, &TrayIcon::settingsRequested);
    QSignalSpy quit(&tray, &TrayIcon::quitRequested);
    action(tray, QStringLiteral("syncNow"))->trigger();
    action(tray, QStringLiteral("pause"))->trigger();
    tray.setPipelines({QStringLiteral("daily"), QStringLiteral("github")});
    action(tray, QStringLiteral("pipeline:github"))->trigger();
    action(tray, QStringLiteral("status"))->trigger();
    action(tray, QStringLiteral("settings"))->trigger();
    action(tray, QStringLiteral("quit"))->trigger();
    QCOMPARE(sync.count(), 1);
    QCOMPARE(pause.count(), 1);
    QCOMPARE(pause.first().first().toBool(), true);
    QCOMPARE(pipeline.first().first().toString(), QStringLiteral("github"));
    QCOMPARE(status.count(), 1);
    QCOMPARE(settings.count(), 1);
    QCOMPARE(quit.count(), 1);
}

void TestTrayIcon::pauseResumeAndConflictCountShowInTheMenu()
{
    TrayIcon tray;
    QVERIFY(!action(tray, QStringLiteral("resolve"))->isEnabled());
    tray.setConflictCount(3);
    QCOMPARE(action(tray, QStringLiteral("resolve"))->text(), QStringLiteral("Resolve &conflicts (3)…"));
    QVERIFY(action(tray, QStringLiteral("resolve"))->isEnabled());
    tray.setPaused(true);
    QCOMPARE(action(tray, QStringLiteral("pause"))->text(), QStringLiteral("&Resume syncing"));
    QVERIFY(!action(tray, QStringLiteral("syncNow"))->isEnabled());
    QSignalSpy pause(&tray, &TrayIcon::pauseRequested);
    action(tray, QStringLiteral("pause"))->trigger();
    QCOMPARE(pause.first().first().toBool(), false); // resume
}

void TestTrayIcon::everyStateHasAnIconAndATooltip()
{
    TrayIcon tray;
    for (TrayIcon::State s : {TrayIcon::State::Idle, TrayIcon::State::Syncing, TrayIcon::State::Paused,
                              TrayIcon::State::Error, TrayIcon::State::Conflicts}) {
        QVERIFY2(QFile::exists(TrayIcon::iconPath(s)), qPrintable(TrayIcon::iconPath(s)));
        const QIcon icon(TrayIcon::iconPath(s));
        QVERIFY2(!icon.pixmap(32, 32).isNull(), qPrintable(TrayIcon::iconPath(s)));
    }
    tray.setState(TrayIcon::State::Error, QStringLiteral("knowledge: remote unreachable"),
                  QDateTime(QDate(2026, 11, 23), QTime(9, 30)));
    QVERIFY2(tray.toolTip().startsWith(
                 QStringLiteral("Ferry — Error\nknowledge: remote unreachable\nLast sync: ")),
             qPrintable(tray.toolTip()));
    tray.setState(TrayIcon::State::Syncing);
    QCOMPARE(tray.state(), TrayIcon::State::Syncing);
}

void TestTrayIcon::germanAndFrenchTranslationsAreCompiledIn_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("quit");
    QTest::newRow("de") << "de"
                        << "Ferry &beenden";
    QTest::newRow("fr") << "fr"
                        << "&Quitter Ferry";
}

void TestTrayIcon::germanAndFrenchTranslationsAreCompiledIn()
{
    QFETCH(QString, language);
    QFETCH(QString, quit);
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/translations/ferry_%1.qm").arg(language)));
    QApplication::installTranslator(&translator);
    TrayIcon tray;
    QCOMPARE(action(tray, QStringLiteral("quit"))->text(), quit);
    QApplication::removeTranslator(&translator);
}

QTEST_MAIN(TestTrayIcon)
#include "tst_trayicon.moc"
