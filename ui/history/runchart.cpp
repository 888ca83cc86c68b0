#include "ui/history/runchart.h"

#include "ui/history/durationscale.h"

#include <algorithm>
#include <cmath>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCursor>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>

namespace ferry::ui {
namespace {

QScatterSeries* statusSeries(const QString& name, const QColor& colour)
{
    auto* series = new QScatterSeries;
    series->setName(name);
    series->setColor(colour);
    series->setBorderColor(colour.darker(130));
    series->setMarkerSize(9);
    return series;
}

} // namespace

RunChart::RunChart(QWidget* parent)
    : QWidget(parent), m_taskChoice(new QComboBox), m_view(new QChartView), m_hoverLabel(new QLabel),
      m_success(statusSeries(tr("Success"), QColor(0x19, 0x87, 0x54))),
      m_partial(statusSeries(tr("Partial"), QColor(0xe0, 0x9b, 0x00))),
      m_failed(statusSeries(tr("Failed"), QColor(0xdc, 0x35, 0x45))),
      m_running(statusSeries(tr("Running"), QColor(0x6c, 0x75, 0x7d))), m_rows(new QLineSeries),
      m_time(new QDateTimeAxis), m_duration(new QCategoryAxis), m_rowAxis(new QValueAxis)
{
    auto* chart = new QChart;
    m_rows->setName(tr("Rows"));
    QPen rowPen(QColor(0x0d, 0x6e, 0xfd));
    rowPen.setStyle(Qt::DashLine);
    m_rows->setPen(rowPen);
    m_rows->setPointsVisible(true);
    chart->addSeries(m_rows); // under the status points
    for (QScatterSeries* s : {m_success, m_partial, m_failed, m_running}) {
        chart->addSeries(s);
        connect(s, &QScatterSeries::hovered, this, [this](const QPointF& point, bool state) {
            if (state)
                showRunAt(point);
            else
                QToolTip::hideText();
        });
    }
    m_time->setFormat(QStringLiteral("MMM d HH:mm"));
    m_duration->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_rowAxis->setTitleText(tr("Rows"));
    m_rowAxis->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_duration, Qt::AlignLeft);
    chart->addAxis(m_rowAxis, Qt::AlignRight);
    for (QScatterSeries* s : {m_success, m_partial, m_failed, m_running}) {
        s->attachAxis(m_time);
        s->attachAxis(m_duration);
    }
    m_rows->attachAxis(m_time);
    m_rows->attachAxis(m_rowAxis);
    chart->legend()->setAlignment(Qt::AlignTop);
    m_view->setChart(chart);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(180);

