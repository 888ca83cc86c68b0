#include "ui/status/schedulesmodel.h"

#include "core/schedule/dailytimes.h"
#include "core/store/storethread.h"

#include <QLocale>

namespace ferry::ui {
namespace {

QString when(const QDateTime& utc)
{
    return utc.isValid() ? QLocale().toString(utc.toLocalTime(), QLocale::ShortFormat) : QString();
}

} // namespace

SchedulesModel::SchedulesModel(store::StoreThread& store, QObject* parent)
    : QAbstractTableModel(parent), m_store(store)
{
}

void SchedulesModel::setPipelines(const QList<schedule::ScheduledPipeline>& pipelines)
{
    beginResetModel();
    m_pipelines = pipelines;
    endResetModel();
    refresh();
}

void SchedulesModel::refresh()
{
    m_store.query<QList<store::JobState>>(
        this, [](store::Store& store) { return store.jobStates(); },
        [this](const QList<store::JobState>& states) {
            beginResetModel();
            m_states.clear();
            for (const store::JobState& s : states)
                m_states.insert(s.jobName, s);
            endResetModel();
            emit loaded();
        });
}

QString SchedulesModel::pipelineAt(int row) const
{
    return row >= 0 && row < m_pipelines.size() ? m_pipelines[row].name : QString();
}

QString SchedulesModel::describe(const config::Schedule& schedule)
{
    QStringList days;
    for (int day : schedule.days)
        days.append(QLocale().dayName(day, QLocale::ShortFormat));
    const QString which = schedule.days.size() == 7 ? tr("every day") : days.join(QStringLiteral(", "));
    return tr("%1 %2, %3").arg(schedule.time.toString(QStringLiteral("HH:mm")), schedule.timezone, which);
}

int SchedulesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_pipelines.size());
}

int SchedulesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SchedulesModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_pipelines.size() || role != Qt::DisplayRole)
        return {};
    const schedule::ScheduledPipeline& p = m_pipelines[index.row()];
    const store::JobState state = m_states.value(p.name);
    switch (index.column()) {
    case Pipeline:
        return p.name;
    case Schedule:
        return describe(p.schedule);
    case LastRun:
        return state.lastFinished.isValid() ? tr("%1 (%2)").arg(when(state.lastFinished), state.lastStatus)
                                            : tr("never");
    case NextRun: {
        const schedule::DailyTimes times(p.schedule);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (!state.leaseHolder.isEmpty() && state.leaseExpires > now)
            return tr("running");
        return times.overdue(state.lastDue, now).isValid() ? tr("due now") : when(times.next(now));
    }
    }
    return {};
}

QVariant SchedulesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Pipeline:
        return tr("Pipeline");
    case Schedule:
        return tr("Schedule");
    case LastRun:
        return tr("Last run");
    case NextRun:
        return tr("Next run");
    }
    return {};
}

} // namespace ferry::ui
