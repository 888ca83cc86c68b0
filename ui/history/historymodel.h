#pragma once

#include "core/store/runrecord.h"

#include <QAbstractTableModel>
#include <QList>

namespace ferry::store {
class StoreThread;
}

namespace ferry::ui {

// The runs of sync_logs for the History tab, newest first, filtered by the store (task, status, time
// range) in the store's worker thread: the GUI thread only receives the rows. Failed runs are
// highlighted; a row's metadata is there for the detail view (MetadataRole).
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Task, Status, Started, Duration, Rows, Error, ColumnCount };
    enum Role { MetadataRole = Qt::UserRole + 1, StatusRole, RecordIdRole };

    explicit HistoryModel(store::StoreThread& store, QObject* parent = nullptr);

    // Asks the store for the runs that match; `loaded` or `loadFailed` follows. A newer request makes
    // the answers of older ones be ignored.
    void setFilter(const store::RunFilter& filter);
    void refresh();
    const store::RunFilter& filter() const { return m_filter; }
    const store::RunRecord& run(int row) const { return m_runs.at(row); }
    const QList<store::RunRecord>& runs() const { return m_runs; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void loaded();
    void loadFailed(const QString& message);

private:
    void received(quint64 generation, const QList<store::RunRecord>& runs);

    store::StoreThread& m_store;
    store::RunFilter m_filter;
    QList<store::RunRecord> m_runs;
    quint64 m_generation = 0;
};

} // namespace ferry::ui
