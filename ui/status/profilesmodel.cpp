#include "ui/status/profilesmodel.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace ferry::ui {

ProfilesModel::ProfilesModel(QObject* parent) : QAbstractTableModel(parent) {}

QString ProfilesModel::healthText(const Row& r)
{
    if (r.syncing)
        return tr("Syncing…");
    if (r.paused)
        return tr("Paused");
    switch (r.health) {
    case sync::Health::Degraded:
        return tr("Retrying");
    case sync::Health::Failing:
        return tr("Failing");
    case sync::Health::Paused:
        return tr("Stopped: needs you");
    case sync::Health::Healthy:
        break;
    }
    return tr("Healthy");
}

void ProfilesModel::setProfiles(const QStringList& names)
{
    beginResetModel();
    QList<Row> rows;
    for (const QString& name : names) {
        const Row* old = row(name);
        Row fresh;
        fresh.name = name;
        rows.append(old ? *old : fresh);
    }
    m_rows = rows;
    endResetModel();
}

int ProfilesModel::indexOf(const QString& name) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].name == name)
            return i;
    return -1;
}

const ProfilesModel::Row* ProfilesModel::row(const QString& name) const
{
    const int i = indexOf(name);
    return i < 0 ? nullptr : &m_rows[i];
}

void ProfilesModel::update(const Row& r)
{
    const int i = indexOf(r.name);
    if (i < 0) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
        m_rows.append(r);
        endInsertRows();
        return;
    }
    m_rows[i] = r;
    emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
}

void ProfilesModel::setProgress(const QString& name, int done, int total)
{
    const int i = indexOf(name);
    if (i < 0)
        return;
    m_rows[i].done = done;
    m_rows[i].total = total;
    emit dataChanged(index(i, Progress), index(i, Progress));
}

void ProfilesModel::setNextFullScan(const QString& name, const QDateTime& at)
{
    const int i = indexOf(name);
    if (i < 0)
        return;
    m_rows[i].nextFullScan = at;
    emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
}

int ProfilesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProfilesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProfilesModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row& r = m_rows[index.row()];
    if (role == ProgressDoneRole)
        return r.done;
    if (role == ProgressTotalRole)
        return r.total;
    if (role == HealthRole)
        return r.syncing  ? QStringLiteral("syncing")
               : r.paused ? QStringLiteral("paused")
                          : sync::healthName(r.health);
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name:
            return r.name;
        case Health:
            return healthText(r);
        case Progress:
            return r.total > 0 ? tr("%1 of %2 files").arg(r.done).arg(r.total) : QString();
        case Pending:
            return r.pending;
        case LastSync:
            return r.lastSync.isValid() ? QLocale().toString(r.lastSync.toLocalTime(), QLocale::ShortFormat)
                                        : tr("never");
        case Summary:
            return r.summary;
        }
    }
    const bool coloured = !r.syncing && !r.paused && r.health != sync::Health::Paused;
    if (role == Qt::BackgroundRole && index.column() == Health && coloured) {
        switch (r.health) {
        case sync::Health::Failing:
            return QBrush(QColor(0xf8, 0xd7, 0xda));
        case sync::Health::Degraded:
            return QBrush(QColor(0xff, 0xf3, 0xcd));
        default:
            return QBrush(QColor(0xd1, 0xe7, 0xdd));
        }
    }
    if (role == Qt::ForegroundRole && index.column() == Health && coloured)
        return QBrush(QColor(0x21, 0x25, 0x29));
    return {};
}

QVariant ProfilesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Profile");
    case Health:
        return tr("Health");
    case Progress:
        return tr("Progress");
    case Pending:
        return tr("Waiting");
    case LastSync:
        return tr("Last sync");
    case Summary:
        return tr("Last cycle");
    }
    return {};
}

} // namespace ferry::ui
