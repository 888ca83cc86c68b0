// The first run on real widgets (offscreen): with no profile the status window and the tray say so and
// offer Add a folder…; the wizard's Test runs ferry doctor's checks in a worker and puts each problem under
// its field; its preview counts what the first sync uploads, downloads and conflicts on; Start appends the
// profile to the config and the first sync reaches a real bare repository; Cancel writes nothing. The
// GUI thread's longest stall through the Test and the first sync is measured (10 ms ticks).
#include "core/config/configfile.h"
#include "core/sync/firstsyncpreview.h"
#include "tests/support/gitcli.h"
#include "tests/support/stallmeter.h"
#include "tests/support/tcptrap.h"
#include "ui/controller/desktopcontroller.h"
#include "ui/status/profilecard.h"
#include "ui/status/profilecardsview.h"
#include "ui/status/profilecheckdialog.h"
#include "ui/status/statuswindow.h"
#include "ui/tray/trayicon.h"
#include "ui/wizard/folderwizard.h"
#include "ui/wizard/previewpage.h"

#include <fcntl.h>
#include <QAbstractButton>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <sys/stat.h>
#include <unistd.h>

using namespace ferry;
using test::GitCli;
using test::StallMeter;

namespace {

void writeFile(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestFolderWizard : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void theWizardLeadsFromTheEmptyStateToAFirstSync();
    void aWrongRemoteAndARefusedTokenAreShownUnderTheirFields();
    void badInputStaysOnItsPageAndCancelWritesNothing();
    void thePreviewCountsUploadsDownloadsAndConflicts();
    void aCardsCheckShowsTheDoctorsFindings();
    void aPageCheckWaitingForTheDiskLeavesTheGuiThreadFree();

private:
    QString path(const QString& name) const { return m_dir->filePath(name); }
    QString remoteUrl() const { return QStringLiteral("file://") + path(QStringLiteral("remote.git")); }
    // Fills the first three pages and goes to the Test page.
    void fillAndTest(ui::FolderWizard& wizard, const QString& remote, const QString& token = QString());
    static void next(ui::FolderWizard& wizard)
    {
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
    }
    // Next on a page whose fields are checked in the worker: waits for the verdict; whether it passed.
    static bool nextChecked(ui::FolderWizard& wizard)
    {
        QSignalSpy checked(&wizard, &ui::FolderWizard::pageChecked);
        next(wizard);
        return (checked.count() > 0 || checked.wait(20000)) && checked.first().first().toBool();
    }
    static QString fieldError(ui::FolderWizard& wizard, const QString& field)
    {
        const auto* label = wizard.findChild<QLabel*>(QStringLiteral("error:") + field);
        return label && !label->isHidden() ? label->text() : QString();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestFolderWizard::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    qputenv("XDG_CONFIG_HOME", path(QStringLiteral("xdg")).toUtf8());
    qputenv("FERRY_NET_CONNECT_SECONDS", "5");
    qputenv("FERRY_NET_STALL_SECONDS", "3");
    GitCli::ok(m_dir->path(), {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"),
                               path(QStringLiteral("remote.git"))});
    writeFile(path(QStringLiteral("Notes/hello.txt")), "hello from the wizard\n");
}

void TestFolderWizard::fillAndTest(ui::FolderWizard& wizard, const QString& remote, const QString& token)
{
    wizard.findChild<QLineEdit*>(QStringLiteral("wizard.name"))->setText(QStringLiteral("notes"));
    wizard.findChild<QLineEdit*>(QStringLiteral("wizard.folders[0].local"))
        ->setText(path(QStringLiteral("Notes")));
    wizard.findChild<QLineEdit*>(QStringLiteral("wizard.folders[0].repo_path"))
        ->setText(QStringLiteral("notes"));
    QVERIFY(nextChecked(wizard));
    QCOMPARE(wizard.currentId(), int(ui::FolderWizard::RemotePageId));
    wizard.findChild<QLineEdit*>(QStringLiteral("wizard.remote"))->setText(remote);
    QVERIFY(nextChecked(wizard));
    QCOMPARE(wizard.currentId(), int(ui::FolderWizard::CredentialsPageId));
    wizard.findChild<QLineEdit*>(QStringLiteral("wizard.token"))->setText(token);
    QVERIFY(nextChecked(wizard));
    QCOMPARE(wizard.currentId(), int(ui::FolderWizard::TestPageId));
}

void TestFolderWizard::theWizardLeadsFromTheEmptyStateToAFirstSync()
{
    const QString configPath = path(QStringLiteral("config/config.json"));
    ui::DesktopController controller(configPath, path(QStringLiteral("data")));
    controller.start(config::Config());
    ui::StatusWindow& window = controller.statusWindow();
    window.show();
    ui::ProfileCardsView* cards = window.profileCards();
    QVERIFY(cards->showsEmptyState());
    QCOMPARE(cards->cardCount(), 0);
    QVERIFY2(controller.tray().toolTip().contains(QStringLiteral("No folders are synced yet")),
             qPrintable(controller.tray().toolTip()));

    QTest::mouseClick(cards->findChild<QPushButton*>(QStringLiteral("addFolder")), Qt::LeftButton);
    ui::FolderWizard* wizard = controller.folderWizard();
    QVERIFY(wizard && wizard->isVisible());
    QSignalSpy tested(wizard, &ui::FolderWizard::tested);
    QSignalSpy previewed(wizard, &ui::FolderWizard::previewed);
    QSignalSpy cycles(&controller, &ui::DesktopController::cycleFinished);
    StallMeter meter;
    meter.phase = QStringLiteral("fill");
    fillAndTest(*wizard, remoteUrl());
    meter.phase = QStringLiteral("test");
    QVERIFY(tested.wait(20000));
    const auto findings = tested.first().first().value<QList<check::Finding>>();
    QVERIFY2(!check::Finding::anyProblem(findings),
             qPrintable(wizard->findChild<QLabel*>(QStringLiteral("wizard.test_result"))->text()));
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    meter.phase = QStringLiteral("next-to-preview");
    next(*wizard);
    meter.phase = QStringLiteral("preview");
    QVERIFY(previewed.wait(20000));
    QVERIFY(previewed.first().first().toBool());
    auto* preview = wizard->findChild<ui::PreviewPage*>();
    QVERIFY2(preview->summary().contains(QStringLiteral("Upload: 1 · Download: 0 · Conflicts: 0")),
             qPrintable(preview->summary()));
    QVERIFY(!QFile::exists(configPath)); // nothing written before Start

    meter.phase = QStringLiteral("start-click");
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    meter.phase = QStringLiteral("sync");
    QVERIFY(cycles.wait(30000)); // the first sync, started by Start
    QCOMPARE(cycles.first().at(0).toString(), QStringLiteral("notes"));
    QCOMPARE(cycles.first().at(1).toString(), QStringLiteral("success"));
    const qint64 stall = meter.longest();
    qInfo("GUI thread: longest gap between 10 ms ticks through the wizard's Test, preview and first sync: "
          "%lld ms (during: %s); most GUI-thread CPU within one gap: %lld ms",
          stall, qPrintable(meter.longestPhase()), meter.mostCpu());
    // The < 100 ms promise is about the GUI thread's own work: a gap on a quiet machine is that work;
    // on a loaded one it also holds the wait for a core, so the wall time has a wider bound, which a
    // network or disk wait on the GUI thread (seconds) would still break.
    QVERIFY2(meter.mostCpu() < 100, qPrintable(QStringLiteral("GUI thread busy %1 ms").arg(meter.mostCpu())));
    QVERIFY2(stall < 1000, qPrintable(QStringLiteral("GUI thread blocked %1 ms").arg(stall)));

    // The file is in the bare repository, the profile in the config, the empty state gone.
    const QByteArray tree =
        GitCli::ok(m_dir->path(), {QStringLiteral("--git-dir=") + path(QStringLiteral("remote.git")),
                                   QStringLiteral("ls-tree"), QStringLiteral("-r"),
                                   QStringLiteral("--name-only"), QStringLiteral("sync")});
    QVERIFY2(tree.contains("notes/hello.txt"), tree.constData());
    const auto loaded = config::ConfigFile(configPath).load();
    QVERIFY(loaded);
    QCOMPARE(loaded->config.profiles.size(), 1);
    QCOMPARE(loaded->config.profiles.first().remote, remoteUrl());
    QVERIFY(!cards->showsEmptyState());
    QCOMPARE(cards->cardCount(), 1);
    QVERIFY(!controller.tray().toolTip().contains(QStringLiteral("No folders are synced yet")));
    QTRY_VERIFY(!controller.folderWizard()); // closed (and deleted) after Start
}

void TestFolderWizard::aWrongRemoteAndARefusedTokenAreShownUnderTheirFields()
{
    const QString configPath = path(QStringLiteral("config.json"));
    {
        ui::FolderWizard wizard(configPath, {});
        wizard.show();
        QSignalSpy tested(&wizard, &ui::FolderWizard::tested);
        fillAndTest(wizard, QStringLiteral("file://") + path(QStringLiteral("missing.git")));
        QVERIFY(tested.wait(20000));
        QVERIFY2(fieldError(wizard, QStringLiteral("remote")).contains(QStringLiteral("missing.git")),
                 qPrintable(fieldError(wizard, QStringLiteral("remote"))));
        QVERIFY(fieldError(wizard, QStringLiteral("folders")).isEmpty());
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled()); // no preview before the Test passes
    }
    // A server that refuses the credentials (401): the problem is under the token field, the token is
    // not sent over plain http.
    test::TcpTrap server(test::TcpTrap::Mode::AskForPassword);
    ui::FolderWizard wizard(configPath, {});
    wizard.show();
    QSignalSpy tested(&wizard, &ui::FolderWizard::tested);
    fillAndTest(wizard, QStringLiteral("http://127.0.0.1:%1/me/notes.git").arg(server.port()),
                QStringLiteral("ghp_refused"));
    QVERIFY(tested.wait(20000));
    const QString shown = fieldError(wizard, QStringLiteral("credentials"));
    QVERIFY2(!shown.isEmpty(),
             qPrintable(wizard.findChild<QLabel*>(QStringLiteral("wizard.test_result"))->text()));
    QVERIFY(fieldError(wizard, QStringLiteral("remote")).isEmpty()); // the remote answered
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    QVERIFY(!server.received().contains("ghp_refused"));
    wizard.reject();
    QVERIFY(!QFile::exists(configPath));
}

void TestFolderWizard::badInputStaysOnItsPageAndCancelWritesNothing()
{
    const QString configPath = path(QStringLiteral("config.json"));
    config::Config existing;
    config::Profile other;
    other.name = QStringLiteral("other");
    other.remote = remoteUrl();
    other.folders = {{path(QStringLiteral("Notes")), QStringLiteral("other")}};
    existing.profiles = {other};
    QVERIFY(config::ConfigFile(configPath).save(existing));
    const QByteArray before = readFile(configPath);

    ui::FolderWizard wizard(configPath, {QStringLiteral("other")});
    wizard.show();
    // A name in use and a relative folder: shown under their fields, the page stays.
    wizard.findChild<QLineEdit*>(QStringLiteral("wizard.name"))->setText(QStringLiteral("other"));
    wizard.findChild<QLineEdit*>(QStringLiteral("wizard.folders[0].local"))
        ->setText(QStringLiteral("relative/dir"));
    QVERIFY(!nextChecked(wizard));
    QCOMPARE(wizard.currentId(), int(ui::FolderWizard::FoldersPageId));
    QVERIFY(!fieldError(wizard, QStringLiteral("name")).isEmpty());
    QVERIFY2(!fieldError(wizard, QStringLiteral("folders")).isEmpty(),
             qPrintable(fieldError(wizard, QStringLiteral("name"))));
    wizard.findChild<QLineEdit*>(QStringLiteral("wizard.name"))->setText(QStringLiteral("notes"));
    wizard.findChild<QLineEdit*>(QStringLiteral("wizard.folders[0].local"))
        ->setText(path(QStringLiteral("Notes")));
    wizard.findChild<QLineEdit*>(QStringLiteral("wizard.folders[0].repo_path"))
        ->setText(QStringLiteral("notes"));
    QVERIFY(nextChecked(wizard));
    QCOMPARE(wizard.currentId(), int(ui::FolderWizard::RemotePageId));
    // An empty remote, and a token pasted into the URL: refused under the remote field.
    QVERIFY(!nextChecked(wizard));
    QCOMPARE(wizard.currentId(), int(ui::FolderWizard::RemotePageId));
    QVERIFY(!fieldError(wizard, QStringLiteral("remote")).isEmpty());
    wizard.findChild<QLineEdit*>(QStringLiteral("wizard.remote"))
        ->setText(
            QStringLiteral("https://me:ghp_0123456789abcdefghijklmnopqrstuvwxyzAB@github.com/me/notes.git"));
    QVERIFY(!nextChecked(wizard));
    QCOMPARE(wizard.currentId(), int(ui::FolderWizard::RemotePageId));
    QVERIFY2(fieldError(wizard, QStringLiteral("remote")).contains(QStringLiteral("keychain")),
             qPrintable(fieldError(wizard, QStringLiteral("remote"))));
    wizard.findChild<QLineEdit*>(QStringLiteral("wizard.remote"))->setText(remoteUrl());
    QVERIFY(nextChecked(wizard));
    wizard.findChild<QLineEdit*>(QStringLiteral("wizard.token"))->setText(QStringLiteral("ghp_cancelled"));
    QVERIFY(nextChecked(wizard));
    QCOMPARE(wizard.currentId(), int(ui::FolderWizard::TestPageId));

    // Cancel: the config file is byte for byte what it was, no token went anywhere.
    QTest::mouseClick(wizard.button(QWizard::CancelButton), Qt::LeftButton);
    QVERIFY(!wizard.isVisible());
    QCOMPARE(readFile(configPath), before);
    QVERIFY(qgetenv("FERRY_GIT_TOKEN_NOTES").isEmpty());
}

void TestFolderWizard::thePreviewCountsUploadsDownloadsAndConflicts()
{
    // The branch: two files the folder has too (one the same, one not), one only it has, one outside
    // the mapping, one the ignore rules skip.
    const QString work = path(QStringLiteral("work"));
    GitCli::ok(m_dir->path(),
               {QStringLiteral("clone"), QStringLiteral("-q"), path(QStringLiteral("remote.git")), work});
    writeFile(work + QStringLiteral("/notes/same.txt"), "same\n");
    writeFile(work + QStringLiteral("/notes/edited.md"), "remote words\n");
    writeFile(work + QStringLiteral("/notes/photo.bin"), "remote bytes");
    writeFile(work + QStringLiteral("/notes/only-remote.txt"), "from elsewhere\n");
    writeFile(work + QStringLiteral("/notes/cache.tmp"), "ignored\n");
    writeFile(work + QStringLiteral("/elsewhere/x.txt"), "not mapped\n");
    GitCli::ok(work, {QStringLiteral("add"), QStringLiteral("-A")});
    GitCli::ok(
        work, {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), QStringLiteral("seed")});
    GitCli::ok(work, {QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("origin"),
                      QStringLiteral("HEAD:sync")});
    const QString local = path(QStringLiteral("Local"));
    writeFile(local + QStringLiteral("/same.txt"), "same\n");
    writeFile(local + QStringLiteral("/edited.md"), "local words\n");
    writeFile(local + QStringLiteral("/photo.bin"), "local bytes");
    writeFile(local + QStringLiteral("/new.txt"), "only here\n");
    writeFile(local + QStringLiteral("/sub/deep.txt"), "only here too\n");
    writeFile(local + QStringLiteral("/draft.tmp"), "ignored\n");

