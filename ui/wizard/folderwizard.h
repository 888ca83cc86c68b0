#pragma once

#include "core/check/finding.h"
#include "core/config/config.h"
#include "core/git/remote.h"
#include "core/util/stoptoken.h"
#include "core/util/workerthread.h"
#include "ui/settings/fielderrors.h"
#include "ui/wizard/wizardjob.h"

#include <QWizard>

namespace ferry::ui {

class CredentialsPage;
class FoldersPage;
class PreviewPage;
class RemotePage;
class TestPage;

// Add a folder…: the first-run wizard. Folders and their paths in the repository, the remote and its
// branch, the credentials, a Test (ferry doctor's checks of the new profile), a preview of the first
// sync, then Start: the profile is appended to the config file (validated, written atomically), the
// token goes to the OS keychain, and `added` hands the new config to the engine, whose first cycle
// starts at once. Checks, preview and writing run in a worker; Cancel writes nothing.
class FolderWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId { FoldersPageId, RemotePageId, CredentialsPageId, TestPageId, PreviewPageId };

    FolderWizard(QString configPath, QStringList takenNames, QWidget* parent = nullptr);
    ~FolderWizard() override; // stops a check or preview in progress instead of waiting for the network

    config::Profile profile() const; // as entered so far
    QString token() const;           // typed for the remote; "" for none
    git::Credentials credentials() const;

    // A page's Next: the config validator's verdict on the fields of `fields` ("name", "folders", "remote",
    // …), which reads the disk (the folders), so it runs in the worker. True once that check passed for
    // the fields as they are now; otherwise it starts the check (Next waits, disabled) and returns false:
    // its problems appear under their fields, and the wizard goes on by itself when there are none.
    bool checkPage(const QStringList& fields);
    bool checkingPage() const { return m_check.running(); }
    // The Test's problems, under the fields they are about.
    void showFindings(const QList<check::Finding>& findings);
    FieldErrors& errors() { return m_errors; }
    util::WorkerThread& worker() { return m_worker; }
    const util::StopToken& stopToken() const { return m_stop; }
    QString startProblem() const { return m_startProblem; }

    void accept() override; // Start

signals:
    void pageChecked(bool passed); // a checkPage() check's verdict is shown
    void tested(const QList<check::Finding>& findings);
    void previewed(bool ok);
    // The profile was written to the config: `config` is the file as it is now.
    void added(const config::Config& config, const QString& profile);
    void startFailed(const QString& message);

private:
    QString checkKey(const QStringList& fields) const; // the fields checked and what they hold
    void finishCheck(const QString& key, const QStringList& fields, int page,
                     const QList<config::ConfigIssue>& issues);
    void finishStart(const config::Config& config, const config::Profile& profile);

    QString m_configPath;
    QStringList m_takenNames;
    FieldErrors m_errors;
    util::StopToken m_stop;
    util::WorkerThread m_worker; // after m_stop: destroyed first, once the stop is requested
    WizardJob m_check;           // a page's checkPage()
    WizardJob m_start;           // Start: the config written
    QString m_passed;            // checkKey() of the fields whose check passed, until Next takes it
    FoldersPage* m_folders;
    RemotePage* m_remote;
    CredentialsPage* m_credentials;
    TestPage* m_test;
    PreviewPage* m_preview;
    QString m_startProblem;
};

} // namespace ferry::ui
