#include "ui/tray/trayicon.h"

#include <QAction>
#include <QIcon>
#include <QLocale>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QTransform>

// resources.qrc is compiled into the static ferry_ui library: without a reference the linker drops it.
static void initFerryResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace ferry::ui {

TrayIcon::TrayIcon(QObject* parent)
    : QObject(parent), m_menu(std::make_unique<QMenu>()), m_spin(new QTimer(this))
{
    initFerryResources();
    buildMenu();
    m_spin->setInterval(120);
    connect(m_spin, &QTimer::timeout, this, [this] {
        m_angle = (m_angle + 30) % 360;
        updateIcon();
    });
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_icon = new QSystemTrayIcon(this);
        m_icon->setContextMenu(m_menu.get());
        connect(m_icon, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                emit statusRequested();
        });
        connect(m_icon, &QSystemTrayIcon::messageClicked, this, &TrayIcon::messageClicked);
    }
    setState(State::Idle);
    if (m_icon)
        m_icon->show();
}

TrayIcon::~TrayIcon() = default;

void TrayIcon::buildMenu()
{
    m_syncNow = m_menu->addAction(tr("Sync &now"), this, &TrayIcon::syncNowRequested);
    m_syncNow->setObjectName(QStringLiteral("syncNow"));
    m_pause = m_menu->addAction(tr("&Pause syncing"), this, [this] { emit pauseRequested(!m_paused); });
    m_pause->setObjectName(QStringLiteral("pause"));
    m_pipelines = m_menu->addMenu(tr("Run &pipeline"));
    m_pipelines->setObjectName(QStringLiteral("pipelines"));
    m_pipelines->setEnabled(false);
    m_menu->addSeparator();
    m_menu->addAction(tr("&Status…"), this, &TrayIcon::statusRequested)
        ->setObjectName(QStringLiteral("status"));
    m_resolve = m_menu->addAction(QString(), this, &TrayIcon::resolveRequested);
    m_resolve->setObjectName(QStringLiteral("resolve"));
    m_menu->addAction(tr("S&ettings…"), this, &TrayIcon::settingsRequested)
        ->setObjectName(QStringLiteral("settings"));
    m_menu->addSeparator();
    m_menu->addAction(tr("&Quit Ferry"), this, &TrayIcon::quitRequested)
        ->setObjectName(QStringLiteral("quit"));
    setConflictCount(0);
}

void TrayIcon::setRemoteResets(const QStringList& profiles)
{
    qDeleteAll(m_resets);
    m_resets.clear();
    QAction* first = m_menu->actions().value(0);
    for (const QString& profile : profiles) {
        auto* action =
            new QAction(tr("The remote of %1 was reset: choose what happens…").arg(profile), m_menu.get());
        action->setObjectName(QStringLiteral("remoteReset:") + profile);
        connect(action, &QAction::triggered, this, [this, profile] { emit remoteResetRequested(profile); });
        m_menu->insertAction(first, action);
        m_resets.append(action);
    }
    if (!profiles.isEmpty())
        m_resets.append(m_menu->insertSeparator(first));
}

bool TrayIcon::isVisible() const
{
    return m_icon && m_icon->isVisible();
}

QString TrayIcon::iconPath(State state)
{
    switch (state) {
    case State::Syncing:
        return QStringLiteral(":/icons/state/syncing.svg");
    case State::Paused:
        return QStringLiteral(":/icons/state/paused.svg");
    case State::Error:
        return QStringLiteral(":/icons/state/error.svg");
    case State::Conflicts:
        return QStringLiteral(":/icons/state/conflicts.svg");
    case State::Idle:
        break;
    }
    return QStringLiteral(":/icons/state/idle.svg");
}

void TrayIcon::setState(State state, const QString& detail, const QDateTime& lastSync)
{
    m_state = state;
    static const char* const names[] = {QT_TR_NOOP("Synced"), QT_TR_NOOP("Syncing…"), QT_TR_NOOP("Paused"),
                                        QT_TR_NOOP("Error"), QT_TR_NOOP("Conflicts to resolve")};
    QStringList lines{tr("Ferry — %1").arg(tr(names[int(state)]))};
    if (!detail.isEmpty())
        lines.append(detail);
    if (lastSync.isValid())
        lines.append(
            tr("Last sync: %1").arg(QLocale().toString(lastSync.toLocalTime(), QLocale::ShortFormat)));
    m_toolTip = lines.join(u'\n');
    if (state == State::Syncing && !m_spin->isActive())
        m_spin->start();
    else if (state != State::Syncing)
        m_spin->stop();
    m_angle = 0;
    m_spinBase = QPixmap();
    updateIcon();
}

void TrayIcon::setNoProfiles()
{
    setState(State::Idle);
    m_toolTip = tr("Ferry — No folders are synced yet") + u'\n' +
                tr("Open Status… and choose Add a folder… to start.");
    updateIcon();
}

void TrayIcon::updateIcon()
{
    if (!m_icon)
        return;
    QIcon icon(iconPath(m_state));
    if (m_state == State::Syncing && m_angle != 0) {
        // The SVG is rendered once per cycle; each turn only rotates that picture.
        if (m_spinBase.isNull())
            m_spinBase = icon.pixmap(64, 64);
        const QPixmap& base = m_spinBase;
        QPixmap turned(base.size());
        turned.fill(Qt::transparent);
        QPainter painter(&turned);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.translate(32, 32);
        painter.rotate(m_angle);
        painter.translate(-32, -32);
        painter.drawPixmap(0, 0, base);
        painter.end();
        icon = QIcon(turned);
    }
    m_icon->setIcon(icon);
    m_icon->setToolTip(m_toolTip);
}

void TrayIcon::setPaused(bool paused)
{
    m_paused = paused;
    m_pause->setText(paused ? tr("&Resume syncing") : tr("&Pause syncing"));
    m_syncNow->setEnabled(!paused);
}

void TrayIcon::setConflictCount(int count)
{
    m_resolve->setText(tr("Resolve &conflicts (%1)…").arg(count));
    m_resolve->setEnabled(count > 0);
}

void TrayIcon::setPipelines(const QStringList& names)
{
    m_pipelines->clear();
    for (const QString& name : names)
        m_pipelines->addAction(name, this, [this, name] { emit pipelineRequested(name); })
            ->setObjectName(QStringLiteral("pipeline:") + name);
    m_pipelines->setEnabled(!names.isEmpty());
}

void TrayIcon::notify(const QString& title, const QString& message)
{
    if (m_icon)
        m_icon->showMessage(title, message, QIcon(iconPath(m_state)), 8000);
}

} // namespace ferry::ui
