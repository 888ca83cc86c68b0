#pragma once

#include "core/schedule/scheduler.h"
#include "core/store/jobstate.h"

#include <QAbstractTableModel>

namespace ferry::store {
class StoreThread;
}

namespace ferry::ui {

// The scheduled pipelines of the status window: when each runs (time, days, zone), its last run (from
// job_runs, read in the store's worker) and its next run — "due now" when a due instant has not been
// run yet (it starts at the scheduler's next look).
class SchedulesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Pipeline, Schedule, LastRun, NextRun, ColumnCount };

    explicit SchedulesModel(store::StoreThread& store, QObject* parent = nullptr);

    void setPipelines(const QList<schedule::ScheduledPipeline>& pipelines);
    void refresh();
    QString pipelineAt(int row) const;

    static QString describe(const config::Schedule& schedule);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void loaded();

private:
    store::StoreThread& m_store;
    QList<schedule::ScheduledPipeline> m_pipelines;
    QHash<QString, store::JobState> m_states;
};

} // namespace ferry::ui
