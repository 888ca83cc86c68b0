#pragma once

#include "core/config/config.h"
#include "core/sync/ignorerules.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

class QSocketNotifier;

namespace ferry::sync {

// Watches the mapped folders recursively (new subfolders included) and collects the paths that changed.
// On Linux with inotify, one watch per folder and the exact names that were created, written, moved or
// deleted; ignored names (Ferry's own temporary files among them) do not count.
//
// It says when it cannot see everything, so that the caller scans instead of trusting silence:
// the inotify watch limit (fs.inotify.max_user_watches) reached, a queue overflow (events lost), a
// network file system (changes made on other machines raise no event), or no watcher on this platform.
// FERRY_WATCH_LIMIT=N makes the N+1st watch fail as if the limit were reached (for tests).
class FolderWatcher : public QObject
{
    Q_OBJECT

public:
    FolderWatcher(QList<config::FolderMapping> folders, IgnoreRules ignore, QObject* parent = nullptr);
    ~FolderWatcher() override;

    void start();

    // "" when every folder is watched; else why not, for status and the log.
    QString coverageProblem() const { return m_coverageProblem; }
    bool complete() const { return m_coverageProblem.isEmpty(); }
    int watchedFolders() const { return int(m_folderOfWatch.size()); }

    // The absolute paths that changed since the last call, and whether events were lost meanwhile (then
    // only a full scan is safe).
    struct Changes
    {
        QStringList paths;
        bool lost = false;
    };
    Changes takeChanges();
    bool hasChanges() const { return m_lost || !m_changed.isEmpty(); }
    // Reads the events already queued (those of writes that just happened) without waiting for the loop.
    void drain() { readEvents(); }
    // Puts paths back (the caller took them, then found it could not use them yet).
    void putBack(const Changes& changes);

signals:
    void changed();
    void coverageChanged(const QString& problem);

private:
    void watchTree(const QString& absoluteDir, const QString& relativeDir);
    bool addWatch(const QString& absoluteDir);
    void readEvents();
    void noteProblem(const QString& problem);

    QList<config::FolderMapping> m_folders;
    IgnoreRules m_ignore;
    int m_fd = -1;
    QSocketNotifier* m_notifier = nullptr;
    QHash<int, QString> m_folderOfWatch; // watch descriptor -> absolute folder
    int m_limit = -1;                    // test hook: pretend the system limit is this many watches
    QString m_coverageProblem;
    QSet<QString> m_changed;
    bool m_lost = false;
};

} // namespace ferry::sync
