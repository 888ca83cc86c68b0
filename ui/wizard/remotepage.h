#pragma once

#include <QWizardPage>

class QLineEdit;

namespace ferry::ui {

class FolderWizard;

// The wizard's remote: the repository's URL (HTTPS, SSH, or a path) and the branch the folders sync
// with (created by the first sync when the repository has no such branch).
class RemotePage : public QWizardPage
{
    Q_OBJECT

public:
    explicit RemotePage(FolderWizard& wizard);

    QString remote() const;
    QString branch() const;
    bool validatePage() override;

private:
    FolderWizard& m_wizard;
    QLineEdit* m_remote;
    QLineEdit* m_branch;
};

} // namespace ferry::ui