    config::Profile profile;
    profile.name = QStringLiteral("notes");
    profile.remote = remoteUrl();
    profile.folders = {{local, QStringLiteral("notes")}};
    profile.ignore = {QStringLiteral("*.tmp")};
    const auto outcome = sync::FirstSyncPreview::compute(profile, {});
    QVERIFY2(outcome, qPrintable(outcome ? QString() : outcome.error().message));
    QVERIFY(outcome->branchExists);
    QCOMPARE(outcome->upload,
             (QStringList{QStringLiteral("notes/new.txt"), QStringLiteral("notes/sub/deep.txt")}));
    QCOMPARE(outcome->download, QStringList{QStringLiteral("notes/only-remote.txt")});
    QCOMPARE(outcome->conflicts.size(), 2);
    QCOMPARE(outcome->conflicts[0].path, QStringLiteral("notes/edited.md"));
    QCOMPARE(outcome->conflicts[0].policy, config::ConflictPolicy::Merge);
    QCOMPARE(outcome->conflicts[1].path, QStringLiteral("notes/photo.bin"));
    QCOMPARE(outcome->conflicts[1].policy, config::ConflictPolicy::KeepBoth);
    QCOMPARE(outcome->same, 1);

    // A branch that does not exist yet: everything uploads.
    profile.branch = QStringLiteral("fresh");
    const auto fresh = sync::FirstSyncPreview::compute(profile, {});
    QVERIFY(fresh);
    QVERIFY(!fresh->branchExists);
    QCOMPARE(fresh->upload.size(), 5);
    QVERIFY(fresh->download.isEmpty() && fresh->conflicts.isEmpty());
}

