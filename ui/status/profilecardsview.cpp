#include "ui/status/profilecardsview.h"

#include "ui/status/profilecard.h"
#include "ui/status/profilesmodel.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace ferry::ui {

ProfileCardsView::ProfileCardsView(ProfilesModel& model, QWidget* parent)
    : QScrollArea(parent), m_model(model), m_layout(new QVBoxLayout), m_empty(newEmptyState())
{
    setObjectName(QStringLiteral("profileCards"));
    auto* inner = new QWidget;
    auto* outer = new QVBoxLayout(inner);
    outer->addWidget(m_empty);
    outer->addLayout(m_layout);
    outer->addStretch();
    setWidget(inner);
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    connect(&model, &QAbstractItemModel::modelReset, this, &ProfileCardsView::rebuild);
    connect(&model, &QAbstractItemModel::rowsInserted, this, &ProfileCardsView::rebuild);
    connect(&model, &QAbstractItemModel::rowsRemoved, this, &ProfileCardsView::rebuild);
    connect(&model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& from, const QModelIndex& to) { update(from.row(), to.row()); });
    rebuild();
}

// A new user's first sight: what is missing and the one button that fixes it.
QWidget* ProfileCardsView::newEmptyState()
{
    auto* empty = new QWidget;
    empty->setObjectName(QStringLiteral("emptyState"));
    auto* layout = new QVBoxLayout(empty);
    auto* title = new QLabel(tr("No folders are synced yet"));
    title->setObjectName(QStringLiteral("emptyTitle"));
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    title->setFont(big);
    title->setAlignment(Qt::AlignCenter);
    auto* text = new QLabel(tr("Pick a folder and a Git repository: Ferry keeps them in step, in both "
                               "directions, and keeps the versions it replaces."));
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignCenter);
    auto* add = new QPushButton(tr("Add a folder…"));
    add->setObjectName(QStringLiteral("addFolder"));
    add->setDefault(true);
    connect(add, &QPushButton::clicked, this, &ProfileCardsView::addFolderRequested);
    auto* row = new QHBoxLayout;
    row->addStretch();
    row->addWidget(add);
    row->addStretch();
    layout->addSpacing(48);
    layout->addWidget(title);
    layout->addWidget(text);
    layout->addSpacing(12);
    layout->addLayout(row);
    return empty;
}

bool ProfileCardsView::showsEmptyState() const
{
    return !m_empty->isHidden();
}

ProfileCard* ProfileCardsView::card(const QString& profile) const
{
    for (ProfileCard* c : m_cards)
        if (c->name() == profile)
            return c;
    return nullptr;
}

void ProfileCardsView::rebuild()
{
    qDeleteAll(m_cards);
    m_cards.clear();
    for (int i = 0; i < m_model.rowCount(); ++i) {
        auto* c = new ProfileCard(m_model.rowAt(i).name);
        connect(c, &ProfileCard::syncRequested, this, &ProfileCardsView::syncRequested);
        connect(c, &ProfileCard::pauseRequested, this, &ProfileCardsView::pauseRequested);
        connect(c, &ProfileCard::checkRequested, this, &ProfileCardsView::checkRequested);
        connect(c, &ProfileCard::conflictsRequested, this, &ProfileCardsView::conflictsRequested);
        connect(c, &ProfileCard::openRequested, this, &ProfileCardsView::openRequested);
        connect(c, &ProfileCard::heldDetailsRequested, this, &ProfileCardsView::heldDetailsRequested);
        m_layout->addWidget(c);
        m_cards.append(c);
    }
    m_empty->setVisible(m_cards.isEmpty());
    update(0, int(m_cards.size()) - 1);
}

void ProfileCardsView::update(int first, int last)
{
    for (int i = std::max(0, first); i <= last && i < m_cards.size(); ++i)
        m_cards[i]->show(m_model.rowAt(i));
}

} // namespace ferry::ui
