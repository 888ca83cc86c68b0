#pragma once

#include "store/runrecord.h"

#include <QChartView>

class QLineSeries;
class QDateTimeAxis;
class QValueAxis;

namespace ferry::ui {

// Duration and rows of the runs shown in the History tab, over time: two lines on one time axis, each
// with its own value axis.
class RunChart : public QChartView
{
    Q_OBJECT

public:
    explicit RunChart(QWidget* parent = nullptr);

    void setRuns(const QList<store::RunRecord>& runs);
    int pointCount() const;

private:
    QLineSeries* m_duration;
    QLineSeries* m_rows;
    QDateTimeAxis* m_time;
    QValueAxis* m_seconds;
    QValueAxis* m_rowAxis;
};

} // namespace ferry::ui
