#pragma once

#include "core/check/finding.h"
#include "ui/wizard/wizardjob.h"

#include <QWizardPage>

class QLabel;
class QPushButton;

namespace ferry::ui {

class FolderWizard;

// Test: ferry doctor's checks of the new profile (folders, the remote answers, host key, credentials,
// branch, push permitted, watches) in the wizard's worker. A line per check here; each problem also
// appears under the field it is about, so Back leads to it. Next needs every check passed.
class TestPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit TestPage(FolderWizard& wizard);

    bool running() const { return m_job.running(); }
    const QList<check::Finding>& findings() const { return m_findings; }

    void initializePage() override;
    bool isComplete() const override;

private:
    void run();
    void showResult(const QList<check::Finding>& findings);

    FolderWizard& m_wizard;
    WizardJob m_job; // a result of an earlier run (the fields changed since) is dropped
    QLabel* m_result;
    QPushButton* m_again;
    QList<check::Finding> m_findings;
};

} // namespace ferry::ui
