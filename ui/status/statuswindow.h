#pragma once

#include <QWidget>

class QTableView;
class QTabWidget;

namespace ferry::store {
class StoreThread;
}

namespace ferry::ui {

class HistoryView;
class ProfileCardsView;
class RecentChangesView;
class ProfilesModel;
class RepositoriesModel;
class SchedulesModel;

// The status window: a card per profile (state, figures, actions), tracked GitHub repositories with their
// badges, and the History tab (runs, filters, chart). Its models are fed by the controller (profiles)
// and by the store's worker (repositories, history); it does no I/O itself.
class StatusWindow : public QWidget
{
    Q_OBJECT

public:
    StatusWindow(ProfilesModel& profiles, store::StoreThread& store, QWidget* parent = nullptr);

    ProfileCardsView* profileCards() const { return m_cards; }
    RepositoriesModel* repositories() const { return m_repositories; }
    SchedulesModel* schedules() const { return m_schedules; }
    HistoryView* history() const { return m_history; }
    RecentChangesView* recentChanges() const { return m_changes; }
    QTabWidget* tabs() const { return m_tabs; }

    void refresh(); // repositories and history, from the store

signals:
    void syncNowRequested();
    void runPipelineRequested(const QString& pipeline);
    void syncRepositoryRequested(const QString& repository); // "owner/name"

protected:
    void showEvent(QShowEvent* event) override;

private:
    QTabWidget* m_tabs;
    ProfileCardsView* m_cards;
    RepositoriesModel* m_repositories;
    SchedulesModel* m_schedules;
    HistoryView* m_history;
    RecentChangesView* m_changes;
};

} // namespace ferry::ui
