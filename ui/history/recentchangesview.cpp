#include "history/recentchangesview.h"

#include "history/recentchangesmodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>

namespace ferry::ui {

RecentChangesView::RecentChangesView(store::StoreThread& store, QWidget* parent)
    : QWidget(parent), m_model(new RecentChangesModel(store, this)), m_profile(new QComboBox),
      m_table(new QTableView)
{
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
    connect(m_table, &QTableView::doubleClicked, this, openSelected);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Profile")));
    top->addWidget(m_profile);
    top->addStretch();
    top->addWidget(refreshButton);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(open);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
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

void RecentChangesView::refresh()
{
    m_model->refresh();
}

} // namespace ferry::ui
