#pragma once

#include <memory>
#include <QDateTime>
#include <QObject>
#include <QPixmap>
#include <QStringList>

class QAction;
class QMenu;
class QSystemTrayIcon;
class QTimer;
class QWidget;

namespace ferry::ui {

// The tray icon and its menu: Sync now, Pause/Resume syncing, Run pipeline ▸, Status…, Resolve
// conflicts (N)…, Settings…, Quit. It only asks (signals) and shows (setState…): the controller does
// the work. The icon shows the state — idle, syncing (turning), paused, error, conflicts — and the
// tooltip says it with the last sync time. Where the desktop has no system tray, the caller shows the
// status window instead (isVisible() is false).
class TrayIcon : public QObject
{
    Q_OBJECT

public:
    enum class State { Idle, Syncing, Paused, Error, Conflicts };

    explicit TrayIcon(QObject* parent = nullptr);
    ~TrayIcon() override;

    bool isVisible() const; // false: no system tray
    QMenu* menu() const { return m_menu.get(); }
    State state() const { return m_state; }
    QString toolTip() const { return m_toolTip; }

    void setState(State state, const QString& detail = QString(), const QDateTime& lastSync = QDateTime());
    // No profile yet: the tooltip says so, and where to add one, instead of "Synced".
    void setNoProfiles();
    void setPaused(bool paused);
    void setConflictCount(int count);
    void setPipelines(const QStringList& names);
    // Profiles whose remote branch was reset: each gets a "choose what happens" entry at the top.
    void setRemoteResets(const QStringList& profiles);
    // Shows a tray message (the caller rate-limits).
    void notify(const QString& title, const QString& message);

    static QString iconPath(State state);

signals:
    void syncNowRequested();
    void pauseRequested(bool paused);
    void pipelineRequested(const QString& name);
    void statusRequested();
    void resolveRequested();
    void settingsRequested();
    void quitRequested();
    void remoteResetRequested(const QString& profile);
    void messageClicked(); // the last message shown was clicked

private:
    void buildMenu();
    void updateIcon();

    std::unique_ptr<QMenu> m_menu;
    QMenu* m_pipelines = nullptr;
    QAction* m_syncNow = nullptr;
    QAction* m_pause = nullptr;
    QAction* m_resolve = nullptr;
    QList<QAction*> m_resets;
    QSystemTrayIcon* m_icon = nullptr;
    QTimer* m_spin = nullptr; // turns the syncing icon; runs only while syncing
    int m_angle = 0;
    QPixmap m_spinBase; // the syncing icon, rendered once while it turns
    bool m_paused = false;
    State m_state = State::Idle;
    QString m_toolTip;
};

} // namespace ferry::ui
