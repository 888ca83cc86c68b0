#include "ui/settings/settingsdialog.h"

#include "core/check/doctor.h"
#include "core/config/configfile.h"
#include "core/config/configreader.h"
#include "core/config/configwriter.h"
#include "core/store/postgresstore.h"
#include "ui/settings/autostart.h"
#include "ui/settings/ingestioneditor.h"
#include "ui/settings/profileeditor.h"
#include "ui/settings/tokenstore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QStackedWidget>
#include <QTabWidget>

namespace ferry::ui {
namespace {

QWidget* scrolled(QWidget* content)
{
    auto* area = new QScrollArea;
    area->setWidget(content);
    area->setWidgetResizable(true);
    return area;
}

} // namespace

SettingsDialog::SettingsDialog(QString configPath, QWidget* parent)
    : QDialog(parent), m_configPath(std::move(configPath)), m_worker(QStringLiteral("ferry-settings")),
      m_checker(QStringLiteral("ferry-check")), m_tabs(new QTabWidget), m_profileList(new QListWidget),
      m_profileStack(new QStackedWidget), m_ingestionPage(new QWidget), m_databaseUrl(new QLineEdit),
      m_databaseResult(new QLabel), m_launchAtLogin(new QCheckBox(tr("Start Ferry when I log in"))),
      m_language(new QComboBox), m_summary(new QLabel)
{
    setWindowTitle(tr("Settings — Ferry"));
    buildPages();
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_summary);
    layout->addWidget(buildButtons());
    resize(820, 680);
    load();
}

void SettingsDialog::buildPages()
{
    m_tabs->addTab(buildProfilesPage(), tr("Profiles"));
    new QVBoxLayout(m_ingestionPage); // filled by showConfig()
    m_tabs->addTab(scrolled(m_ingestionPage), tr("Ingestion and schedules"));
    m_tabs->addTab(buildDatabasePage(), tr("Database"));
    m_tabs->addTab(buildGeneralPage(), tr("General"));
}

// Profiles: a list on the left, the selected profile's fields on the right.
QWidget* SettingsDialog::buildProfilesPage()
{
    auto* addProfile = new QPushButton(tr("Add profile"));
    auto* removeProfile = new QPushButton(tr("Remove profile"));
    connect(addProfile, &QPushButton::clicked, this, &SettingsDialog::addProfile);
    connect(removeProfile, &QPushButton::clicked, this, &SettingsDialog::removeProfile);
    connect(m_profileList, &QListWidget::currentRowChanged, m_profileStack, &QStackedWidget::setCurrentIndex);
    auto* page = new QWidget;
    auto* layout = new QHBoxLayout(page);
    auto* listColumn = new QVBoxLayout;
    listColumn->addWidget(m_profileList);
    listColumn->addWidget(addProfile);
    listColumn->addWidget(removeProfile);
    layout->addLayout(listColumn);
    layout->addWidget(m_profileStack, 1);
    m_profileList->setMaximumWidth(180);
    return page;
}

void SettingsDialog::addProfile()
{
    QList<config::Profile> profiles = edited().profiles;
    config::Profile p;
    p.name = tr("profile%1").arg(profiles.size() + 1);
    profiles.append(p);
    rebuildProfiles(profiles);
    m_profileList->setCurrentRow(int(profiles.size()) - 1);
}

void SettingsDialog::removeProfile()
{
    QList<config::Profile> profiles = edited().profiles;
    if (const int row = m_profileList->currentRow(); row >= 0 && row < profiles.size()) {
        profiles.removeAt(row);
        rebuildProfiles(profiles);
    }
}

QWidget* SettingsDialog::buildDatabasePage()
{
    auto* page = new QWidget;
    auto* form = new QFormLayout(page);
    m_databaseUrl->setObjectName(QStringLiteral("database.url"));
    m_databaseUrl->setPlaceholderText(tr("empty: DATABASE_URL, else the embedded SQLite store"));
    auto* test = new QPushButton(tr("Test connection"));
    test->setObjectName(QStringLiteral("testConnection"));
    connect(test, &QPushButton::clicked, this, &SettingsDialog::testConnection);
    auto* urlRow = new QWidget;
    auto* urlLayout = new QVBoxLayout(urlRow);
    urlLayout->setContentsMargins(0, 0, 0, 0);
    urlLayout->addWidget(m_databaseUrl);
    urlLayout->addWidget(m_errors.label(QStringLiteral("database.url")));
    form->addRow(tr("PostgreSQL URL"), urlRow);
    form->addRow(QString(), test);
    form->addRow(QString(), m_databaseResult);
    form->addRow(QString(), new QLabel(tr("No password here: libpq reads PGPASSWORD or ~/.pgpass.")));
    return page;
}

