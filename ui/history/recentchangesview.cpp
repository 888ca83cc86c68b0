#include "ui/history/recentchangesview.h"

#include "core/config/paths.h"
#include "core/sync/versionstore.h"
#include "ui/history/recentchangesmodel.h"

#include <QComboBox>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QtConcurrent>

namespace ferry::ui {

RecentChangesView::RecentChangesView(store::StoreThread& store, QWidget* parent)
    : QWidget(parent), m_model(new RecentChangesModel(store, this)), m_profile(new QComboBox),
      m_table(new QTableView), m_versions(new QListWidget), m_message(new QLabel)
{
    m_versions->setObjectName(QStringLiteral("versions"));
    m_message->setObjectName(QStringLiteral("changesMessage"));
    m_message->setWordWrap(true);
    m_profile->setObjectName(QStringLiteral("changesProfile"));
    m_profile->addItem(tr("All profiles"), QString());
    m_table->setObjectName(QStringLiteral("changes"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    auto* open = new QPushButton(tr("Open"));
    open->setObjectName(QStringLiteral("openChange"));
    open->setToolTip(tr("Open the file on this machine"));
    auto* refreshButton = new QPushButton(tr("Refresh"));
    connect(m_profile, &QComboBox::currentIndexChanged, this,
            [this] { m_model->setProfileFilter(m_profile->currentData().toString()); });
    connect(refreshButton, &QPushButton::clicked, this, &RecentChangesView::refresh);
    const auto openSelected = [this] {
        const QModelIndex current = m_table->currentIndex();
        const QString local =
            current.isValid() ? current.data(RecentChangesModel::LocalPathRole).toString() : QString();
        if (!local.isEmpty())
            emit openRequested(QUrl::fromLocalFile(local));
    };
    connect(open, &QPushButton::clicked, this, openSelected);
    auto* versions = new QPushButton(tr("Show versions"));
    versions->setObjectName(QStringLiteral("showVersions"));
    versions->setToolTip(tr("The versions of this file that Ferry archived before replacing them"));
    auto* restore = new QPushButton(tr("Restore"));
    restore->setObjectName(QStringLiteral("restoreVersion"));
    restore->setToolTip(tr("Put the selected version back (what is there now is archived first)"));
    connect(versions, &QPushButton::clicked, this, &RecentChangesView::showVersions);
    connect(restore, &QPushButton::clicked, this, &RecentChangesView::restoreVersion);
    connect(m_table, &QTableView::doubleClicked, this, openSelected);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Profile")));
    top->addWidget(m_profile);
    top->addStretch();
    top->addWidget(refreshButton);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_message, 1);
    buttons->addWidget(open);
    buttons->addWidget(versions);
    buttons->addWidget(restore);
    auto* parts = new QSplitter(Qt::Horizontal);
    parts->addWidget(m_table);
    parts->addWidget(m_versions);
    parts->setStretchFactor(0, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(parts, 1);
    layout->addLayout(buttons);
}

void RecentChangesView::setProfiles(const QStringList& names)
{
    const QString chosen = m_profile->currentData().toString();
    const QSignalBlocker block(m_profile);
    while (m_profile->count() > 1)
        m_profile->removeItem(1);
    for (const QString& name : names)
        m_profile->addItem(name, name);
    m_profile->setCurrentIndex(std::max(0, m_profile->findData(chosen)));
}

void RecentChangesView::setDataDir(const QString& dataDir)
{
    m_dataDir = dataDir;
}

void RecentChangesView::showVersions()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid() || m_dataDir.isEmpty())
        return;
    m_versionsProfile = current.data(RecentChangesModel::ProfileRole).toString();
    const QString folder = config::Paths::versionsDir(m_dataDir, m_versionsProfile);
    const QString path = current.data(RecentChangesModel::RepositoryPathRole).toString();
    auto* watcher = new QFutureWatcher<Result<QList<sync::ArchivedVersion>>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Result<QList<sync::ArchivedVersion>> versions = watcher->result();
        m_versions->clear();
        if (!versions) {
            m_message->setText(versions.message());
            emit versionsShown(0);
            return;
        }
        const QLocale locale;
        for (const sync::ArchivedVersion& v : *versions) {
            auto* item = new QListWidgetItem(
                tr("%1 — %2 (%3)")
                    .arg(locale.toString(v.time.toLocalTime(), QLocale::ShortFormat), v.reason,
                         locale.formattedDataSize(v.size, 1, QLocale::DataSizeTraditionalFormat)));
            item->setData(Qt::UserRole, v.id);
            m_versions->addItem(item);
        }
        m_message->setText(versions->isEmpty() ? tr("No archived versions of this file.") : QString());
        emit versionsShown(int(versions->size()));
    });
    watcher->setFuture(QtConcurrent::run([folder, path] { return sync::VersionStore(folder).list(path); }));
}

void RecentChangesView::restoreVersion()
{
    if (m_versions->count() == 0 || m_dataDir.isEmpty())
        return;
    QListWidgetItem* item = m_versions->currentItem() ? m_versions->currentItem() : m_versions->item(0);
    const QString id = item->data(Qt::UserRole).toString();
    const QString folder = config::Paths::versionsDir(m_dataDir, m_versionsProfile);
    auto* watcher = new QFutureWatcher<Result<sync::VersionStore::Restored>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Result<sync::VersionStore::Restored> r = watcher->result();
        const QString message =
            !r ? r.message() : tr("Restored to %1; the next sync takes it up.").arg(r->target);
        m_message->setText(message);
        emit restored(r.ok(), message);
    });
    watcher->setFuture(QtConcurrent::run([folder, id] { return sync::VersionStore(folder).restore(id); }));
}

void RecentChangesView::refresh()
{
    m_model->refresh();
}

} // namespace ferry::ui
