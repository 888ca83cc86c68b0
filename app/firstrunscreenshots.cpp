#include "app/firstrunscreenshots.h"

#include "ui/controller/desktopcontroller.h"
#include "ui/status/statuswindow.h"
#include "ui/wizard/folderwizard.h"

#include <functional>
#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QLocale>
#include <QTimer>

namespace ferry::app {
namespace {

void setField(ui::FolderWizard* wizard, const QString& name, const QString& text)
{
    if (auto* field = wizard ? wizard->findChild<QLineEdit*>(name) : nullptr)
        field->setText(text);
}

} // namespace

void takeFirstRunScreenshots(ui::DesktopController& controller, const QString& dir)
{
    QDir().mkpath(dir);
    const QString lang = QLocale().name().left(2);
    const QString folder =
        qEnvironmentVariable("FERRY_DEMO_FOLDER", QDir::homePath() + QStringLiteral("/Notes"));
    const QString remote =
        qEnvironmentVariable("FERRY_DEMO_REMOTE", QStringLiteral("https://github.com/you/notes.git"));
    const auto shot = [&controller, dir, lang](const QString& page) {
        if (ui::FolderWizard* wizard = controller.folderWizard()) {
            wizard->grab().save(dir + QStringLiteral("/wizard-%1-%2.png").arg(page, lang));
            wizard->next();
        }
    };
    // The Test and the preview run in the wizard's worker: each step waits for them to answer.
    const QList<std::function<void()>> steps{
        [&controller] { controller.showStatus(); },
        [&controller, dir, lang, folder] {
            controller.statusWindow().grab().save(dir + QStringLiteral("/first-run-%1.png").arg(lang));
            controller.addFolder();
            ui::FolderWizard* wizard = controller.folderWizard();
            setField(wizard, QStringLiteral("wizard.name"), QStringLiteral("notes"));
            setField(wizard, QStringLiteral("wizard.folders[0].local"), folder);
            setField(wizard, QStringLiteral("wizard.folders[0].repo_path"), QStringLiteral("shared/notes"));
        },
        [shot] { shot(QStringLiteral("1-folders")); },
        [&controller, remote] {
            setField(controller.folderWizard(), QStringLiteral("wizard.remote"), remote);
        },
        [shot] { shot(QStringLiteral("2-remote")); },
        [shot] { shot(QStringLiteral("3-credentials")); },
        [shot] { shot(QStringLiteral("4-test")); },
        [&controller, dir, lang] {
            if (ui::FolderWizard* wizard = controller.folderWizard()) {
                wizard->grab().save(dir + QStringLiteral("/wizard-5-preview-%1.png").arg(lang));
                wizard->reject(); // Cancel: nothing written
            }
            QApplication::quit();
        }};
    for (int i = 0; i < steps.size(); ++i)
        QTimer::singleShot(2500 * (i + 1), qApp, steps[i]);
}

} // namespace ferry::app
