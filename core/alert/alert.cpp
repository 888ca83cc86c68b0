#include "core/alert/alert.h"

#include <QStringList>

namespace ferry::alert {

QString Alert::kindName(Kind kind)
{
    switch (kind) {
    case Kind::RunFailed:
        return QStringLiteral("run_failed");
    case Kind::RunIncomplete:
        return QStringLiteral("run_incomplete");
    case Kind::ProfileFailing:
        return QStringLiteral("profile_failing");
    case Kind::RemoteReset:
        return QStringLiteral("remote_reset");
    case Kind::DeletionsHeld:
        return QStringLiteral("deletions_held");
    case Kind::StartFailed:
        return QStringLiteral("start_failed");
    }
    return {};
}

QString Alert::text() const
{
    QString what;
    switch (kind) {
    case Kind::RunFailed:
        what = QStringLiteral("task %1 failed").arg(subject);
        break;
    case Kind::RunIncomplete:
        what = QStringLiteral("task %1 left work undone (%2)").arg(subject, status);
        break;
    case Kind::ProfileFailing:
        what = QStringLiteral("profile %1 failed %2 cycles in a row").arg(subject).arg(failuresInARow);
        break;
    case Kind::RemoteReset:
        what = QStringLiteral("the remote of profile %1 was reset; syncing is paused until you choose")
                   .arg(subject);
        break;
    case Kind::DeletionsHeld:
        what = QStringLiteral("deletions held in profile %1").arg(subject);
        break;
    case Kind::StartFailed:
        what = QStringLiteral("ferry %1 could not start").arg(subject);
        break;
    }
    QString line = QStringLiteral("ferry on %1: %2").arg(host, what);
    if (!message.isEmpty())
        line += QStringLiteral(": ") + message;
    if (suppressed > 0)
        line += QStringLiteral(" (%1 more since %2, not sent: rate limit)")
                    .arg(suppressed)
                    .arg(suppressedSince.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")));
    return line;
}

QJsonObject Alert::payload() const
{
    QJsonObject o{{QStringLiteral("text"), text()},
                  {QStringLiteral("kind"), kindName(kind)},
                  {QStringLiteral("subject"), subject},
                  {QStringLiteral("error"), message},
                  {QStringLiteral("host"), host},
                  {QStringLiteral("time"), at.toUTC().toString(Qt::ISODate)},
                  {QStringLiteral("suppressed"), suppressed}};
    if (!status.isEmpty())
        o.insert(QStringLiteral("status"), status);
    if (kind == Kind::ProfileFailing)
        o.insert(QStringLiteral("failures_in_a_row"), failuresInARow);
    if (suppressed > 0)
        o.insert(QStringLiteral("suppressed_since"), suppressedSince.toUTC().toString(Qt::ISODate));
    return o;
}

} // namespace ferry::alert
