#include "ui/settings/profileeditor.h"

#include "ui/settings/fielderrors.h"
#include "ui/settings/tokenstore.h"

#include <algorithm>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>

namespace ferry::ui {
namespace {

QSpinBox* spin(int min, int max, int value, const QString& suffix)
{
    auto* s = new QSpinBox;
    s->setRange(min, max);
    s->setValue(value);
    s->setSuffix(suffix);
    return s;
}

QTableWidget* table(const QStringList& headers)
{
    auto* t = new QTableWidget(0, int(headers.size()));
    t->setHorizontalHeaderLabels(headers);
    t->horizontalHeader()->setStretchLastSection(true);
    t->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    t->verticalHeader()->hide();
    t->setMinimumHeight(110);
    return t;
}

void appendRow(QTableWidget* t, const QStringList& cells)
{
    const int row = t->rowCount();
    t->insertRow(row);
    for (int c = 0; c < cells.size(); ++c)
        t->setItem(row, c, new QTableWidgetItem(cells[c]));
}

// A table with its Add and Remove buttons under it.
QWidget* withButtons(QTableWidget* table, QPushButton* add, QPushButton* remove)
{
    auto* box = new QWidget;
    auto* column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(table);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    column->addLayout(buttons);
    return box;
}

// A conflict rule: the pattern as text, the policy chosen from the known ones (no misspelt policy).
void appendRule(QTableWidget* t, const QString& pattern, config::ConflictPolicy policy)
{
    appendRow(t, {pattern});
    auto* choice = new QComboBox;
    choice->addItems(config::policyNames());
    choice->setCurrentIndex(int(policy));
    t->setCellWidget(t->rowCount() - 1, 1, choice);
}

config::ConflictPolicy policyAt(const QTableWidget* t, int row)
{
    const auto* choice = qobject_cast<const QComboBox*>(t->cellWidget(row, 1));
    return choice ? config::ConflictPolicy(choice->currentIndex()) : config::ConflictPolicy::KeepBoth;
}

QString cell(const QTableWidget* t, int row, int column)
{
    const QTableWidgetItem* item = t->item(row, column);
    return item ? item->text().trimmed() : QString();
}

} // namespace

ProfileEditor::ProfileEditor(const config::Profile& profile, int index, FieldErrors& errors, QWidget* parent)
    : QWidget(parent), m_base(profile), m_name(new QLineEdit(profile.name)),
      m_remote(new QLineEdit(profile.remote)), m_branch(new QLineEdit(profile.branch)),
      m_tokenEnv(new QLineEdit(profile.tokenEnv)),
      m_token(TokenStore::newField(QStringLiteral("profiles[%1].token").arg(index))),
      m_folders(table({tr("Local folder"), tr("Path in the repository")})),
      m_interval(spin(10, 7 * 24 * 3600, profile.intervalSeconds, tr(" s"))),
      m_debounce(spin(0, 600000, profile.debounceMs, tr(" ms"))),
      m_poll(spin(0, 24 * 3600, profile.pollSeconds, tr(" s"))),
      m_ignore(new QPlainTextEdit(profile.ignore.join(u'\n'))), m_rules(table({tr("Pattern"), tr("Policy")})),
      m_check(new QPushButton(tr("Check"))), m_checkResult(new QLabel)
{
    const QString at = QStringLiteral("profiles[%1]").arg(index);
    m_name->setObjectName(at + QStringLiteral(".name"));
    m_remote->setObjectName(at + QStringLiteral(".remote"));
    m_remote->setPlaceholderText(QStringLiteral("git@github.com:me/stack.git"));
    m_tokenEnv->setToolTip(tr("The environment variable that holds the token for HTTPS remotes; the token "
                              "itself is never written to the config."));
    m_folders->setObjectName(at + QStringLiteral(".folders"));
    m_interval->setObjectName(at + QStringLiteral(".interval_seconds"));
    m_ignore->setObjectName(at + QStringLiteral(".ignore"));
    m_ignore->setPlaceholderText(tr("One pattern per line, as in .gitignore"));
    m_ignore->setMaximumHeight(90);
    m_rules->setObjectName(at + QStringLiteral(".conflict_rules"));
    for (const config::FolderMapping& f : profile.folders)
        appendRow(m_folders, {f.local, f.repoPath});
    for (const config::ConflictRule& r : profile.conflictRules)
        appendRule(m_rules, r.pattern, r.policy);
    m_rules->setToolTip(tr("First match wins."));

    auto* addFolderButton = new QPushButton(tr("Add folder…"));
    auto* removeFolderButton = new QPushButton(tr("Remove folder"));
    connect(addFolderButton, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder to sync"));
        if (!dir.isEmpty())
            addFolder(dir);
    });
    connect(removeFolderButton, &QPushButton::clicked, this, [this] {
        if (m_folders->currentRow() >= 0)
            m_folders->removeRow(m_folders->currentRow());
    });
    auto* addRuleButton = new QPushButton(tr("Add rule"));
    auto* removeRuleButton = new QPushButton(tr("Remove rule"));
    connect(addRuleButton, &QPushButton::clicked, this,
            [this] { appendRule(m_rules, QStringLiteral("**/*"), config::ConflictPolicy::KeepBoth); });
    connect(removeRuleButton, &QPushButton::clicked, this, [this] {
        if (m_rules->currentRow() >= 0)
            m_rules->removeRow(m_rules->currentRow());
    });

