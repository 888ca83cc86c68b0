#include "ui/history/recentchangesmodel.h"

#include "core/store/storethread.h"
#include "core/sync/syncresult.h"

#include <QDir>
#include <QJsonArray>
#include <QLocale>

namespace ferry::ui {
RecentChangesModel::RecentChangesModel(store::StoreThread& store, QObject* parent)
    : QAbstractTableModel(parent), m_store(store)
{
}

void RecentChangesModel::setProfiles(const QList<config::Profile>& profiles)
{
    m_profiles = profiles;
}

void RecentChangesModel::setProfileFilter(const QString& profile)
{
    m_filter = profile;
    applyFilter();
}

void RecentChangesModel::refresh()
{
    m_store.query<QList<store::RunRecord>>(
        this,
        [](store::Store& store) {
            store::RunFilter filter;
            filter.limit = 300; // sync cycles among the other tasks' runs
            return store.runs(filter);
        },
        [this](const QList<store::RunRecord>& runs) { received(runs); },
        [this](const QString& message) { emit loadFailed(message); });
}

void RecentChangesModel::received(const QList<store::RunRecord>& runs)
{
    m_all.clear();
    int cycles = 0;
    for (const store::RunRecord& r : runs) {
        const QString profile = sync::SyncResult::profileOfTask(r.taskName);
        if (profile.isEmpty() || ++cycles > 100)
            continue;
        for (const QJsonValue& v : r.metadata.value(QStringLiteral("changes")).toArray()) {
            const QJsonObject o = v.toObject();
            Change c{r.startedAt, profile, o.value(QStringLiteral("action")).toString(),
                     o.value(QStringLiteral("path")).toString(), QString()};
            c.localPath = localPathOf(profile, c.path);
            m_all.append(c);
        }
    }
    applyFilter();
    emit loaded();
}

void RecentChangesModel::applyFilter()
{
    beginResetModel();
    m_shown.clear();
    for (const Change& c : std::as_const(m_all))
        if (m_filter.isEmpty() || c.profile == m_filter)
            m_shown.append(c);
    endResetModel();
}

// The folder mapping that holds the repository path decides where the file is here.
QString RecentChangesModel::localPathOf(const QString& profile, const QString& path) const
{
    for (const config::Profile& p : m_profiles) {
        if (p.name != profile)
            continue;
        for (const config::FolderMapping& f : p.folders) {
            if (f.repoPath.isEmpty())
                return QDir(f.local).filePath(path);
            if (path.startsWith(f.repoPath + u'/'))
                return QDir(f.local).filePath(path.mid(f.repoPath.size() + 1));
        }
    }
    return {};
}

QString RecentChangesModel::actionText(const QString& action)
{
    if (action == u"uploaded")
        return tr("Uploaded");
    if (action == u"deleted_remote")
        return tr("Deleted on the remote");
    if (action == u"downloaded")
        return tr("Downloaded");
    if (action == u"deleted_local")
        return tr("Deleted here");
    if (action == u"merged")
        return tr("Merged");
    if (action == u"held")
        return tr("Deletion held");
    return action;
}

int RecentChangesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}

int RecentChangesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RecentChangesModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_shown.size())
        return {};
    const Change& c = m_shown[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case When:
            return QLocale().toString(c.when.toLocalTime(), QLocale::ShortFormat);
        case Profile:
            return c.profile;
        case Action:
            return actionText(c.action);
        case Path:
            return c.path;
        }
        return {};
    case Qt::ToolTipRole:
        return c.localPath.isEmpty() ? QVariant() : QVariant(c.localPath);
    case LocalPathRole:
        return c.localPath;
    case ProfileRole:
        return c.profile;
    case RepositoryPathRole:
        return c.path;
    }
    return {};
}

QVariant RecentChangesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case When:
        return tr("When");
    case Profile:
        return tr("Profile");
    case Action:
        return tr("What");
    case Path:
        return tr("File");
    }
    return {};
}

} // namespace ferry::ui
