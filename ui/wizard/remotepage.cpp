#include "ui/wizard/remotepage.h"

#include "ui/wizard/folderwizard.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace ferry::ui {

RemotePage::RemotePage(FolderWizard& wizard)
    : m_wizard(wizard), m_remote(new QLineEdit), m_branch(new QLineEdit)
{
    setTitle(tr("Repository"));
    setSubTitle(tr("The Git repository the folders sync with, and its branch."));
    m_remote->setObjectName(QStringLiteral("wizard.remote"));
    m_remote->setPlaceholderText(QStringLiteral("https://github.com/you/notes.git"));
    m_branch->setObjectName(QStringLiteral("wizard.branch"));
    m_branch->setText(QStringLiteral("sync"));
    auto* form = new QFormLayout(this);
    wizard.errors().addRow(form, tr("Remote:"), m_remote, QStringLiteral("remote"));
    auto* hint = new QLabel(tr("HTTPS (https://github.com/you/notes.git), SSH (git@github.com:you/notes.git) "
                               "or a folder on this computer."));
    hint->setWordWrap(true);
    form->addRow(QString(), hint);
    wizard.errors().addRow(form, tr("Branch:"), m_branch, QStringLiteral("branch"));
    auto* branchHint =
        new QLabel(tr("A branch the repository does not have yet is created by the first sync."));
    branchHint->setWordWrap(true);
    form->addRow(QString(), branchHint);
}

QString RemotePage::remote() const
{
    return m_remote->text().trimmed();
}

QString RemotePage::branch() const
{
    return m_branch->text().trimmed();
}

bool RemotePage::validatePage()
{
    return m_wizard.checkPage({QStringLiteral("remote"), QStringLiteral("branch")});
}

} // namespace ferry::ui
