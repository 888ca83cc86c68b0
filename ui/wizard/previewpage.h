#pragma once

#include "core/sync/firstsyncpreview.h"
#include "ui/wizard/wizardjob.h"

#include <optional>
#include <QWizardPage>

class QLabel;
class QTreeWidget;

namespace ferry::ui {

class FolderWizard;

// What the first sync will do, computed in the wizard's worker before anything is written: the files it
// uploads, those it downloads, and the paths both sides have with different content, with the conflict
// policy that settles each. Start (the Finish button) follows.
class PreviewPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit PreviewPage(FolderWizard& wizard);

    const std::optional<sync::FirstSyncPreview::Outcome>& outcome() const { return m_outcome; }
    QString summary() const;
    void showStartProblem(const QString& message);

    void initializePage() override;
    bool isComplete() const override;

private:
    void show(const sync::FirstSyncPreview::Outcome& outcome);

    FolderWizard& m_wizard;
    WizardJob m_job;
    QLabel* m_summary;
    QTreeWidget* m_list;
    QLabel* m_problem;
    std::optional<sync::FirstSyncPreview::Outcome> m_outcome;
};

} // namespace ferry::ui
