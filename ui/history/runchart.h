#pragma once

#include "core/store/runrecord.h"

#include <QWidget>

class QCategoryAxis;
class QChartView;
class QComboBox;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace ferry::ui {

// The runs of one task over time (a task at a time: durations of unrelated tasks do not share an
// axis): each run a point coloured by its status, the duration on an axis in a unit that reads
// (ms, s, min), and rows on a second axis only when the task updates rows. Hovering a point shows
// the run.
class RunChart : public QWidget
{
    Q_OBJECT

public:
    explicit RunChart(QWidget* parent = nullptr);

    // The runs the History tab shows; the chart picks the task chosen (kept across reloads), else the
    // task of the newest run.
    void setRuns(const QList<store::RunRecord>& runs);
    QString task() const;
    void setTask(const QString& task);
    QStringList tasks() const;
    int pointCount() const; // runs of the chosen task that are drawn
    int pointCount(const QString& status) const;
    bool showsRows() const;
    QStringList durationLabels() const; // the duration axis' tick labels, bottom up
    QString durationTitle() const;
    QString hoverText() const { return m_hover; } // the run under the pointer, "" when none

    static QString describe(const store::RunRecord& run); // the hover text of one run
    // Shows the run nearest to `point` (x: ms since the epoch) as the hover text; the points' hover
    // signal calls it.
    void showRunAt(const QPointF& point);

private:
    void plot();
    QScatterSeries* seriesFor(const QString& status) const;

    QComboBox* m_taskChoice;
    QChartView* m_view;
    QLabel* m_hoverLabel;
    QList<store::RunRecord> m_runs;
    QList<store::RunRecord> m_shown; // of the chosen task, oldest first
    QScatterSeries* m_success;
    QScatterSeries* m_partial;
    QScatterSeries* m_failed;
    QScatterSeries* m_running;
    QLineSeries* m_rows;
    QDateTimeAxis* m_time;
    QCategoryAxis* m_duration;
    QValueAxis* m_rowAxis;
    QString m_hover;
};

} // namespace ferry::ui
