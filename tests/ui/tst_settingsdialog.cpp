// The settings panel on real widgets (offscreen) over a real config file: a round trip keeps the
// config, edits land in the file, and an invalid value is shown under its field while the file stays.
#include "core/config/configfile.h"
#include "ui/settings/settingsdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace ferry;

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void aRoundTripKeepsTheConfigAndEditsLand();
    void anInvalidValueIsShownUnderItsFieldAndNothingIsWritten();
    void launchAtLoginReopensTheSameConfigAndDataDirectory();

private:
    config::Config load() const;
    QByteArray fileContent() const;
    void apply(ui::SettingsDialog& dialog, QSignalSpy& outcome);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_config;
    QString m_folder;
};

void TestSettingsDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    qputenv("XDG_CONFIG_HOME", m_dir->filePath(QStringLiteral("xdg")).toUtf8()); // autostart goes here
    m_folder = m_dir->filePath(QStringLiteral("notes"));
    QVERIFY(QDir().mkpath(m_folder));
    m_config = m_dir->filePath(QStringLiteral("config.json"));
    config::Config c;
    config::Profile p;
    p.name = QStringLiteral("knowledge");
    p.remote = QStringLiteral("git@example.com:me/stack.git");
    p.folders = {{m_folder, QStringLiteral("shared/notes")}};
    p.intervalSeconds = 600;
    p.ignore = {QStringLiteral("*.tmp")};
    c.profiles = {p};
    config::GithubSource g;
    g.repositories = {QStringLiteral("octocat/hello-world")};
    g.schedule.time = QTime(4, 30);
    g.schedule.days = {1, 3, 5};
    c.github = g;
    QVERIFY(config::ConfigFile(m_config).save(c).ok());
}

config::Config TestSettingsDialog::load() const
{
    const auto loaded = config::ConfigFile(m_config).load();
    return loaded ? loaded->config : config::Config();
}

QByteArray TestSettingsDialog::fileContent() const
{
    QFile f(m_config);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void TestSettingsDialog::apply(ui::SettingsDialog& dialog, QSignalSpy& outcome)
{
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("apply")), Qt::LeftButton);
    QVERIFY(outcome.wait(10000));
}

void TestSettingsDialog::aRoundTripKeepsTheConfigAndEditsLand()
{
    const config::Config before = load();
    ui::SettingsDialog dialog(m_config);
    QSignalSpy loaded(&dialog, &ui::SettingsDialog::loaded);
    QSignalSpy applied(&dialog, &ui::SettingsDialog::applied);
    dialog.show();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(dialog.findChild<QLineEdit*>(QStringLiteral("profiles[0].remote"))->text(),
             before.profiles[0].remote);

    apply(dialog, applied);
    const config::Config same = load();
    QCOMPARE(same.profiles.size(), 1);
    QCOMPARE(same.profiles[0].name, QStringLiteral("knowledge"));
    QCOMPARE(same.profiles[0].remote, before.profiles[0].remote);
    QCOMPARE(same.profiles[0].folders[0].local, m_folder);
    QCOMPARE(same.profiles[0].folders[0].repoPath, QStringLiteral("shared/notes"));
    QCOMPARE(same.profiles[0].intervalSeconds, 600);
    QCOMPARE(same.profiles[0].ignore, QStringList{QStringLiteral("*.tmp")});
    QCOMPARE(same.profiles[0].conflictRules.size(), before.profiles[0].conflictRules.size());
    QVERIFY(same.github.has_value());
    QCOMPARE(same.github->schedule.time, QTime(4, 30));
    QCOMPARE(same.github->schedule.days, (QList<int>{1, 3, 5}));
    QVERIFY(!same.market.has_value());

    // Edits through the widgets land in the file.
    auto* remote = dialog.findChild<QLineEdit*>(QStringLiteral("profiles[0].remote"));
    remote->clear();
    QTest::keyClicks(remote, QStringLiteral("https://example.com/me/stack.git"));
    dialog.findChild<QSpinBox*>(QStringLiteral("profiles[0].interval_seconds"))->setValue(1200);
    auto* repositories = dialog.findChild<QPlainTextEdit*>(QStringLiteral("ingestion.github.repositories"));
    repositories->appendPlainText(QStringLiteral("acme/widgets"));
    dialog.findChild<QCheckBox*>(QStringLiteral("mon"))->setChecked(false);
    dialog.findChild<QCheckBox*>(QStringLiteral("launchAtLogin"))->setChecked(true);
    applied.clear();
    apply(dialog, applied);
    const config::Config after = load();
    QCOMPARE(after.profiles[0].remote, QStringLiteral("https://example.com/me/stack.git"));
    QCOMPARE(after.profiles[0].intervalSeconds, 1200);
    QCOMPARE(after.github->repositories,
             (QStringList{QStringLiteral("octocat/hello-world"), QStringLiteral("acme/widgets")}));
    QCOMPARE(after.github->schedule.days, (QList<int>{3, 5}));
    // Launch at login starts the tray app without opening its status window.
    QFile entry(m_dir->filePath(QStringLiteral("xdg/autostart/ferry.desktop")));
    QVERIFY(entry.open(QIODevice::ReadOnly));
    QVERIFY2(entry.readAll().contains(" \"--minimized\" "), qPrintable(entry.fileName()));
}