    auto* form = new QFormLayout(this);
    const auto row = [&](const QString& label, QWidget* field, const QString& key) {
        errors.addRow(form, label, field, at + u'.' + key);
    };
    row(tr("Name"), m_name, QStringLiteral("name"));
    row(tr("Remote"), m_remote, QStringLiteral("remote"));
    row(tr("Branch"), m_branch, QStringLiteral("branch"));
    row(tr("Token variable"), m_tokenEnv, QStringLiteral("token_env"));
    row(tr("Token"), m_token, QStringLiteral("token"));
    m_check->setObjectName(at + QStringLiteral(".check"));
    m_check->setToolTip(tr("Checks the folders, the remote, its host key, the credentials, the branch and "
                           "push permission, as ferry doctor does; nothing is synced."));
    m_checkResult->setObjectName(at + QStringLiteral(".check_result"));
    m_checkResult->setWordWrap(true);
    m_checkResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_check, &QPushButton::clicked, this, &ProfileEditor::checkRequested);
    auto* checkBox = new QWidget;
    auto* checkColumn = new QVBoxLayout(checkBox);
    checkColumn->setContentsMargins(0, 0, 0, 0);
    checkColumn->addWidget(m_check, 0, Qt::AlignLeft);
    checkColumn->addWidget(m_checkResult);
    form->addRow(tr("Connection"), checkBox);
    row(tr("Folders"), withButtons(m_folders, addFolderButton, removeFolderButton),
        QStringLiteral("folders"));
    row(tr("Full scan every"), m_interval, QStringLiteral("interval_seconds"));
    row(tr("Wait after a change"), m_debounce, QStringLiteral("debounce_ms"));
    row(tr("Check the remote every"), m_poll, QStringLiteral("poll_seconds"));
    row(tr("Ignore"), m_ignore, QStringLiteral("ignore"));
    row(tr("Conflict rules"), withButtons(m_rules, addRuleButton, removeRuleButton),
        QStringLiteral("conflict_rules"));
}

void ProfileEditor::addFolder(const QString& local)
{
    appendRow(m_folders, {local, QFileInfo(local).fileName()});
}

void ProfileEditor::setChecking()
{
    m_check->setEnabled(false);
    m_check->setText(tr("Checking…"));
    m_checkResult->clear();
}

void ProfileEditor::showCheck(const QList<check::Finding>& findings)
{
    m_check->setEnabled(true);
    m_check->setText(tr("Check"));
    QStringList lines;
    for (check::Finding f : findings) {
        f.profile.clear(); // the page is the profile's already
        lines.append(f.line());
    }
    const auto problems = std::count_if(findings.begin(), findings.end(),
                                        [](const check::Finding& f) { return f.isProblem(); });
    lines.prepend(problems == 0 ? tr("All checks passed.") : tr("Problems found: %1").arg(problems));
    m_checkResult->setText(lines.join(u'\n'));
}

QString ProfileEditor::token() const
{
    return m_token->text();
}

config::Profile ProfileEditor::profile() const
{
    config::Profile p = m_base;
    p.name = m_name->text().trimmed();
    p.remote = m_remote->text().trimmed();
    p.branch = m_branch->text().trimmed();
    p.tokenEnv = m_tokenEnv->text().trimmed();
    p.folders.clear();
    for (int r = 0; r < m_folders->rowCount(); ++r)
        p.folders.append({cell(m_folders, r, 0), cell(m_folders, r, 1)});
    p.intervalSeconds = m_interval->value();
    p.debounceMs = m_debounce->value();
    p.pollSeconds = m_poll->value();
    p.ignore.clear();
    for (const QString& line : m_ignore->toPlainText().split(u'\n'))
        if (!line.trimmed().isEmpty())
            p.ignore.append(line.trimmed());
    p.conflictRules.clear();
    for (int r = 0; r < m_rules->rowCount(); ++r)
        p.conflictRules.append({cell(m_rules, r, 0), policyAt(m_rules, r)});
    return p;
}

} // namespace ferry::ui
