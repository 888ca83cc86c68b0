#include "core/check/watchlimitcheck.h"

#include "core/sync/ignorerules.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace ferry::check {
namespace {

void countTree(const QString& absolute, const QString& relative, const sync::IgnoreRules& ignore, int stopAt,
               int& count)
{
    if (++count >= stopAt)
        return;
    const QStringList names =
        QDir(absolute).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden | QDir::NoSymLinks);
    for (const QString& name : names) {
        const QString rel = relative.isEmpty() ? name : relative + u'/' + name;
        if (!ignore.ignores(rel, true))
            countTree(absolute + u'/' + name, rel, ignore, stopAt, count);
        if (count >= stopAt)
            return;
    }
}

} // namespace

int WatchLimitCheck::systemLimit()
{
    bool overridden = false;
    const int limit = qEnvironmentVariableIntValue("FERRY_WATCH_LIMIT", &overridden);
    if (overridden)
        return limit;
    QFile f(QStringLiteral("/proc/sys/fs/inotify/max_user_watches"));
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toInt() : -1;
}

int WatchLimitCheck::foldersToWatch(const config::Profile& profile, int stopAt)
{
    const Result<sync::IgnoreRules> ignore = sync::IgnoreRules::compile(profile.ignore);
    const sync::IgnoreRules rules = ignore ? *ignore : *sync::IgnoreRules::compile({});
    int count = 0;
    for (const config::FolderMapping& f : profile.folders) {
        if (QFileInfo(f.local).isDir())
            countTree(f.local, QString(), rules, stopAt, count);
        if (count >= stopAt)
            break;
    }
    return count;
}

Finding WatchLimitCheck::run(const QList<config::Profile>& profiles)
{
    const QString check = QStringLiteral("watches");
    const int limit = systemLimit();
    if (limit < 0)
        return Finding::ok(check, QStringLiteral("watches: no inotify limit on this system"));
    // Counting stops past the limit: a tree of millions of folders says "over the limit" without being
    // walked.
    int folders = 0;
    for (const config::Profile& p : profiles) {
        if (folders > limit)
            break;
        folders += foldersToWatch(p, limit + 1 - folders);
    }
    const bool over = folders > limit;
    const QString counted = over ? QStringLiteral("more than %1").arg(limit) : QString::number(folders);
    if (qint64(folders) * 10 < qint64(limit) * 9)
        return Finding::ok(
            check,
            QStringLiteral("watches: %1 needed (one per folder), inotify limit %2").arg(counted).arg(limit));
    return Finding::problem(
        check,
        QStringLiteral(
            "watches: %1 needed (one per folder), inotify limit %2 (shared with the user's other programs): "
            "changes in the rest wait for the periodic full scan")
            .arg(counted)
            .arg(limit),
        QStringLiteral("raise the limit: echo fs.inotify.max_user_watches=524288 | sudo tee "
                       "/etc/sysctl.d/90-ferry.conf && sudo sysctl --system; or ignore large folders"));
}

} // namespace ferry::check
