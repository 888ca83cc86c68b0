#pragma once

#include "ui/status/profilesmodel.h"

#include <QFrame>
#include <QUrl>

class QGridLayout;
class QLabel;
class QProgressBar;
class QPushButton;

namespace ferry::ui {

// One profile at a glance, as Syncthing's folder cards show a folder: its state in an icon and words,
// the last sync and what it did, what is tracked, what waits (changes, conflicts, held files), the
// counters since the first cycle, and the actions on it. It shows a ProfilesModel row; it reads nothing
// itself and acts only through its signals.
class ProfileCard : public QFrame
{
    Q_OBJECT

public:
    explicit ProfileCard(const QString& name, QWidget* parent = nullptr);

    void show(const ProfilesModel::Row& row);
    QString name() const { return m_name; }
    QString figure(const QString& objectName) const; // a figure's text, by its object name (tests)
    // The details behind "held": deletions waiting, files too large, paths unreadable.
    QString heldDetails() const { return m_heldDetails; }

    // The page of a github.com remote's branch ("" for other hosts): git@github.com:o/r.git,
    // https://github.com/o/r(.git), ssh://git@github.com/o/r.git.
    static QUrl webUrl(const QString& remote, const QString& branch);

signals:
    void syncRequested(const QString& profile);
    void pauseRequested(const QString& profile, bool paused);
    void checkRequested(const QString& profile);
    void conflictsRequested(const QString& profile);
    void openRequested(const QUrl& url); // a local folder or a web page
    void heldDetailsRequested(const QString& profile, const QString& details);

private:
    QLabel* addFigure(QGridLayout* grid, int row, int column, const QString& title, const QString& name);
    static QString stateIcon(const ProfilesModel::Row& row);

    QString m_name;
    QString m_heldDetails;
    QStringList m_folders;
    QUrl m_web;
    bool m_paused = false;
    QLabel* m_icon;
    QLabel* m_title;
    QLabel* m_state;
    QLabel* m_last;
    QProgressBar* m_progress;
    QPushButton* m_sync;
    QPushButton* m_pause;
    QPushButton* m_openFolder;
    QPushButton* m_openWeb;
    QPushButton* m_conflicts;
    QPushButton* m_held;
};

} // namespace ferry::ui
