#pragma once

#include "core/config/config.h"
#include "core/store/runrecord.h"

#include <QAbstractTableModel>
#include <QDateTime>

namespace ferry::store {
class StoreThread;
}

namespace ferry::ui {

// The files recent sync cycles moved (uploaded, downloaded, merged, deleted, held), newest first, from
// the `changes` each cycle keeps in its sync_logs metadata; read by the store's worker. Filtered by
// profile; each row knows its file's path on this machine.
class RecentChangesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { When, Profile, Action, Path, ColumnCount };
    enum Role { LocalPathRole = Qt::UserRole + 1, ProfileRole, RepositoryPathRole };

    struct Change
    {
        QDateTime when; // the cycle's start, UTC
        QString profile;
        QString action; // uploaded, deleted_remote, downloaded, deleted_local, merged, held
        QString path;   // in the repository
        QString localPath;
    };

    RecentChangesModel(store::StoreThread& store, QObject* parent = nullptr);

    void setProfiles(const QList<config::Profile>& profiles); // for the local paths
    void setProfileFilter(const QString& profile);            // "" for all
    void refresh();                                           // the last 100 cycles
    const Change& change(int row) const { return m_shown.at(row); }
    static QString actionText(const QString& action);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void loaded();
    void loadFailed(const QString& message);

private:
    void received(const QList<store::RunRecord>& runs);
    void applyFilter();
    QString localPathOf(const QString& profile, const QString& path) const;

    store::StoreThread& m_store;
    QList<config::Profile> m_profiles;
    QString m_filter;
    QList<Change> m_all;
    QList<Change> m_shown;
};

} // namespace ferry::ui
