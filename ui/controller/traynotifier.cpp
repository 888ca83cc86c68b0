#include "ui/controller/traynotifier.h"

#include "ui/tray/trayicon.h"

namespace ferry::ui {

TrayNotifier::TrayNotifier(TrayIcon& tray, QObject* parent) : QObject(parent), m_tray(tray)
{
    connect(&m_tray, &TrayIcon::messageClicked, this,
            [this] { emit viewRequested(m_lastView, m_lastProfile); });
}

bool TrayNotifier::notify(const QString& kind, const QString& title, const QString& message, View view,
                          const QString& profile)
{
    if (!m_enabled)
        return false;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime last = m_lastNotified.value(kind);
    if (last.isValid() && last.secsTo(now) < 600)
        return false;
    m_lastNotified.insert(kind, now);
    m_lastView = view;
    m_lastProfile = profile;
    m_tray.notify(title, message);
    emit notified(kind, title, message);
    return true;
}

void TrayNotifier::alert(const alert::Alert& a)
{
    using Kind = alert::Alert::Kind;
    QString message = a.message;
    if (a.suppressed > 0)
        message += u'\n' + tr("(%1 more not shown)").arg(a.suppressed);
    switch (a.kind) {
    case Kind::RunFailed:
        notify(a.key(), tr("%1 failed").arg(a.subject), message, View::History);
        break;
    case Kind::RunIncomplete:
        notify(a.key(), tr("%1 left work undone").arg(a.subject), message, View::History);
        break;
    case Kind::RemoteReset:
        notify(a.key(), tr("The remote of %1 was reset").arg(a.subject),
               message + u'\n' + tr("Syncing is paused until you choose what happens: click here."),
               View::RemoteReset, a.subject);
        break;
    case Kind::DeletionsHeld:
        notify(a.key(), tr("Deletions held in %1").arg(a.subject), message, View::Status, a.subject);
        break;
    case Kind::ProfileFailing:
    case Kind::StartFailed: // only `ferry daemon` raises it
        break;
    }
}

} // namespace ferry::ui
