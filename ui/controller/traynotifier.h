#pragma once

#include "core/alert/alert.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

namespace ferry::ui {

class TrayIcon;

// The tray's messages: at most one per kind every 10 minutes, none when `alerts.desktop` is off, and
// each with the view it is about — a click on the message (QSystemTrayIcon::messageClicked) asks for
// the view of the last one shown.
class TrayNotifier : public QObject
{
    Q_OBJECT

public:
    enum class View { Status, History, Resolver, RemoteReset };
    Q_ENUM(View)

    explicit TrayNotifier(TrayIcon& tray, QObject* parent = nullptr);

    void setEnabled(bool enabled) { m_enabled = enabled; }
    // False when it was held back (the limit, or notifications off).
    bool notify(const QString& kind, const QString& title, const QString& message, View view,
                const QString& profile = QString());
    // An alert as the desktop tells it. A profile failing N cycles is not told again: the tray already
    // said so when it turned failing (DesktopController).
    void alert(const alert::Alert& alert);

signals:
    void notified(const QString& kind, const QString& title, const QString& message);
    void viewRequested(ferry::ui::TrayNotifier::View view, const QString& profile);

private:
    TrayIcon& m_tray;
    bool m_enabled = true;
    QHash<QString, QDateTime> m_lastNotified;
    View m_lastView = View::Status;
    QString m_lastProfile;
};

} // namespace ferry::ui
