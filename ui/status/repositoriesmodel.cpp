#include "ui/status/repositoriesmodel.h"

#include "core/store/storethread.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace ferry::ui {

RepositoriesModel::RepositoriesModel(store::StoreThread& store, QObject* parent)
    : QAbstractTableModel(parent), m_store(store)
{
}

void RepositoriesModel::refresh()
{
    m_store.query<QList<store::TrackedRepository>>(
        this, [](store::Store& store) { return store.trackedRepositories(); },
        [this](const QList<store::TrackedRepository>& repositories) {
            beginResetModel();
            m_repositories.clear();
            for (const store::TrackedRepository& r : repositories)
                if (r.active)
                    m_repositories.append(r);
            endResetModel();
            emit loaded();
        },
        [this](const QString& message) { emit loadFailed(message); });
}

QString RepositoriesModel::badgeOf(const QString& status)
{
    if (status == u"syncing")
        return tr("Syncing…");
    if (status == u"error")
        return tr("Error");
    if (status == u"synced")
        return tr("Synced");
    return tr("Pending");
}

QString RepositoriesModel::nameAt(int row) const
{
    return row >= 0 && row < m_repositories.size() ? m_repositories[row].fullName : QString();
}

void RepositoriesModel::setStatus(const QString& repository, const QString& status)
{
    for (int i = 0; i < m_repositories.size(); ++i) {
        if (m_repositories[i].fullName != repository)
            continue;
        m_repositories[i].status = status;
        emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
        if (status != u"syncing")
            refresh(); // its last sync or last error, from the store
        return;
    }
    refresh();
}

int RepositoriesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_repositories.size());
}

int RepositoriesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RepositoriesModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_repositories.size())
        return {};
    const store::TrackedRepository& r = m_repositories[index.row()];
    if (role == StatusRole)
        return r.status;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name:
            return r.fullName;
        case Badge:
            return badgeOf(r.status);
        case LastSync:
            return r.lastSyncAt.isValid()
                       ? QLocale().toString(r.lastSyncAt.toLocalTime(), QLocale::ShortFormat)
                       : tr("never");
        case LastError:
            return r.lastError;
        }
    }
    if (role == Qt::BackgroundRole && index.column() == Badge) {
        if (r.status == u"error")
            return QBrush(QColor(0xf8, 0xd7, 0xda));
        if (r.status == u"synced")
            return QBrush(QColor(0xd1, 0xe7, 0xdd));
        if (r.status == u"syncing")
            return QBrush(QColor(0xcf, 0xe2, 0xff));
    }
    if (role == Qt::ForegroundRole && index.column() == Badge && r.status != u"pending")
        return QBrush(QColor(0x21, 0x25, 0x29));
    if (role == Qt::ToolTipRole && !r.lastError.isEmpty())
        return r.lastError;
    return {};
}

QVariant RepositoriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Repository");
    case Badge:
        return tr("State");
    case LastSync:
        return tr("Last sync");
    case LastError:
        return tr("Last error");
    }
    return {};
}

} // namespace ferry::ui
