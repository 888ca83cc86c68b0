#include "ui/wizard/folderspage.h"

#include "ui/wizard/folderwizard.h"

#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace ferry::ui {
namespace {

// A folder's name as a profile name or a repository path: what the config accepts.
QString cleanName(const QString& local)
{
    QString name = QDir::cleanPath(local).section(u'/', -1);
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("-"));
    while (!name.isEmpty() && !name.front().isLetterOrNumber())
        name.remove(0, 1);
    return name.left(64);
}

} // namespace

FoldersPage::FoldersPage(FolderWizard& wizard)
    : m_wizard(wizard), m_name(new QLineEdit), m_grid(new QGridLayout)
{
    setTitle(tr("Folders"));
    setSubTitle(tr("Which folders to sync, and where each one goes in the repository."));
    m_name->setObjectName(QStringLiteral("wizard.name"));
    connect(m_name, &QLineEdit::textEdited, this, [this] { m_nameEdited = true; });
    auto* form = new QFormLayout;
    wizard.errors().addRow(form, tr("Name:"), m_name, QStringLiteral("name"));
    m_grid->addWidget(new QLabel(tr("Folder on this computer")), 0, 0);
    m_grid->addWidget(new QLabel(tr("Path in the repository")), 0, 2);
    auto* another = new QPushButton(tr("Add another folder"));
    another->setObjectName(QStringLiteral("wizard.addRow"));
    connect(another, &QPushButton::clicked, this, &FoldersPage::addRow);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(m_grid);
    layout->addWidget(wizard.errors().label(QStringLiteral("folders")));
    layout->addWidget(another, 0, Qt::AlignLeft);
    layout->addStretch();
    addRow();
}

void FoldersPage::addRow()
{
    const int row = int(m_rows.size());
    Row r{new QLineEdit, new QLineEdit};
    r.local->setObjectName(QStringLiteral("wizard.folders[%1].local").arg(row));
    r.local->setPlaceholderText(QDir::homePath() + QStringLiteral("/Notes"));
    r.repoPath->setObjectName(QStringLiteral("wizard.folders[%1].repo_path").arg(row));
    r.repoPath->setPlaceholderText(tr("for example: notes"));
    auto* browse = new QPushButton(tr("Browse…"));
    connect(browse, &QPushButton::clicked, this, [this, row] {
        const QString picked =
            QFileDialog::getExistingDirectory(this, tr("Folder to sync"), QDir::homePath());
        if (!picked.isEmpty())
            setFolder(row, picked);
    });
    connect(r.local, &QLineEdit::textEdited, this, [this, row] { followFolder(row); });
    m_grid->addWidget(r.local, row + 1, 0);
    m_grid->addWidget(browse, row + 1, 1);
    m_grid->addWidget(r.repoPath, row + 1, 2);
    r.repoPath->setProperty("edited", false);
    connect(r.repoPath, &QLineEdit::textEdited, r.repoPath,
            [edit = r.repoPath] { edit->setProperty("edited", true); });
    m_rows.append(r);
}

// The name and the repository path are suggested from the folder until a person types their own.
void FoldersPage::followFolder(int row)
{
    const QString name = cleanName(m_rows[row].local->text());
    if (!m_rows[row].repoPath->property("edited").toBool())
        m_rows[row].repoPath->setText(name);
    if (row == 0 && !m_nameEdited)
        m_name->setText(name);
}

void FoldersPage::setFolder(int row, const QString& local, const QString& repoPath)
{
    while (m_rows.size() <= row)
        addRow();
    m_rows[row].local->setText(local);
    followFolder(row);
    if (!repoPath.isNull()) {
        m_rows[row].repoPath->setText(repoPath);
        m_rows[row].repoPath->setProperty("edited", true);
    }
}

QString FoldersPage::name() const
{
    return m_name->text().trimmed();
}

QList<config::FolderMapping> FoldersPage::folders() const
{
    QList<config::FolderMapping> folders;
    for (const Row& r : m_rows)
        if (!r.local->text().trimmed().isEmpty())
            folders.append({QDir::cleanPath(r.local->text().trimmed()), r.repoPath->text().trimmed()});
    return folders;
}

bool FoldersPage::validatePage()
{
    return m_wizard.checkPage({QStringLiteral("name"), QStringLiteral("folders")});
}

} // namespace ferry::ui
