#pragma once

#include "core/config/config.h"

#include <QWizardPage>

class QGridLayout;
class QLineEdit;

namespace ferry::ui {

class FolderWizard;

// The wizard's first page: the profile's name and its folders, each with the path it has inside the
// repository (the name and the path follow the folder picked until they are edited by hand).
class FoldersPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit FoldersPage(FolderWizard& wizard);

    QString name() const;
    QList<config::FolderMapping> folders() const;
    // Sets row `row` (adding rows as needed): what a person picking a folder does.
    void setFolder(int row, const QString& local, const QString& repoPath = QString());

    bool validatePage() override;

private:
    struct Row
    {
        QLineEdit* local;
        QLineEdit* repoPath;
    };
    void addRow();
    void followFolder(int row);

    FolderWizard& m_wizard;
    QLineEdit* m_name;
    bool m_nameEdited = false;
    QGridLayout* m_grid;
    QList<Row> m_rows;
};

} // namespace ferry::ui