void TestFolderWizard::aCardsCheckShowsTheDoctorsFindings()
{
    config::Config config;
    config::Profile p;
    p.name = QStringLiteral("notes");
    p.remote = QStringLiteral("file://") + path(QStringLiteral("missing.git"));
    p.folders = {{path(QStringLiteral("Notes")), QStringLiteral("notes")}};
    config.profiles = {p};
    const QString configPath = path(QStringLiteral("config.json"));
    QVERIFY(config::ConfigFile(configPath).save(config));
    ui::DesktopController controller(configPath, path(QStringLiteral("data")));
    controller.start(config);
    ui::StatusWindow& window = controller.statusWindow();
    window.show();
    QVERIFY(!window.profileCards()->showsEmptyState());
    ui::ProfileCard* card = window.profileCards()->card(QStringLiteral("notes"));
    QVERIFY(card);
    auto* check = card->findChild<QPushButton*>(QStringLiteral("check"));
    QVERIFY(check);
    QTest::mouseClick(check, Qt::LeftButton);
    auto* dialog = window.findChild<ui::ProfileCheckDialog*>();
    QVERIFY(dialog && dialog->isVisible());
    QSignalSpy checked(dialog, &ui::ProfileCheckDialog::checked);
    QVERIFY(checked.wait(20000));
    QVERIFY(check::Finding::anyProblem(checked.first().first().value<QList<check::Finding>>()));
    QVERIFY2(dialog->text().contains(QStringLiteral("problem: [notes] remote: ")),
             qPrintable(dialog->text()));
}

