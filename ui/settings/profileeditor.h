#pragma once

#include "core/check/finding.h"
#include "core/config/config.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace ferry::ui {

class FieldErrors;

// The fields of one sync profile: name, remote and branch, the token's variable, folders (picked
// with a folder dialog, each with its path inside the repository), timings, ignore rules and conflict
// rules. Errors of `profiles[index]` appear under the field they name. Its Check button asks for the
// profile's checks (ferry doctor's, run by the dialog in a worker) and shows their lines.
class ProfileEditor : public QWidget
{
    Q_OBJECT

public:
    ProfileEditor(const config::Profile& profile, int index, FieldErrors& errors, QWidget* parent = nullptr);

    // The profile as edited, over `base` (fields this editor does not show stay as they were).
    config::Profile profile() const;
    // A token typed for the remote (empty: keep what the keychain has); it goes to the OS keychain.
    QString token() const;

    // While the checks run: the button is disabled and says so.
    void setChecking();
    void showCheck(const QList<check::Finding>& findings);

signals:
    void checkRequested();

private:
    void addFolder(const QString& local);

    config::Profile m_base;
    QLineEdit* m_name;
    QLineEdit* m_remote;
    QLineEdit* m_branch;
    QLineEdit* m_tokenEnv;
    QLineEdit* m_token;
    QTableWidget* m_folders;
    QSpinBox* m_interval;
    QSpinBox* m_debounce;
    QSpinBox* m_poll;
    QPlainTextEdit* m_ignore;
    QTableWidget* m_rules;
    QPushButton* m_check;
    QLabel* m_checkResult;
};

} // namespace ferry::ui