    m_taskChoice->setObjectName(QStringLiteral("chartTask"));
    m_taskChoice->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_hoverLabel->setObjectName(QStringLiteral("chartHover"));
    connect(m_taskChoice, &QComboBox::currentTextChanged, this, &RunChart::plot);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Chart of")));
    top->addWidget(m_taskChoice);
    top->addWidget(m_hoverLabel, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
}

void RunChart::setRuns(const QList<store::RunRecord>& runs)
{
    m_runs = runs;
    QStringList tasks; // newest first: the runs come newest first
    for (const store::RunRecord& r : runs)
        if (!tasks.contains(r.taskName))
            tasks.append(r.taskName);
    const QString chosen = m_taskChoice->currentText();
    const QSignalBlocker block(m_taskChoice);
    m_taskChoice->clear();
    m_taskChoice->addItems(tasks);
    m_taskChoice->setCurrentIndex(std::max(0, int(tasks.indexOf(chosen))));
    plot();
}

QString RunChart::task() const
{
    return m_taskChoice->currentText();
}

void RunChart::setTask(const QString& task)
{
    m_taskChoice->setCurrentIndex(m_taskChoice->findText(task));
}

QStringList RunChart::tasks() const
{
    QStringList out;
    for (int i = 0; i < m_taskChoice->count(); ++i)
        out.append(m_taskChoice->itemText(i));
    return out;
}

QScatterSeries* RunChart::seriesFor(const QString& status) const
{
    if (status == store::RunStatus::Success)
        return m_success;
    if (status == store::RunStatus::Partial)
        return m_partial;
    if (status == store::RunStatus::Failed)
        return m_failed;
    return m_running;
}

void RunChart::plot()
{
    const QString task = m_taskChoice->currentText();
    m_shown.clear();
    for (const store::RunRecord& r : std::as_const(m_runs))
        if (r.taskName == task)
            m_shown.append(r);
    std::sort(m_shown.begin(), m_shown.end(),
              [](const store::RunRecord& a, const store::RunRecord& b) { return a.startedAt < b.startedAt; });
    double maxSeconds = 0, maxRows = 0;
    for (const store::RunRecord& r : std::as_const(m_shown)) {
        maxSeconds = std::max(maxSeconds, r.durationSeconds.value_or(0));
        maxRows = std::max(maxRows, double(r.rowsUpdated));
    }
    const DurationScale scale = DurationScale::forMaximum(maxSeconds);
    QHash<QScatterSeries*, QList<QPointF>> points;
    QList<QPointF> rows;
    for (const store::RunRecord& r : std::as_const(m_shown)) {
        const auto x = double(r.startedAt.toMSecsSinceEpoch());
        points[seriesFor(r.status)].append({x, scale.toUnit(r.durationSeconds.value_or(0))});
        rows.append({x, double(r.rowsUpdated)});
    }
    QLegend* legend = m_view->chart()->legend();
    for (QScatterSeries* s : {m_success, m_partial, m_failed, m_running}) {
        s->replace(points.value(s));
        for (QLegendMarker* marker : legend->markers(s))
            marker->setVisible(s->count() > 0); // the legend names only the statuses drawn
    }
    // Rows only mean something for tasks that write rows (ingestion; files changed for a sync).
    const bool withRows = maxRows > 0;
    m_rows->replace(withRows ? rows : QList<QPointF>());
    m_rows->setVisible(withRows);
    for (QLegendMarker* marker : legend->markers(m_rows))
        marker->setVisible(withRows);
    m_rowAxis->setVisible(withRows);
    m_rowAxis->setRange(0, std::max(1.0, std::ceil(maxRows * 1.1)));
    m_rowAxis->applyNiceNumbers();

    const QStringList old = m_duration->categoriesLabels();
    for (const QString& label : old)
        m_duration->remove(label);
    const QList<double> ticks = scale.ticks();
    const QStringList labels = scale.labels();
    m_duration->setStartValue(0);
    for (qsizetype i = 0; i < ticks.size(); ++i)
        m_duration->append(labels[i], ticks[i]);
    m_duration->setRange(0, scale.top());
    m_duration->setTitleText(tr("Duration (%1)").arg(scale.unit()));

    if (!m_shown.isEmpty()) {
        const QDateTime first = m_shown.first().startedAt.toLocalTime();
        const QDateTime last = m_shown.last().startedAt.toLocalTime();
        // Some room on both sides, so that the first and last points are not cut in half.
        const qint64 margin = std::max<qint64>(60, first.secsTo(last) / 20);
        m_time->setRange(first.addSecs(-margin), last.addSecs(margin));
    }
    m_hover.clear();
    m_hoverLabel->setText(tr("Point at a run to see it."));
}

int RunChart::pointCount() const
{
    return int(m_shown.size());
}

int RunChart::pointCount(const QString& status) const
{
    return int(seriesFor(status)->count());
}

bool RunChart::showsRows() const
{
    return m_rowAxis->isVisible();
}

QStringList RunChart::durationLabels() const
{
    return m_duration->categoriesLabels();
}

QString RunChart::durationTitle() const
{
    return m_duration->titleText();
}

QString RunChart::describe(const store::RunRecord& run)
{
    QString text = tr("%1 — %2, %3")
                       .arg(run.taskName, run.status,
                            QLocale().toString(run.startedAt.toLocalTime(), QLocale::ShortFormat));
    if (run.durationSeconds)
        text += tr(", took %1").arg(DurationScale::format(*run.durationSeconds));
    if (run.rowsUpdated > 0)
        text += tr(", %n rows", nullptr, run.rowsUpdated);
    if (!run.errorMessage.isEmpty())
        text += u'\n' + run.errorMessage;
    return text;
}

void RunChart::showRunAt(const QPointF& point)
{
    const store::RunRecord* nearest = nullptr;
    double best = 0;
    for (const store::RunRecord& r : std::as_const(m_shown)) {
        const double distance = std::abs(double(r.startedAt.toMSecsSinceEpoch()) - point.x());
        if (!nearest || distance < best) {
            nearest = &r;
            best = distance;
        }
    }
    m_hover = nearest ? describe(*nearest) : QString();
    m_hoverLabel->setText(m_hover);
    if (!m_hover.isEmpty() && isVisible())
        QToolTip::showText(QCursor::pos(), m_hover, this);
}

} // namespace ferry::ui