QWidget* SettingsDialog::buildGeneralPage()
{
    auto* page = new QWidget;
    auto* form = new QFormLayout(page);
    m_launchAtLogin->setObjectName(QStringLiteral("launchAtLogin"));
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(tr("System language"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->addItem(QStringLiteral("Français"), QStringLiteral("fr"));
    form->addRow(QString(), m_launchAtLogin);
    form->addRow(tr("Language (after a restart)"), m_language);
    return page;
}

// Apply and Close, with the summary line (what Apply did, or why not) above them.
QDialogButtonBox* SettingsDialog::buildButtons()
{
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Apply | QDialogButtonBox::Close);
    buttons->button(QDialogButtonBox::Apply)->setObjectName(QStringLiteral("apply"));
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsDialog::apply);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    return buttons;
}

// The config, the autostart entry and the language setting are files: read in the worker, shown here.
void SettingsDialog::load()
{
    const QPointer<QObject> self(this);
    const QString path = m_configPath;
    m_worker.post([this, self, path] {
        const Result<config::LoadedConfig> loaded =
            config::ConfigFile(path).load(config::ConfigReader::Mode::MissingFoldersAllowed);
        const config::Config config = loaded ? loaded->config : config::Config();
        const QString problem = loaded ? QString() : loaded.message();
        const bool launch = Autostart::isEnabled();
        const QString language = QSettings().value(QStringLiteral("language")).toString();
        util::WorkerThread::deliver(self, [this, config, problem, launch, language] {
            m_launchAtLogin->setChecked(launch);
            m_language->setCurrentIndex(qMax(0, m_language->findData(language)));
            showConfig(config, problem);
        });
    });
}

SettingsDialog::~SettingsDialog()
{
    m_checkStop.requestStop();
}

void SettingsDialog::showConfig(const config::Config& config, const QString& problem)
{
    m_loaded = config;
    rebuildProfiles(config.profiles);
    delete m_ingestion;
    m_ingestion = new IngestionEditor(config, m_errors);
    m_ingestionPage->layout()->addWidget(m_ingestion);
    m_databaseUrl->setText(config.database.url);
    m_summary->setText(problem.isEmpty()
                           ? QString()
                           : tr("The config file could not be read; saving replaces it:\n%1").arg(problem));
    emit loaded();
}

void SettingsDialog::rebuildProfiles(const QList<config::Profile>& profiles)
{
    for (ProfileEditor* e : std::as_const(m_profileEditors)) {
        m_profileStack->removeWidget(e->parentWidget());
        e->parentWidget()->deleteLater();
    }
    m_profileEditors.clear();
    m_profileList->clear();
    for (int i = 0; i < profiles.size(); ++i) {
        auto* editor = new ProfileEditor(profiles[i], i, m_errors);
        m_profileEditors.append(editor);
        connect(editor, &ProfileEditor::checkRequested, this, [this, editor] { checkProfile(editor); });
        m_profileStack->addWidget(scrolled(editor));
        m_profileList->addItem(profiles[i].name);
    }
    if (!profiles.isEmpty())
        m_profileList->setCurrentRow(0);
}

config::Config SettingsDialog::edited() const
{
    config::Config c = m_loaded;
    c.profiles.clear();
    for (const ProfileEditor* e : m_profileEditors)
        c.profiles.append(e->profile());
    if (m_ingestion)
        m_ingestion->apply(c);
    c.database.url = m_databaseUrl->text().trimmed();
    return c;
}

void SettingsDialog::apply()
{
    const config::Config config = edited();
    const bool launch = m_launchAtLogin->isChecked();
    const QString language = m_language->currentData().toString();
    const QPointer<QObject> self(this);
    const QString path = m_configPath;
    m_summary->setText(tr("Saving…"));
    const QStringList launchArguments = Autostart::launchArguments(path, m_dataDir);
    m_worker.post([this, self, config, launch, language, path, launchArguments] {
        // The same validation as the command line, folders checked to exist: what is saved is valid.
        const config::ConfigReader::Outcome checked =
            config::ConfigReader::read(QByteArray::fromStdString(config::ConfigWriter::toJson(config).dump()),
                                       config::ConfigReader::Mode::Strict);
        Status saved;
        if (!checked.hasErrors())
            saved = config::ConfigFile(path).save(config);
        QSettings().setValue(QStringLiteral("language"), language);
        QString autostartError;
        // An entry left by another config or data directory is rewritten, not kept because it exists.
        const bool stale = launch ? !Autostart::isCurrent(launchArguments) : Autostart::isEnabled();
        if (!checked.hasErrors() && saved && stale)
            Autostart::setEnabled(launch, &autostartError, launchArguments);
        util::WorkerThread::deliver(self, [this, checked, saved, autostartError, config] {
            const QList<config::ConfigIssue> unplaced = m_errors.show(checked.issues);
            if (checked.hasErrors() || !saved) {
                QStringList lines{tr("Not saved: fix the fields marked in red.")};
                for (const config::ConfigIssue& issue : unplaced)
                    lines.append(issue.toString());
                if (!saved)
                    lines = QStringList{tr("Not saved: %1").arg(saved.message())};
                m_summary->setText(lines.join(u'\n'));
                emit applyFailed();
                return;
            }
            m_loaded = config;
            m_summary->setText(autostartError.isEmpty()
                                   ? tr("Saved.")
                                   : tr("Saved; launch at login: %1").arg(autostartError));
            storeTokens(config);
        });
    });
}

