#pragma once

#include "core/check/finding.h"

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

    bool running() const { return m_running; }
    const QList<check::Finding>& findings() const { return m_findings; }

    void initializePage() override;
    bool isComplete() const override;

private:
    void run();

    FolderWizard& m_wizard;
    QLabel* m_result;
    QPushButton* m_again;
    QList<check::Finding> m_findings;
    bool m_running = false;
    int m_generation = 0; // a result of an earlier run (the fields changed since) is dropped
};

} // namespace ferry::ui
