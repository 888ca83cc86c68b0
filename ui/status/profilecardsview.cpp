#include "status/profilecardsview.h"

#include "status/profilecard.h"
#include "status/profilesmodel.h"

#include <QVBoxLayout>

namespace ferry::ui {

ProfileCardsView::ProfileCardsView(ProfilesModel& model, QWidget* parent)
    : QScrollArea(parent), m_model(model), m_layout(new QVBoxLayout)
{
    setObjectName(QStringLiteral("profileCards"));
    auto* inner = new QWidget;
    auto* outer = new QVBoxLayout(inner);
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
    update(0, int(m_cards.size()) - 1);
}

void ProfileCardsView::update(int first, int last)
{
    for (int i = std::max(0, first); i <= last && i < m_cards.size(); ++i)
        m_cards[i]->show(m_model.rowAt(i));
}

} // namespace ferry::ui
