// The settings' Check button on real widgets (offscreen): it runs ferry doctor's checks of the profile
// as edited, in a worker, and shows their lines; a wrong remote shows as a problem; a remote that hangs
// leaves the GUI thread free, and closing the dialog does not wait for it.
#include "core/config/configfile.h"
#include "tests/support/gitcli.h"
#include "tests/support/tcptrap.h"
#include "ui/settings/settingsdialog.h"

#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace ferry;

class TestProfileCheck : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void aWrongRemoteIsShownAsAProblem();
    void aGoodRemotePassesAndTheEditedRemoteIsChecked();
    void aHangingRemoteLeavesTheGuiFreeAndClosingDoesNotWait();

private:
    std::unique_ptr<ui::SettingsDialog> openDialog(const QString& remote);
    QList<check::Finding> clickCheck(ui::SettingsDialog& dialog, int timeoutMs = 20000);

    QTemporaryDir m_dir;
};

void TestProfileCheck::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("xdg")).toUtf8());
    qputenv("FERRY_NET_CONNECT_SECONDS", "5");
    qputenv("FERRY_NET_STALL_SECONDS", "3");
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("notes"))));
    test::GitCli::ok(m_dir.path(), {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"),
                                    m_dir.filePath(QStringLiteral("good.git"))});
}

std::unique_ptr<ui::SettingsDialog> TestProfileCheck::openDialog(const QString& remote)
{
    const QString path = m_dir.filePath(QStringLiteral("config.json"));
    config::Config c;
    config::Profile p;
    p.name = QStringLiteral("notes");
    p.remote = remote;
    p.folders = {{m_dir.filePath(QStringLiteral("notes")), QStringLiteral("notes")}};
    c.profiles = {p};
    if (!config::ConfigFile(path).save(c))
        return nullptr;
    auto dialog = std::make_unique<ui::SettingsDialog>(path);
    QSignalSpy loaded(dialog.get(), &ui::SettingsDialog::loaded);
    dialog->show();
    return loaded.wait(10000) ? std::move(dialog) : nullptr;
}

QList<check::Finding> TestProfileCheck::clickCheck(ui::SettingsDialog& dialog, int timeoutMs)
{
    QSignalSpy checked(&dialog, &ui::SettingsDialog::profileChecked);
    auto* button = dialog.findChild<QPushButton*>(QStringLiteral("profiles[0].check"));
    if (!button)
        return {};
    QTest::mouseClick(button, Qt::LeftButton);
    if (checked.isEmpty() && !checked.wait(timeoutMs))
        return {};
    return checked.first().at(1).value<QList<check::Finding>>();
}

void TestProfileCheck::aWrongRemoteIsShownAsAProblem()
{
    const auto dialog = openDialog(QStringLiteral("file://") + m_dir.filePath(QStringLiteral("missing.git")));
    QVERIFY(dialog);
    const QList<check::Finding> findings = clickCheck(*dialog);
    QVERIFY(check::Finding::anyProblem(findings));
    const QString shown = dialog->findChild<QLabel*>(QStringLiteral("profiles[0].check_result"))->text();
    QVERIFY2(shown.contains(QStringLiteral("problem: remote: ")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral(" → ")), qPrintable(shown)); // what to do
    QVERIFY2(shown.contains(QStringLiteral("skip  push")), qPrintable(shown));
    QVERIFY(dialog->findChild<QPushButton*>(QStringLiteral("profiles[0].check"))->isEnabled());
}

void TestProfileCheck::aGoodRemotePassesAndTheEditedRemoteIsChecked()
{
    const auto dialog = openDialog(QStringLiteral("file:///nowhere.git"));
    QVERIFY(dialog);
    // Checked as typed, before Apply: the wizard-like "does this remote work?" question.
    dialog->findChild<QLineEdit*>(QStringLiteral("profiles[0].remote"))
        ->setText(QStringLiteral("file://") + m_dir.filePath(QStringLiteral("good.git")));
    const QList<check::Finding> findings = clickCheck(*dialog);
    QVERIFY(!findings.isEmpty());
    const QString shown = dialog->findChild<QLabel*>(QStringLiteral("profiles[0].check_result"))->text();
    QVERIFY2(!check::Finding::anyProblem(findings), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("ok  push: ")), qPrintable(shown));
}

void TestProfileCheck::aHangingRemoteLeavesTheGuiFreeAndClosingDoesNotWait()
{
    test::TcpTrap silent(test::TcpTrap::Mode::Silent);
    auto dialog = openDialog(QStringLiteral("git://127.0.0.1:%1/x.git").arg(silent.port()));
    QVERIFY(dialog);
    // The GUI thread's longest gap between two 10 ms ticks while the check hangs on the remote.
    QElapsedTimer sinceTick;
    qint64 longestGap = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&] { longestGap = qMax(longestGap, sinceTick.restart()); });
    ticker.start(10);
    sinceTick.start();
    const QList<check::Finding> findings = clickCheck(*dialog);
    ticker.stop();
    QVERIFY(check::Finding::anyProblem(findings)); // the watchdog cut the silent connection
    QVERIFY2(longestGap < 100, qPrintable(QStringLiteral("GUI thread blocked %1 ms").arg(longestGap)));

    // Closing in the middle of a check: the stop cuts the connection instead of waiting for the watchdog.
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("profiles[0].check")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(silent.connections() >= 2, 5000);
    QElapsedTimer closing;
    closing.start();
    dialog.reset();
    QVERIFY2(closing.elapsed() < 1500,
             qPrintable(QStringLiteral("closing took %1 ms").arg(closing.elapsed())));
}

QTEST_MAIN(TestProfileCheck)
#include "tst_profilecheck.moc"
