#include "history/runchart.h"

#include <algorithm>
#include <QChart>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QValueAxis>

namespace ferry::ui {

RunChart::RunChart(QWidget* parent)
    : QChartView(parent), m_duration(new QLineSeries), m_rows(new QLineSeries), m_time(new QDateTimeAxis),
      m_seconds(new QValueAxis), m_rowAxis(new QValueAxis)
{
    auto* chart = new QChart;
    m_duration->setName(tr("Duration (s)"));
    m_rows->setName(tr("Rows"));
    chart->addSeries(m_duration);
    chart->addSeries(m_rows);
    m_time->setFormat(QStringLiteral("MMM d HH:mm"));
    m_seconds->setTitleText(tr("Seconds"));
    m_rowAxis->setTitleText(tr("Rows"));
    m_seconds->setLabelFormat(QStringLiteral("%.0f"));
    m_rowAxis->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_seconds, Qt::AlignLeft);
    chart->addAxis(m_rowAxis, Qt::AlignRight);
    m_duration->attachAxis(m_time);
    m_duration->attachAxis(m_seconds);
    m_rows->attachAxis(m_time);
    m_rows->attachAxis(m_rowAxis);
    chart->legend()->setAlignment(Qt::AlignTop);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(180);
}

void RunChart::setRuns(const QList<store::RunRecord>& runs)
{
    QList<store::RunRecord> ordered = runs; // the model lists newest first; a time axis reads left to right
    std::sort(ordered.begin(), ordered.end(),
              [](const store::RunRecord& a, const store::RunRecord& b) { return a.startedAt < b.startedAt; });
    QList<QPointF> duration, rows;
    double maxSeconds = 1, maxRows = 1;
    for (const store::RunRecord& r : ordered) {
        const double x = double(r.startedAt.toMSecsSinceEpoch());
        const double seconds = r.durationSeconds.value_or(0);
        duration.append({x, seconds});
        rows.append({x, double(r.rowsUpdated)});
        maxSeconds = std::max(maxSeconds, seconds);
        maxRows = std::max(maxRows, double(r.rowsUpdated));
    }
    m_duration->replace(duration);
    m_rows->replace(rows);
    if (!ordered.isEmpty()) {
        const QDateTime first = ordered.first().startedAt.toLocalTime();
        const QDateTime last = ordered.last().startedAt.toLocalTime();
        m_time->setRange(first, last > first ? last : first.addSecs(60));
    }
    m_seconds->setRange(0, maxSeconds * 1.1);
    m_rowAxis->setRange(0, maxRows * 1.1);
}

int RunChart::pointCount() const
{
    return int(m_duration->count());
}

} // namespace ferry::ui
