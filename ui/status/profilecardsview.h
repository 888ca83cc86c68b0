#pragma once

#include <QScrollArea>
#include <QUrl>

class QVBoxLayout;

namespace ferry::ui {

class ProfileCard;
class ProfilesModel;

// The Profiles tab: a card per profile of the ProfilesModel, kept in step with it (rows added, removed,
// changed). The cards' actions come out as this view's signals; the controller acts on them. With no
// profile it shows an empty state whose Add a folder… opens the first-run wizard.
class ProfileCardsView : public QScrollArea
{
    Q_OBJECT

public:
    explicit ProfileCardsView(ProfilesModel& model, QWidget* parent = nullptr);

    ProfileCard* card(const QString& profile) const;
    int cardCount() const { return int(m_cards.size()); }
    // With no profile, the view shows what to do instead of nothing: "No folders are synced yet".
    bool showsEmptyState() const;

signals:
    void syncRequested(const QString& profile);
    void pauseRequested(const QString& profile, bool paused);
    void checkRequested(const QString& profile);
    void conflictsRequested(const QString& profile);
    void openRequested(const QUrl& url);
    void heldDetailsRequested(const QString& profile, const QString& details);
    void addFolderRequested(); // the empty state's (and the view's) Add a folder…

private:
    QWidget* newEmptyState();
    void rebuild();
    void update(int first, int last);

    ProfilesModel& m_model;
    QVBoxLayout* m_layout;
    QWidget* m_empty;
    QList<ProfileCard*> m_cards; // in the model's order
};

} // namespace ferry::ui