void TestSettingsDialog::anInvalidValueIsShownUnderItsFieldAndNothingIsWritten()
{
    ui::SettingsDialog dialog(m_config);
    QSignalSpy loaded(&dialog, &ui::SettingsDialog::loaded);
    QSignalSpy failed(&dialog, &ui::SettingsDialog::applyFailed);
    dialog.show();
    QVERIFY(loaded.wait(10000));
    const QByteArray before = fileContent();

    auto* folders = dialog.findChild<QTableWidget*>(QStringLiteral("profiles[0].folders"));
    folders->item(0, 1)->setText(QStringLiteral("../escape"));
    dialog.findChild<QPlainTextEdit*>(QStringLiteral("ingestion.github.repositories"))
        ->appendPlainText(QStringLiteral("not a repository"));
    apply(dialog, failed);

    const auto* folderError = dialog.findChild<QLabel*>(QStringLiteral("error:profiles[0].folders"));
    QVERIFY(folderError && folderError->isVisible());
    QVERIFY2(folderError->text().contains(QStringLiteral("may not contain")),
             qPrintable(folderError->text()));
    const auto* repoError = dialog.findChild<QLabel*>(QStringLiteral("error:ingestion.github.repositories"));
    QVERIFY2(repoError->text().contains(QStringLiteral("\"not a repository\" is not of the form owner/name")),
             qPrintable(repoError->text()));
    QVERIFY(!dialog.findChild<QLabel*>(QStringLiteral("error:profiles[0].remote"))->isVisible());
    QVERIFY(
        dialog.findChild<QLabel*>(QStringLiteral("summary"))->text().contains(QStringLiteral("Not saved")));
    QCOMPARE(fileContent(), before);

    // Fixed, it saves and the errors go away.
    folders->item(0, 1)->setText(QStringLiteral("shared/escape"));
    auto* repositories = dialog.findChild<QPlainTextEdit*>(QStringLiteral("ingestion.github.repositories"));
    repositories->setPlainText(QStringLiteral("octocat/hello-world"));
    QSignalSpy applied(&dialog, &ui::SettingsDialog::applied);
    apply(dialog, applied);
    QVERIFY(!folderError->isVisible());
    QCOMPARE(load().profiles[0].folders[0].repoPath, QStringLiteral("shared/escape"));
}

namespace {

// The words of a desktop entry's Exec value, unquoted as a launcher does (Desktop Entry Specification:
// the key's string escapes first, then the quoting of each argument, then `%%`).
QStringList execWords(QString value)
{
    value.replace(QStringLiteral("\\\\"), QStringLiteral("\\"));
    QStringList words;
    QString word;
    bool quoted = false;
    for (int i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        if (quoted && c == u'\\' && i + 1 < value.size())
            word += value.at(++i);
        else if (c == u'"')
            quoted = !quoted;
        else if (c == u' ' && !quoted) {
            words.append(word);
            word.clear();
        } else
            word += c;
    }
    words.append(word);
    for (QString& w : words)
        w.replace(QStringLiteral("%%"), QStringLiteral("%"));
    return words;
}

} // namespace

// A login session has neither the command line nor the environment the app was started with: the
// entry carries --config and --data-dir when they are not the platform's, quoted so that spaces, `$`
// and `%` survive, and an entry written for another config is rewritten even though one exists.
void TestSettingsDialog::launchAtLoginReopensTheSameConfigAndDataDirectory()
{
    const QString dataDir = m_dir->filePath(QStringLiteral("data $HOME 100% \\\"x\\\"`id`"));
    const QString entryPath = m_dir->filePath(QStringLiteral("xdg/autostart/ferry.desktop"));
    QVERIFY(QDir().mkpath(QFileInfo(entryPath).absolutePath()));
    QFile stale(entryPath);
    QVERIFY(stale.open(QIODevice::WriteOnly));
    stale.write("[Desktop Entry]\nType=Application\nName=Ferry\nExec=\"/usr/bin/ferry\" --minimized\n");
    stale.close();

    ui::SettingsDialog dialog(m_config);
    dialog.setDataDir(dataDir);
    QSignalSpy loaded(&dialog, &ui::SettingsDialog::loaded);
    QSignalSpy applied(&dialog, &ui::SettingsDialog::applied);
    dialog.show();
    QVERIFY(loaded.wait(10000));
    QVERIFY(dialog.findChild<QCheckBox*>(QStringLiteral("launchAtLogin"))->isChecked());
    apply(dialog, applied);

    QFile entry(entryPath);
    QVERIFY(entry.open(QIODevice::ReadOnly | QIODevice::Text));
    QString exec;
    for (const QString& line : QString::fromUtf8(entry.readAll()).split(u'\n'))
        if (line.startsWith(QStringLiteral("Exec=")))
            exec = line.mid(5);
    const QStringList words = execWords(exec);
    QCOMPARE(words.mid(1), (QStringList{QStringLiteral("--minimized"), QStringLiteral("--config"), m_config,
                                        QStringLiteral("--data-dir"), dataDir}));
    QVERIFY2(!words.value(0).startsWith(QStringLiteral("/usr/bin/ferry")), qPrintable(exec));

    // The entry is one a desktop accepts.
    const QString validator = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
    QVERIFY2(!validator.isEmpty(), "desktop-file-validate is in FERRY_PROGRAMS");
    QProcess validate;
    validate.start(validator, {entryPath});
    QVERIFY(validate.waitForFinished(10000));
    QVERIFY2(validate.exitCode() == 0, validate.readAllStandardOutput().constData());
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
