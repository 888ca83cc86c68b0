#pragma once

#include <QScrollArea>
#include <QUrl>

class QVBoxLayout;

namespace ferry::ui {

class ProfileCard;
class ProfilesModel;

// The Profiles tab: a card per profile of the ProfilesModel, kept in step with it (rows added, removed,
// changed). The cards' actions come out as this view's signals; the controller acts on them.
class ProfileCardsView : public QScrollArea
{
    Q_OBJECT

public:
    explicit ProfileCardsView(ProfilesModel& model, QWidget* parent = nullptr);

    ProfileCard* card(const QString& profile) const;
    int cardCount() const { return int(m_cards.size()); }

signals:
    void syncRequested(const QString& profile);
    void pauseRequested(const QString& profile, bool paused);
    void checkRequested(const QString& profile);
    void conflictsRequested(const QString& profile);
    void openRequested(const QUrl& url);
    void heldDetailsRequested(const QString& profile, const QString& details);

private:
    void rebuild();
    void update(int first, int last);

    ProfilesModel& m_model;
    QVBoxLayout* m_layout;
    QList<ProfileCard*> m_cards; // in the model's order
};

} // namespace ferry::ui
