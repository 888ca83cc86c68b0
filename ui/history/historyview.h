#pragma once

#include <QWidget>

class QComboBox;
class QPlainTextEdit;
class QTableView;

namespace ferry::store {
class StoreThread;
}

namespace ferry::ui {

class HistoryModel;
class RunChart;

// The History tab: sync_logs filtered by task, status and time range (the filter runs in the store's
// worker), failed runs highlighted, the selected run's metadata beside the table, and a chart of
// duration and rows per run.
class HistoryView : public QWidget
{
    Q_OBJECT

public:
    explicit HistoryView(store::StoreThread& store, QWidget* parent = nullptr);

    HistoryModel* model() const { return m_model; }
    RunChart* chart() const { return m_chart; }

    void refresh();

private:
    void applyFilter();
    void showSelected();
    void rememberTasks();

    HistoryModel* m_model;
    QComboBox* m_task;
    QComboBox* m_status;
    QComboBox* m_range;
    QTableView* m_table;
    QPlainTextEdit* m_metadata;
    RunChart* m_chart;
};

} // namespace ferry::ui
