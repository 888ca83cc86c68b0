#pragma once

#include "core/store/store.h"

#include <QAbstractTableModel>

namespace ferry::store {
class StoreThread;
}

namespace ferry::ui {

// The tracked GitHub repositories of the status window: name, a Syncing…/Error/Synced/Pending badge,
// the last sync and the last error, read by the store's worker.
class RepositoriesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Badge, LastSync, LastError, ColumnCount };
    enum Role { StatusRole = Qt::UserRole + 1 };

    explicit RepositoriesModel(store::StoreThread& store, QObject* parent = nullptr);

    void refresh();
    static QString badgeOf(const QString& status);
    QString nameAt(int row) const; // "" for no row
    // A badge as the github task moves it; a repository not listed yet is read from the store.
    void setStatus(const QString& repository, const QString& status);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void loaded();
    void loadFailed(const QString& message);

private:
    store::StoreThread& m_store;
    QList<store::TrackedRepository> m_repositories;
};

} // namespace ferry::ui
