#include "tray/trayicon.h"

#include <QApplication>
#include <QIcon>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSystemTrayIcon>
#include <QVBoxLayout>

namespace ferry::ui {

TrayIcon::TrayIcon(QObject* parent) : QObject(parent), m_menu(std::make_unique<QMenu>())
{
    QAction* quit = m_menu->addAction(tr("&Quit Ferry"));
    connect(quit, &QAction::triggered, qApp, &QCoreApplication::quit);

    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        showFallbackWindow();
        return;
    }
    m_icon = new QSystemTrayIcon(QIcon(QStringLiteral(":/icons/ferry.svg")), this);
    m_icon->setToolTip(tr("Ferry %1").arg(QStringLiteral(FERRY_VERSION)));
    m_icon->setContextMenu(m_menu.get());
    m_icon->show();
}

TrayIcon::~TrayIcon() = default;

bool TrayIcon::isVisible() const
{
    return m_icon && m_icon->isVisible();
}

void TrayIcon::showFallbackWindow()
{
    m_fallback = std::make_unique<QWidget>();
    m_fallback->setWindowTitle(tr("Ferry"));
    auto* layout = new QVBoxLayout(m_fallback.get());
    layout->addWidget(new QLabel(tr("Ferry %1 is running. This desktop has no system tray, so this window "
                                    "stands in for it; closing it quits Ferry.")
                                     .arg(QStringLiteral(FERRY_VERSION))));
    auto* quit = new QPushButton(tr("&Quit Ferry"));
    connect(quit, &QPushButton::clicked, qApp, &QCoreApplication::quit);
    layout->addWidget(quit);
    m_fallback->show();
}

} // namespace ferry::ui