// The Folders page's check looks at the folders on the disk. With the worker held by a read that does
// not return (a FIFO nobody writes: a disk or a network mount that does not answer), Next waits for the
// verdict while the GUI thread goes on ticking; once the read returns, the check runs and the wizard
// goes on by itself. A check on the GUI thread would have moved on at once (or hung with the disk).
void TestFolderWizard::aPageCheckWaitingForTheDiskLeavesTheGuiThreadFree()
{
    const QByteArray fifo = QFile::encodeName(path(QStringLiteral("stuck")));
    QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
    ui::FolderWizard wizard(path(QStringLiteral("config.json")), {});
    wizard.show();
    wizard.worker().post([fifo] {
        const int fd = ::open(fifo.constData(), O_RDONLY); // waits for a writer
        char c;
        while (fd >= 0 && ::read(fd, &c, 1) > 0) {
        }
        if (fd >= 0)
            ::close(fd);
    });
    bool released = false;
    const auto release = [&] {
        if (std::exchange(released, true))
            return;
        const int fd = ::open(fifo.constData(), O_WRONLY | O_NONBLOCK); // the reader is waiting
        QVERIFY(fd >= 0);
        QCOMPARE(::write(fd, "x", 1), ssize_t(1));
        ::close(fd);
    };
    const auto releaseOnFailure = qScopeGuard(release); // the wizard's end waits for its worker
    QTest::qWait(200);                                  // the worker is in its read

    wizard.findChild<QLineEdit*>(QStringLiteral("wizard.name"))->setText(QStringLiteral("notes"));
    wizard.findChild<QLineEdit*>(QStringLiteral("wizard.folders[0].local"))
        ->setText(path(QStringLiteral("Notes")));
    wizard.findChild<QLineEdit*>(QStringLiteral("wizard.folders[0].repo_path"))
        ->setText(QStringLiteral("notes"));
    QSignalSpy checked(&wizard, &ui::FolderWizard::pageChecked);
    StallMeter meter;
    next(wizard);
    QTest::qWait(1000);
    QCOMPARE(checked.count(), 0); // the check waits behind the read
    QCOMPARE(wizard.currentId(), int(ui::FolderWizard::FoldersPageId));
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    qInfo("GUI thread: longest gap between 10 ms ticks while a page check waited 1 s for the disk: %lld ms",
          meter.longest());
    QVERIFY2(meter.longest() < 1000,
             qPrintable(QStringLiteral("GUI thread blocked %1 ms").arg(meter.longest())));

    release();
    QVERIFY(checked.wait(20000));
    QVERIFY(checked.first().first().toBool());
    QCOMPARE(wizard.currentId(), int(ui::FolderWizard::RemotePageId));
}

QTEST_MAIN(TestFolderWizard)
#include "tst_folderwizard.moc"
