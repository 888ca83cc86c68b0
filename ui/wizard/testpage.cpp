#include "ui/wizard/testpage.h"

#include "core/check/doctor.h"
#include "ui/wizard/folderwizard.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace ferry::ui {

TestPage::TestPage(FolderWizard& wizard)
    : m_wizard(wizard), m_job(*this, wizard.worker()), m_result(new QLabel),
      m_again(new QPushButton(tr("Test again")))
{
    setTitle(tr("Test"));
    setSubTitle(tr("Ferry checks the folders, that the remote answers, the credentials, the branch and that "
                   "pushing is permitted. Nothing is written."));
    m_result->setObjectName(QStringLiteral("wizard.test_result"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_again->setObjectName(QStringLiteral("wizard.testAgain"));
    connect(m_again, &QPushButton::clicked, this, &TestPage::run);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_result);
    layout->addStretch();
    layout->addWidget(m_again, 0, Qt::AlignLeft);
}

void TestPage::initializePage()
{
    run();
}

bool TestPage::isComplete() const
{
    return !m_job.running() && !m_findings.isEmpty() && !check::Finding::anyProblem(m_findings);
}

// The checks run in the wizard's worker with what was entered (the typed token, not the keychain's).
void TestPage::run()
{
    m_findings.clear();
    m_again->setEnabled(false);
    m_result->setText(tr("Testing…"));
    const config::Profile profile = m_wizard.profile();
    const git::Credentials credentials = m_wizard.credentials();
    const util::StopToken stop = m_wizard.stopToken();
    m_job.run(
        [profile, credentials, stop] { return check::Doctor::profileChecks(profile, credentials, stop); },
        [this](const QList<check::Finding>& findings) { showResult(findings); });
    emit completeChanged();
}

void TestPage::showResult(const QList<check::Finding>& findings)
{
    m_findings = findings;
    m_again->setEnabled(true);
    QStringList lines;
    for (const check::Finding& f : findings)
        lines.append(f.line());
    if (check::Finding::anyProblem(findings))
        lines.append(QString() + u'\n' +
                     tr("Go Back to the fields marked in red, or fix the cause and "
                        "Test again."));
    m_result->setText(lines.join(u'\n'));
    m_wizard.showFindings(findings);
    emit completeChanged();
    emit m_wizard.tested(findings);
}

} // namespace ferry::ui
