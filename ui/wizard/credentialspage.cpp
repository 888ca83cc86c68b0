#include "ui/wizard/credentialspage.h"

#include "ui/settings/tokenstore.h"
#include "ui/wizard/folderwizard.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QVBoxLayout>

namespace ferry::ui {

CredentialsPage::CredentialsPage(FolderWizard& wizard)
    : m_wizard(wizard), m_hint(new QLabel), m_useToken(new QRadioButton(tr("An access token (HTTPS)"))),
      m_useSsh(new QRadioButton(tr("An SSH key"))),
      m_token(TokenStore::newField(QStringLiteral("wizard.token"))), m_sshKey(new QLineEdit)
{
    setTitle(tr("Credentials"));
    setSubTitle(tr("How Ferry signs in to the repository."));
    m_hint->setWordWrap(true);
    m_useToken->setObjectName(QStringLiteral("wizard.useToken"));
    m_useSsh->setObjectName(QStringLiteral("wizard.useSsh"));
    m_token->setPlaceholderText(tr("stored in the OS keychain when you start"));
    m_sshKey->setObjectName(QStringLiteral("wizard.ssh_key"));
    m_sshKey->setPlaceholderText(tr("empty: the SSH agent, then ~/.ssh/id_ed25519, id_ecdsa, id_rsa"));
    m_useToken->setChecked(true);
    connect(m_useToken, &QRadioButton::toggled, this, &CredentialsPage::updateFields);
    auto* form = new QFormLayout;
    form->addRow(m_useToken);
    wizard.errors().addRow(form, tr("Token:"), m_token, QStringLiteral("credentials"));
    form->addRow(m_useSsh);
    form->addRow(tr("Key file:"), m_sshKey);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_hint);
    layout->addLayout(form);
    layout->addStretch();
    updateFields();
}

bool CredentialsPage::usesToken() const
{
    return m_useToken->isChecked();
}

QString CredentialsPage::token() const
{
    return m_token->text();
}

QString CredentialsPage::sshKey() const
{
    return m_sshKey->text().trimmed();
}

// The URL decides what is likely needed: a token for HTTPS, a key for SSH, nothing for a local folder.
void CredentialsPage::initializePage()
{
    const QString remote = m_wizard.profile().remote;
    const bool https =
        remote.startsWith(QLatin1String("https://")) || remote.startsWith(QLatin1String("http://"));
    const bool ssh = remote.startsWith(QLatin1String("ssh://")) || remote.contains(QLatin1String("@"));
    if (ssh && !https)
        m_useSsh->setChecked(true);
    else
        m_useToken->setChecked(true);
    m_hint->setText(https ? tr("GitHub and most hosts take a personal access token with write access to "
                               "the repository (GitHub: a fine-grained token with Contents: read and write).")
                    : ssh ? tr("Ferry uses your SSH agent, or the key file below; the host's key must be "
                               "in ~/.ssh/known_hosts.")
                          : tr("A repository on this computer needs no credentials: go on to the Test."));
}

bool CredentialsPage::validatePage()
{
    return m_wizard.checkPage({QStringLiteral("credentials")});
}

void CredentialsPage::updateFields()
{
    m_token->setEnabled(m_useToken->isChecked());
    m_sshKey->setEnabled(!m_useToken->isChecked());
}

} // namespace ferry::ui
