#pragma once

#include "core/config/config.h"
#include "core/merge/linediff.h"
#include "core/sync/conflictresolver.h"
#include "core/util/workerthread.h"

#include <QList>
#include <QWidget>

class QButtonGroup;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QVBoxLayout;

namespace ferry::ui {

class DiffPane;

// The conflict resolver: the pending conflicts of every profile; for the one selected, the local and
// the remote version side by side (line numbers, synchronized scrolling, changed lines and the changed
// part of each line highlighted), a take local / take remote / take both choice per hunk, and the
// merged result below, editable. Keep local, Keep remote, Keep both and Save merged go through the
// same core operation as `ferry resolve` (sync::ConflictResolver), after which the window asks for a
// sync of the profile (syncRequested). Binary files show their sizes and offer the three keeps.
// Reading versions and resolving run in a worker thread; the GUI thread only shows.
class ResolverWindow : public QWidget
{
    Q_OBJECT

public:
    ResolverWindow(QList<config::Profile> profiles, QString dataDir, QWidget* parent = nullptr);
    ~ResolverWindow() override;

    void refresh(); // reloads the list of pending conflicts
    int conflictCount() const { return int(m_items.size()); }

signals:
    void listLoaded(int count);
    void conflictShown();
    void resolved(const QString& profile, const QString& id);
    void syncRequested(const QString& profile);
    void failed(const QString& message);

private:
    struct Item
    {
        int profile = 0;
        sync::PendingConflict conflict;
    };
    struct Versions
    {
        QByteArray local, remote;
        bool binary = false;
        bool crlf = false;
        merge::LineDiff diff;
        QStringList records; // a union conflict: the ids of the records changed on both sides
    };

    void buildLayout();
    void showList(const QList<Item>& items, const QString& error);
    void load(int row);
    void showVersions(const Versions& versions);
    void rebuildHunks();
    void updateMerged();
    void resolve(sync::ConflictResolver::Take take);
    void setBusy(bool busy);

    QList<config::Profile> m_profiles;
    QString m_dataDir;
    util::WorkerThread m_worker;
    QList<Item> m_items;
    int m_current = -1;
    Versions m_versions;
    QList<merge::LineDiff::Take> m_takes;

    QListWidget* m_list;
    QLabel* m_header;
    DiffPane* m_localPane;
    DiffPane* m_remotePane;
    QWidget* m_hunks;
    QVBoxLayout* m_hunkRows;
    QPlainTextEdit* m_merged;
    QPushButton* m_keepLocal;
    QPushButton* m_keepRemote;
    QPushButton* m_keepBoth;
    QPushButton* m_saveMerged;
    QLabel* m_status;
};

} // namespace ferry::ui
