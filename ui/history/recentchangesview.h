#pragma once

#include <QUrl>
#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QTableView;

namespace ferry::store {
class StoreThread;
}

namespace ferry::ui {

class RecentChangesModel;

// The Recent changes tab: the files recent cycles moved, filterable by profile, with Open, and the
// file's archived versions (Show versions) to put one back (Restore), read and written in a worker.
class RecentChangesView : public QWidget
{
    Q_OBJECT

public:
    explicit RecentChangesView(store::StoreThread& store, QWidget* parent = nullptr);

    RecentChangesModel* model() const { return m_model; }
    void setProfiles(const QStringList& names); // the filter's choices
    void setDataDir(const QString& dataDir);    // where the profiles' versions archives are
    void refresh();
    // The selected file's archived versions, read in a worker; `versionsShown` follows.
    void showVersions();
    // Writes the selected version (else the newest) back in a worker; `restored` follows.
    void restoreVersion();

signals:
    void openRequested(const QUrl& url);
    void versionsShown(int count);
    void restored(bool ok, const QString& message);

private:
    RecentChangesModel* m_model;
    QComboBox* m_profile;
    QTableView* m_table;
    QListWidget* m_versions;
    QLabel* m_message;
    QString m_dataDir;
    QString m_versionsProfile; // whose versions the list shows
};

} // namespace ferry::ui
