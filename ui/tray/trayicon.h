#pragma once

#include <memory>
#include <QObject>

class QMenu;
class QSystemTrayIcon;
class QWidget;

namespace ferry::ui {

// The tray icon and its menu. Where the desktop has no system tray, a small window stands in for it.
// For now it offers Quit only: sync, pipelines, status and conflicts join it with the desktop issue.
class TrayIcon : public QObject
{
    Q_OBJECT

public:
    explicit TrayIcon(QObject* parent = nullptr);
    ~TrayIcon() override;

    bool isVisible() const; // false: no system tray, the fallback window is shown
    QMenu* menu() const { return m_menu.get(); }

private:
    void showFallbackWindow();

    std::unique_ptr<QMenu> m_menu;
    QSystemTrayIcon* m_icon = nullptr;
    std::unique_ptr<QWidget> m_fallback;
};

} // namespace ferry::ui
