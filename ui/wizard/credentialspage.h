#pragma once

#include <QWizardPage>

class QLabel;
class QLineEdit;
class QRadioButton;

namespace ferry::ui {

class FolderWizard;

// How Ferry proves who it is to the remote: a token (HTTPS; kept in the OS keychain once started) or an
// SSH key (empty: the SSH agent, then the usual key files). The page suggests the one the URL needs.
class CredentialsPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit CredentialsPage(FolderWizard& wizard);

    bool usesToken() const;
    QString token() const;
    QString sshKey() const;

    void initializePage() override;
    bool validatePage() override;

private:
    void updateFields();

    FolderWizard& m_wizard;
    QLabel* m_hint;
    QRadioButton* m_useToken;
    QRadioButton* m_useSsh;
    QLineEdit* m_token;
    QLineEdit* m_sshKey;
};

} // namespace ferry::ui
