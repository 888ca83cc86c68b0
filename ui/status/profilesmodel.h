#pragma once

#include "core/sync/health.h"
#include "core/sync/profilesnapshot.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

namespace ferry::ui {

// The sync profiles of the status window: health, live progress of the cycle in hand (files done of
// total), changes waiting, last sync and the last cycle's figures. The controller feeds it from the
// watchers' queued signals; the view only reads.
class ProfilesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Health, Progress, Pending, LastSync, Summary, ColumnCount };
    enum Role {
        ProgressDoneRole = Qt::UserRole + 1,
        ProgressTotalRole,
        HealthRole
    }; // HealthRole: "syncing", "paused" or the health's name

    struct Row
    {
        QString name;
        sync::Health health = sync::Health::Healthy; // after the last cycle (the engine's rule)
        bool syncing = false;                        // a cycle is in hand
        bool paused = false;                         // paused by the user (tray: Pause)
        int done = 0, total = 0;                     // total 0: no cycle in hand
        int pending = 0;
        QDateTime lastSync;
        QString summary; // "3 up, 1 down, 0.21 s" or the last error
        // For the profile's card: its config, and its state after the last cycle (from the watcher).
        QString remote;
        QString branch;
        QStringList folders; // local paths
        sync::ProfileSnapshot snapshot;
        QDateTime nextFullScan; // UTC; invalid until the watcher schedules one
    };

    explicit ProfilesModel(QObject* parent = nullptr);

    void setProfiles(const QStringList& names);
    void update(const Row& row); // by name
    void setProgress(const QString& name, int done, int total);
    void setNextFullScan(const QString& name, const QDateTime& at);
    const Row* row(const QString& name) const;
    const Row& rowAt(int i) const { return m_rows.at(i); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "Syncing…", "Paused", "Retrying", "Failing", "Stopped: needs you" or "Healthy".
    static QString healthText(const Row& row);

private:
    int indexOf(const QString& name) const;
    QList<Row> m_rows;
};

} // namespace ferry::ui
