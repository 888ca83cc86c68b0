#include "ui/wizard/previewpage.h"

#include "core/config/conflictpolicy.h"
#include "ui/wizard/folderwizard.h"

#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ferry::ui {
namespace {

constexpr int kListed = 500; // per group: the counts say the rest

void addGroup(QTreeWidget* list, const QString& title, const QStringList& paths,
              const QStringList& notes = {})
{
    auto* group = new QTreeWidgetItem(list, {title.arg(paths.size())});
    for (qsizetype i = 0; i < paths.size() && i < kListed; ++i)
        new QTreeWidgetItem(group, {paths[i], notes.value(i)});
}

} // namespace

PreviewPage::PreviewPage(FolderWizard& wizard)
    : m_wizard(wizard), m_job(*this, wizard.worker()), m_summary(new QLabel), m_list(new QTreeWidget),
      m_problem(new QLabel)
{
    setTitle(tr("Preview"));
    setSubTitle(tr("What the first sync will do. Nothing has been written yet: Start saves the profile and "
                   "syncs."));
    m_summary->setObjectName(QStringLiteral("wizard.preview_summary"));
    m_summary->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("wizard.preview_list"));
    m_list->setHeaderLabels({tr("Path"), tr("Conflict policy")});
    m_problem->setObjectName(QStringLiteral("wizard.start_problem"));
    m_problem->setStyleSheet(QStringLiteral("color: #b02a37;"));
    m_problem->setWordWrap(true);
    m_problem->hide();
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_problem);
}

void PreviewPage::initializePage()
{
    m_outcome.reset();
    m_list->clear();
    m_problem->hide();
    m_summary->setText(tr("Comparing the folders with the branch…"));
    const config::Profile profile = m_wizard.profile();
    const git::Credentials credentials = m_wizard.credentials();
    const util::StopToken stop = m_wizard.stopToken();
    m_job.run(
        [profile, credentials, stop] { return sync::FirstSyncPreview::compute(profile, credentials, stop); },
        [this](const Result<sync::FirstSyncPreview::Outcome>& outcome) {
            if (outcome)
                show(*outcome);
            else
                m_summary->setText(tr("No preview: %1").arg(outcome.error().message));
            emit completeChanged();
            emit m_wizard.previewed(outcome.ok());
        });
    emit completeChanged();
}

bool PreviewPage::isComplete() const
{
    return !m_job.running() && m_outcome.has_value();
}

QString PreviewPage::summary() const
{
    return m_summary->text();
}

void PreviewPage::showStartProblem(const QString& message)
{
    m_problem->setText(tr("Not started, nothing was written: %1").arg(message));
    m_problem->show();
}

void PreviewPage::show(const sync::FirstSyncPreview::Outcome& outcome)
{
    m_outcome = outcome;
    QStringList lines{tr("Upload: %1 · Download: %2 · Conflicts: %3")
                          .arg(outcome.upload.size())
                          .arg(outcome.download.size())
                          .arg(outcome.conflicts.size())};
    if (!outcome.branchExists)
        lines.append(tr("The branch does not exist yet: the first sync creates it with your files."));
    if (!outcome.conflicts.isEmpty())
        lines.append(tr("Files both sides have with different content are settled by the conflict policy "
                        "shown: keep-both keeps the remote's under the name and yours as a conflict copy."));
    for (const QString& note : outcome.notes)
        lines.append(note);
    m_summary->setText(lines.join(u'\n'));
    m_list->clear();
    addGroup(m_list, tr("To upload (%1)"), outcome.upload);
    addGroup(m_list, tr("To download (%1)"), outcome.download);
    QStringList paths, policies;
    for (const sync::FirstSyncPreview::Conflict& c : outcome.conflicts) {
        paths.append(c.path);
        policies.append(config::policyName(c.policy));
    }
    addGroup(m_list, tr("Conflicts (%1)"), paths, policies);
    m_list->expandAll();
    m_list->resizeColumnToContents(0);
}

} // namespace ferry::ui
