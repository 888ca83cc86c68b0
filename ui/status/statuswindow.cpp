#include "ui/status/statuswindow.h"

#include "ui/history/historyview.h"
#include "ui/history/recentchangesview.h"
#include "ui/status/profilecardsview.h"
#include "ui/status/profilesmodel.h"
#include "ui/status/repositoriesmodel.h"
#include "ui/status/schedulesmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableView>
#include <QTabWidget>

namespace ferry::ui {
namespace {

QTableView* tableOf(QAbstractItemModel* model, const QString& name)
{
    auto* table = new QTableView;
    table->setObjectName(name);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->hide();
    return table;
}

} // namespace

StatusWindow::StatusWindow(ProfilesModel& profiles, store::StoreThread& store, QWidget* parent)
    : QWidget(parent), m_tabs(new QTabWidget), m_cards(new ProfileCardsView(profiles)),
      m_repositories(new RepositoriesModel(store, this)), m_schedules(new SchedulesModel(store, this)),
      m_history(new HistoryView(store)), m_changes(new RecentChangesView(store))
{
    setWindowTitle(tr("Status — Ferry"));
    auto* profilesPage = new QWidget;
    auto* profilesLayout = new QVBoxLayout(profilesPage);
    profilesLayout->addWidget(m_cards);
    auto* syncNow = new QPushButton(tr("Sync all"));
    syncNow->setObjectName(QStringLiteral("syncAll"));
    connect(syncNow, &QPushButton::clicked, this, &StatusWindow::syncNowRequested);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(syncNow);
    profilesLayout->addLayout(buttons);
    m_tabs->addTab(profilesPage, tr("Profiles"));
    auto* repositoriesPage = new QWidget;
    auto* repositoriesLayout = new QVBoxLayout(repositoriesPage);
    QTableView* repositoryTable = tableOf(m_repositories, QStringLiteral("repositories"));
    repositoriesLayout->addWidget(repositoryTable);
    auto* syncRepository = new QPushButton(tr("Sync now"));
    syncRepository->setObjectName(QStringLiteral("syncRepository"));
    syncRepository->setToolTip(tr("Fetch the selected repository's pull requests and reviews now"));
    connect(syncRepository, &QPushButton::clicked, this, [this, repositoryTable] {
        const QString name = m_repositories->nameAt(repositoryTable->currentIndex().row());
        if (!name.isEmpty())
            emit syncRepositoryRequested(name);
    });
    auto* repositoryButtons = new QHBoxLayout;
    repositoryButtons->addStretch();
    repositoryButtons->addWidget(syncRepository);
    repositoriesLayout->addLayout(repositoryButtons);
    m_tabs->addTab(repositoriesPage, tr("Repositories"));
    auto* schedulesPage = new QWidget;
    auto* schedulesLayout = new QVBoxLayout(schedulesPage);
    QTableView* scheduleTable = tableOf(m_schedules, QStringLiteral("schedules"));
    schedulesLayout->addWidget(scheduleTable);
    auto* runNow = new QPushButton(tr("Run now"));
    runNow->setObjectName(QStringLiteral("runNow"));
    connect(runNow, &QPushButton::clicked, this, [this, scheduleTable] {
        const QString pipeline = m_schedules->pipelineAt(scheduleTable->currentIndex().row());
        if (!pipeline.isEmpty())
            emit runPipelineRequested(pipeline);
    });
    auto* scheduleButtons = new QHBoxLayout;
    scheduleButtons->addStretch();
    scheduleButtons->addWidget(runNow);
    schedulesLayout->addLayout(scheduleButtons);
    m_tabs->addTab(schedulesPage, tr("Schedules"));
    m_tabs->addTab(m_history, tr("History"));
    m_tabs->addTab(m_changes, tr("Recent changes"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    resize(960, 640);
}

void StatusWindow::refresh()
{
    m_repositories->refresh();
    m_schedules->refresh();
    m_history->refresh();
    m_changes->refresh();
}

void StatusWindow::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
}

} // namespace ferry::ui
