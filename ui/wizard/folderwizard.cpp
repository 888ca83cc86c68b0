#include "ui/wizard/folderwizard.h"

#include "core/config/configfile.h"
#include "core/config/configreader.h"
#include "core/config/configwriter.h"
#include "ui/settings/tokenstore.h"
#include "ui/wizard/credentialspage.h"
#include "ui/wizard/folderspage.h"
#include "ui/wizard/previewpage.h"
#include "ui/wizard/remotepage.h"
#include "ui/wizard/testpage.h"

#include <algorithm>
#include <QAbstractButton>

namespace ferry::ui {
namespace {

// Which wizard field a doctor check is about: its problem is shown there.
QString fieldOfCheck(const QString& check)
{
    if (check == QLatin1String("folders") || check == QLatin1String("watches"))
        return QStringLiteral("folders");
    if (check == QLatin1String("remote") || check == QLatin1String("host_key"))
        return QStringLiteral("remote");
    if (check == QLatin1String("branch"))
        return QStringLiteral("branch");
    return QStringLiteral("credentials"); // credentials, push
}

// "profiles[0].folders[1].local" -> "folders", "profiles[0].ssh_key" -> "credentials".
QString fieldOfIssue(const QString& field)
{
    static const QString prefix = QStringLiteral("profiles[0].");
    QString f = field.startsWith(prefix) ? field.mid(prefix.size()) : field;
    f = f.section(u'.', 0, 0).section(u'[', 0, 0);
    if (f == QLatin1String("ssh_key") || f == QLatin1String("token_env"))
        return QStringLiteral("credentials");
    return f;
}

// The config validator's issues with `fields` of `profile` (its folders looked at on the disk: call
// in the worker), and a name in use.
QList<config::ConfigIssue> issuesOf(const config::Profile& profile, const QStringList& fields,
                                    const QString& nameTaken)
{
    config::Config c;
    c.profiles = {profile};
    // Folders may not exist yet here (the Test says so).
    const config::ConfigReader::Outcome outcome =
        config::ConfigReader::read(QByteArray::fromStdString(config::ConfigWriter::toJson(c).dump()),
                                   config::ConfigReader::Mode::MissingFoldersAllowed);
    QList<config::ConfigIssue> issues;
    for (config::ConfigIssue issue : outcome.issues) {
        issue.field = fieldOfIssue(issue.field);
        if (fields.contains(issue.field))
            issues.append(issue);
    }
    if (!nameTaken.isEmpty())
        issues.append({config::ConfigIssue::Severity::Error, QStringLiteral("name"), nameTaken});
    return issues;
}

} // namespace

FolderWizard::FolderWizard(QString configPath, QStringList takenNames, QWidget* parent)
    : QWizard(parent), m_configPath(std::move(configPath)), m_takenNames(std::move(takenNames)),
      m_worker(QStringLiteral("ferry-wizard")), m_check(*this, m_worker), m_start(*this, m_worker),
      m_folders(new FoldersPage(*this)), m_remote(new RemotePage(*this)),
      m_credentials(new CredentialsPage(*this)), m_test(new TestPage(*this)),
      m_preview(new PreviewPage(*this))
{
    setObjectName(QStringLiteral("folderWizard"));
    setWindowTitle(tr("Add a folder — Ferry"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setPage(FoldersPageId, m_folders);
    setPage(RemotePageId, m_remote);
    setPage(CredentialsPageId, m_credentials);
    setPage(TestPageId, m_test);
    setPage(PreviewPageId, m_preview);
    setButtonText(QWizard::FinishButton, tr("Start"));
    resize(640, 520);
}

FolderWizard::~FolderWizard()
{
    m_stop.requestStop();
}

config::Profile FolderWizard::profile() const
{
    config::Profile p;
    p.name = m_folders->name();
    p.folders = m_folders->folders();
    p.remote = m_remote->remote();
    p.branch = m_remote->branch();
    p.sshKey = m_credentials->usesToken() ? QString() : m_credentials->sshKey();
    // A token of its own per profile: a second profile's token does not replace the first one's.
    if (!token().isEmpty())
        p.tokenEnv =
            QStringLiteral("FERRY_GIT_TOKEN_") + p.name.toUpper().replace(u'.', u'_').replace(u'-', u'_');
    return p;
}

QString FolderWizard::token() const
{
    return m_credentials->usesToken() ? m_credentials->token() : QString();
}

git::Credentials FolderWizard::credentials() const
{
    const config::Profile p = profile();
    return git::Credentials{token(), p.sshKey};
}

QString FolderWizard::checkKey(const QStringList& fields) const
{
    config::Config c;
    c.profiles = {profile()};
    return fields.join(u',') + u'\n' + QString::fromStdString(config::ConfigWriter::toJson(c).dump());
}

bool FolderWizard::checkPage(const QStringList& fields)
{
    const QString key = checkKey(fields);
    if (!m_passed.isEmpty() && m_passed == key) {
        m_passed.clear();
        return true;
    }
    button(QWizard::NextButton)->setEnabled(false);
    const config::Profile p = profile();
    const QString nameTaken =
        fields.contains(QStringLiteral("name")) && m_takenNames.contains(p.name)
            ? tr("A profile named \"%1\" exists already: choose another name.").arg(p.name)
            : QString();
    m_check.run([p, fields, nameTaken] { return issuesOf(p, fields, nameTaken); },
                [this, key, fields, page = currentId()](const QList<config::ConfigIssue>& issues) {
                    finishCheck(key, fields, page, issues);
                });
    return false;
}

// Next goes on by itself if the check passed and the person is still on that page, with the same fields.
void FolderWizard::finishCheck(const QString& key, const QStringList& fields, int page,
                               const QList<config::ConfigIssue>& issues)
{
    m_errors.show(issues);
    const bool passed = std::none_of(issues.cbegin(), issues.cend(), [](const config::ConfigIssue& i) {
        return i.severity == config::ConfigIssue::Severity::Error;
    });
    if (currentId() == page) {
        button(QWizard::NextButton)->setEnabled(true);
        if (passed && checkKey(fields) == key) {
            m_passed = key;
            next();
        }
    }
    emit pageChecked(passed);
}

void FolderWizard::showFindings(const QList<check::Finding>& findings)
{
    QList<config::ConfigIssue> issues;
    for (const check::Finding& f : findings)
        if (f.isProblem())
            issues.append({config::ConfigIssue::Severity::Error, fieldOfCheck(f.check),
                           f.fix.isEmpty() ? f.message : f.message + QStringLiteral(" → ") + f.fix});
    m_errors.show(issues);
}

// Start: the profile is appended to the config file in the worker (validated against the folders as
// they are, written atomically); the wizard closes only once it is there.
void FolderWizard::accept()
{
    if (m_start.running())
        return;
    button(QWizard::FinishButton)->setEnabled(false);
    const config::Profile p = profile();
    const QString path = m_configPath;
    m_start.run(
        [path, p] {
            const config::ConfigFile file(path);
            const Status saved = file.addProfile(p);
            return saved ? file.load() : Result<config::LoadedConfig>(saved.error());
        },
        [this, p](const Result<config::LoadedConfig>& loaded) {
            if (!loaded) {
                m_startProblem = loaded.error().message;
                m_preview->showStartProblem(loaded.error().message);
                button(QWizard::FinishButton)->setEnabled(true);
                emit startFailed(loaded.error().message);
                return;
            }
            finishStart(loaded->config, p);
        });
}

// The token goes into this process's environment (the engine reads it there, at once) and into the
// keychain (for the next start); a keychain that refuses it does not undo the profile.
void FolderWizard::finishStart(const config::Config& config, const config::Profile& profile)
{
    const QString secret = token();
    if (!secret.isEmpty()) {
        qputenv(profile.tokenEnv.toUtf8().constData(), secret.toUtf8());
        TokenStore::write(profile.tokenEnv, secret, [](const QString&) {});
    }
    emit added(config, profile.name);
    QWizard::accept();
}

} // namespace ferry::ui