// Tokens typed in the form go to the OS keychain (never to the config), and into this process's
// environment so that the engine, restarted on the new config, has them at once; then `applied`.
void SettingsDialog::storeTokens(const config::Config& config)
{
    QList<QPair<QString, QString>> tokens =
        m_ingestion ? m_ingestion->tokens() : QList<QPair<QString, QString>>();
    for (int i = 0; i < m_profileEditors.size() && i < config.profiles.size(); ++i)
        if (!m_profileEditors[i]->token().isEmpty())
            tokens.append({config.profiles[i].tokenEnv, m_profileEditors[i]->token()});
    if (tokens.isEmpty()) {
        emit applied(config);
        return;
    }
    auto left = std::make_shared<int>(int(tokens.size()));
    auto problems = std::make_shared<QStringList>();
    const QPointer<SettingsDialog> self(this);
    for (const auto& entry : std::as_const(tokens)) {
        // Named copies: a lambda cannot capture a structured binding before C++20 (clang refuses).
        const QString variable = entry.first, token = entry.second;
        qputenv(variable.toUtf8().constData(), token.toUtf8());
        TokenStore::write(variable, token, [self, left, problems, config, variable](const QString& error) {
            if (!error.isEmpty())
                problems->append(QStringLiteral("%1: %2").arg(variable, error));
            if (--*left > 0 || !self)
                return;
            self->m_summary->setText(problems->isEmpty()
                                         ? tr("Saved; tokens stored in the keychain.")
                                         : tr("Saved, but a token could not be stored in the keychain "
                                              "(it is used until Ferry quits): %1")
                                               .arg(problems->join(QStringLiteral("; "))));
            emit self->applied(config);
        });
    }
}

void SettingsDialog::testConnection()
{
    const QString url = m_databaseUrl->text().trimmed();
    if (url.isEmpty()) {
        m_databaseResult->setText(tr("The embedded SQLite store is used (or DATABASE_URL when it is set)."));
        emit connectionTested(true, m_databaseResult->text());
        return;
    }
    m_databaseResult->setText(tr("Connecting…"));
    const QPointer<QObject> self(this);
    m_worker.post([this, self, url] {
        store::PostgresStore store(url, 5);
        const Status opened = store.open();
        const Result<int> version = opened ? store.schemaVersion() : Result<int>(opened.error());
        util::WorkerThread::deliver(self, [this, opened, version] {
            const QString text = opened ? tr("Connected: schema version %1.").arg(version ? *version : 0)
                                        : tr("Cannot connect: %1").arg(opened.message());
            m_databaseResult->setText(text);
            emit connectionTested(opened.ok(), text);
        });
    });
}

} // namespace ferry::ui

namespace ferry::ui {

// The profile as edited (not yet applied) with the token typed in its field, or else the one this
// process has (from the keychain); the checks run in m_checker, never here.
void SettingsDialog::checkProfile(ProfileEditor* editor)
{
    const config::Profile profile = editor->profile();
    git::Credentials credentials = check::Doctor::credentialsOf(profile);
    if (!editor->token().isEmpty())
        credentials.token = editor->token();
    editor->setChecking();
    const QPointer<QObject> self(this);
    const QPointer<ProfileEditor> target(editor);
    const util::StopToken stop = m_checkStop;
    m_checker.post([self, target, profile, credentials, stop] {
        const QList<check::Finding> findings = check::Doctor::profileChecks(profile, credentials, stop);
        util::WorkerThread::deliver(self, [self, target, profile, findings] {
            if (target)
                target->showCheck(findings);
            emit static_cast<SettingsDialog*>(self.data())->profileChecked(profile.name, findings);
        });
    });
}

} // namespace ferry::ui
