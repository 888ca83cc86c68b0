#include "tray/trayicon.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTest>
#include <QTimer>
#include <QTranslator>

using ferry::ui::TrayIcon;

// Real widgets on the offscreen platform, which has no system tray: the fallback window must stand in.
class TestTrayIcon : public QObject
{
    Q_OBJECT

private slots:
    void withoutASystemTrayAWindowStandsInAndItsQuitButtonQuits();
    void theMenuOffersQuit();
    void germanAndFrenchTranslationsAreCompiledIn_data();
    void germanAndFrenchTranslationsAreCompiledIn();
};

void TestTrayIcon::withoutASystemTrayAWindowStandsInAndItsQuitButtonQuits()
{
    QVERIFY(!QSystemTrayIcon::isSystemTrayAvailable());
    TrayIcon tray;
    QVERIFY(!tray.isVisible());
    QWidget* window = nullptr;
    for (QWidget* w : QApplication::topLevelWidgets()) {
        if (w->isVisible() && w->windowTitle() == u"Ferry")
            window = w;
    }
    QVERIFY2(window, "no fallback window is shown");
    auto* quit = window->findChild<QPushButton*>();
    QVERIFY(quit);
    QSignalSpy aboutToQuit(qApp, &QCoreApplication::aboutToQuit);
    QTimer::singleShot(0, quit, &QPushButton::click);
    QTimer::singleShot(5000, qApp, [] { QCoreApplication::exit(1); }); // a safety net, never the answer
    QCOMPARE(QApplication::exec(), 0);
    QCOMPARE(aboutToQuit.count(), 1);
}

void TestTrayIcon::theMenuOffersQuit()
{
    TrayIcon tray;
    QVERIFY(tray.menu());
    QStringList texts;
    for (QAction* a : tray.menu()->actions())
        texts << a->text();
    QVERIFY2(texts.contains(QStringLiteral("&Quit Ferry")), qPrintable(texts.join(u", ")));
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
    QCOMPARE(tray.menu()->actions().first()->text(), quit);
    QApplication::removeTranslator(&translator);
}

QTEST_MAIN(TestTrayIcon)
#include "tst_trayicon.moc"
