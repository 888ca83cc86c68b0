#include "ui/history/historymodel.h"

#include "core/store/storethread.h"

#include <QBrush>
#include <QColor>
#include <QJsonDocument>
#include <QLocale>

namespace ferry::ui {

HistoryModel::HistoryModel(store::StoreThread& store, QObject* parent)
    : QAbstractTableModel(parent), m_store(store)
{
}

void HistoryModel::setFilter(const store::RunFilter& filter)
{
    m_filter = filter;
    refresh();
}

void HistoryModel::refresh()
{
    const quint64 generation = ++m_generation;
    const store::RunFilter filter = m_filter;
    m_store.query<QList<store::RunRecord>>(
        this, [filter](store::Store& store) { return store.runs(filter); },
        [this, generation](const QList<store::RunRecord>& rows) { received(generation, rows); },
        [this](const QString& message) { emit loadFailed(message); });
}

void HistoryModel::received(quint64 generation, const QList<store::RunRecord>& runs)
{
    if (generation != m_generation)
        return; // an answer to a filter that has since changed
    beginResetModel();
    m_runs = runs;
    endResetModel();
    emit loaded();
}

int HistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int HistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_runs.size())
        return {};
    const store::RunRecord& r = m_runs[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Task:
            return r.taskName;
        case Status:
            return r.status;
        case Started:
            return QLocale().toString(r.startedAt.toLocalTime(), QLocale::ShortFormat);
        case Duration:
            return r.durationSeconds ? QVariant(tr("%1 s").arg(*r.durationSeconds, 0, 'f', 1)) : QVariant();
        case Rows:
            return r.rowsUpdated;
        case Error:
            return r.errorMessage;
        }
        return {};
    case Qt::ToolTipRole:
        return r.errorMessage.isEmpty() ? QVariant() : QVariant(r.errorMessage);
    case Qt::BackgroundRole:
        if (r.status == store::RunStatus::Failed)
            return QBrush(QColor(0xf8, 0xd7, 0xda)); // failed runs stand out
        if (r.status == store::RunStatus::Partial)
            return QBrush(QColor(0xff, 0xf3, 0xcd));
        return {};
    case Qt::ForegroundRole:
        return r.status == store::RunStatus::Failed || r.status == store::RunStatus::Partial
                   ? QVariant(QBrush(QColor(0x21, 0x25, 0x29)))
                   : QVariant();
    case MetadataRole:
        return QString::fromUtf8(QJsonDocument(r.metadata).toJson(QJsonDocument::Indented));
    case StatusRole:
        return r.status;
    case RecordIdRole:
        return r.id;
    }
    return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Task:
        return tr("Task");
    case Status:
        return tr("Status");
    case Started:
        return tr("Started");
    case Duration:
        return tr("Duration");
    case Rows:
        return tr("Rows");
    case Error:
        return tr("Error");
    }
    return {};
}

} // namespace ferry::ui
