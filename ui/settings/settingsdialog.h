#pragma once

#include "core/check/finding.h"
#include "core/config/config.h"
#include "core/util/stoptoken.h"
#include "core/util/workerthread.h"
#include "ui/settings/fielderrors.h"

#include <QDialog>
#include <QList>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QStackedWidget;
class QTabWidget;

namespace ferry::ui {

class IngestionEditor;
class ProfileEditor;

// The settings panel: profiles and their folders, timings, ignore and conflict rules; ingestion
// sources and their schedules; the database (with a connection test); launch at login and language.
// Apply validates the whole config with the same reader as the command line and shows each error
// under the field it names; a valid config is written atomically (the previous file stays if not) and
// announced with `applied`, which the running engine picks up. Reading, validating, writing and the
// connection test run in a worker thread; each profile's Check runs ferry doctor's checks of that
// profile, as edited, in another (a slow remote does not hold up Apply).
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(QString configPath, QWidget* parent = nullptr);
    ~SettingsDialog() override; // stops a check in progress instead of waiting for its network

    // The data directory the app runs on, so that launch at login reopens it (not needed for the
    // platform's default location).
    void setDataDir(const QString& dataDir) { m_dataDir = dataDir; }
    void apply();
    const FieldErrors& errors() const { return m_errors; }

signals:
    void loaded();
    void applied(const config::Config& config);
    void applyFailed();
    void connectionTested(bool ok, const QString& message);
    void profileChecked(const QString& profile, const QList<check::Finding>& findings);

private:
    // The constructor's steps.
    void buildPages();
    QWidget* buildProfilesPage();
    QWidget* buildDatabasePage();
    QWidget* buildGeneralPage();
    QDialogButtonBox* buildButtons();
    void load();

    void addProfile();
    void removeProfile();
    void showConfig(const config::Config& config, const QString& problem);
    void rebuildProfiles(const QList<config::Profile>& profiles);
    config::Config edited() const;
    void testConnection();
    void storeTokens(const config::Config& config);
    void checkProfile(ProfileEditor* editor);

    QString m_configPath;
    QString m_dataDir;
    util::WorkerThread m_worker;
    util::StopToken m_checkStop;
    util::WorkerThread m_checker; // after m_checkStop: destroyed first, once the stop is requested
    config::Config m_loaded;
    FieldErrors m_errors;
    QTabWidget* m_tabs;
    QListWidget* m_profileList;
    QStackedWidget* m_profileStack;
    QList<ProfileEditor*> m_profileEditors;
    QWidget* m_ingestionPage;
    IngestionEditor* m_ingestion = nullptr;
    QLineEdit* m_databaseUrl;
    QLabel* m_databaseResult;
    QCheckBox* m_launchAtLogin;
    QComboBox* m_language;
    QLabel* m_summary;
};

} // namespace ferry::ui
