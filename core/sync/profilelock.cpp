#include "core/sync/profilelock.h"

#include "core/config/paths.h"

#include <QDir>

namespace ferry::sync {

Result<std::unique_ptr<ProfileLock>> ProfileLock::acquire(const QString& dataDir, const QString& profile,
                                                          int waitMs)
{
    const QString folder = config::Paths::profileDir(dataDir, profile);
    if (!QDir().mkpath(folder))
        return makeError(ErrorKind::Io, QStringLiteral("cannot create %1").arg(folder));
    bool overridden = false;
    const int wait = qEnvironmentVariableIntValue("FERRY_LOCK_WAIT_MS", &overridden);
    auto lock = std::make_unique<ProfileLock>(folder + QStringLiteral("/lock"));
    lock->m_file.setStaleLockTime(0); // stale only when the holder is gone, however long a sync takes
    if (lock->m_file.tryLock(overridden ? wait : waitMs))
        return lock;
    qint64 pid = 0;
    QString host, application;
    lock->m_file.getLockInfo(&pid, &host, &application);
    if (lock->m_file.error() == QLockFile::LockFailedError)
        return makeError(
            ErrorKind::Conflict,
            QStringLiteral("profile %1 is busy: another Ferry process (pid %2 on %3) is syncing or "
                           "resolving it; try again when it is done")
                .arg(profile)
                .arg(pid)
                .arg(host.isEmpty() ? QStringLiteral("this machine") : host));
    return makeError(ErrorKind::Io, QStringLiteral("cannot lock profile %1 (%2/lock)").arg(profile, folder));
}

} // namespace ferry::sync
