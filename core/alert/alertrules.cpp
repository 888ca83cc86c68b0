#include "core/alert/alertrules.h"

#include "core/ingest/taskoutcome.h"
#include "core/store/runrecord.h"
#include "core/sync/syncresult.h"
#include "core/util/clock.h"

namespace ferry::alert {

AlertRules::AlertRules(int failingCycles, QString host, const util::Clock& clock)
    : m_failingCycles(failingCycles), m_host(std::move(host)), m_clock(clock)
{
}

Alert AlertRules::make(Alert::Kind kind, const QString& subject, const QString& message) const
{
    Alert a;
    a.kind = kind;
    a.subject = subject;
    a.message = message;
    a.host = m_host;
    a.at = m_clock.nowUtc();
    return a;
}

Alert AlertRules::startFailed(const QString& why) const
{
    return make(Alert::Kind::StartFailed, QStringLiteral("daemon"), why);
}

std::optional<Alert> AlertRules::taskFinished(const QString& task, const ingest::TaskOutcome& outcome) const
{
    if (outcome.stopped || !outcome.needsAttention())
        return std::nullopt;
    const bool failed = outcome.status == store::RunStatus::Failed;
    Alert a = make(failed ? Alert::Kind::RunFailed : Alert::Kind::RunIncomplete, task,
                   outcome.error.isEmpty() ? outcome.summary() : outcome.error);
    a.status = outcome.status;
    return a;
}

QList<Alert> AlertRules::cycleFinished(const sync::SyncResult& result)
{
    QList<Alert> alerts;
    if (result.stopped)
        return alerts; // a quit or SIGTERM, not a fault of the profile
    ProfileFlags& flags = m_profiles[result.profile];
    if (result.remoteReset && !flags.remoteReset)
        alerts.append(make(Alert::Kind::RemoteReset, result.profile, result.error));
    flags.remoteReset = result.remoteReset;
    if (result.held > 0 && !flags.held) {
        Alert a = make(Alert::Kind::DeletionsHeld, result.profile,
                       QStringLiteral("%1 deletions held by the mass-deletion guard "
                                      "(ferry sync --allow-mass-delete to apply)")
                           .arg(result.held));
        alerts.append(a);
    }
    flags.held = result.held > 0;
    if (!result.ok && !result.remoteReset && result.health.consecutiveFailures == m_failingCycles) {
        Alert a = make(Alert::Kind::ProfileFailing, result.profile, result.error);
        a.status = result.runStatus();
        a.failuresInARow = result.health.consecutiveFailures;
        alerts.append(a);
    }
    return alerts;
}

} // namespace ferry::alert
