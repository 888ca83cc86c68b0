#include "core/schedule/scheduler.h"

#include "core/schedule/dailytimes.h"
#include "core/store/jobstore.h"
#include "core/util/logging.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QRandomGenerator>

namespace ferry::schedule {

QList<ScheduledPipeline> ScheduledPipeline::fromConfig(const config::Config& config)
{
    QList<ScheduledPipeline> list;
    if (config.github)
        list.append({QStringLiteral("github"), config.github->schedule});
    if (config.market)
        list.append({QStringLiteral("daily"), config.market->schedule});
    return list;
}

SchedulerOptions SchedulerOptions::fromEnvironment()
{
    SchedulerOptions o;
    bool ok = false;
    if (const int tick = qEnvironmentVariableIntValue("FERRY_SCHEDULE_TICK_MS", &ok); ok && tick > 0)
        o.tickMs = tick;
    if (const int lease = qEnvironmentVariableIntValue("FERRY_LEASE_SECONDS", &ok); ok && lease > 0)
        o.leaseSeconds = lease;
    return o;
}

Scheduler::Scheduler(QList<ScheduledPipeline> pipelines, store::JobStore& store, const util::Clock& clock,
                     QString holderId, Runner runner, Options options, QObject* parent)
    : QObject(parent), m_pipelines(std::move(pipelines)), m_store(store), m_clock(clock),
      m_holder(std::move(holderId)), m_runner(std::move(runner)), m_options(options)
{
    connect(&m_tick, &QTimer::timeout, this, &Scheduler::checkNow);
    // Renewed three times per lease: one late or failed renewal does not lose it.
    m_renew.setInterval(qMax(100, m_options.leaseSeconds * 1000 / 3));
    connect(&m_renew, &QTimer::timeout, this, &Scheduler::renewLeases);
    for (const ScheduledPipeline& p : std::as_const(m_pipelines)) {
        if (!DailyTimes(p.schedule).isValid())
            qCWarning(lcSchedule).noquote() << "the schedule of" << p.name << "is not valid; it never runs";
    }
}

Scheduler::~Scheduler() = default;

QString Scheduler::makeHolderId()
{
    return QStringLiteral("%1:%2:%3")
        .arg(QHostInfo::localHostName())
        .arg(QCoreApplication::applicationPid())
        .arg(QRandomGenerator::global()->generate() & 0xffffff, 6, 16, QLatin1Char('0'));
}

void Scheduler::start()
{
    m_stopped = false;
    m_tick.start(m_options.tickMs);
    checkNow();
}

void Scheduler::stop()
{
    m_stopped = true;
    m_tick.stop();
}

int Scheduler::checkNow()
{
    if (m_stopped)
        return 0;
    const Result<QList<store::JobState>> states = m_store.jobStates();
    if (!states) {
        emit warning(
            QStringLiteral("cannot read the schedules' state: %1; will try again").arg(states.message()));
        return 0;
    }
    for (const store::JobState& s : *states)
        m_lastDue.insert(s.jobName, s.lastDue);
    const QDateTime now = m_clock.nowUtc();
    int started = 0;
    for (const ScheduledPipeline& p : std::as_const(m_pipelines)) {
        const QDateTime due = DailyTimes(p.schedule).overdue(m_lastDue.value(p.name), now);
        if (m_running.contains(p.name) || !due.isValid())
            continue;
        const Result<bool> taken = m_store.takeJobLease(p.name, due, m_holder, now, m_options.leaseSeconds);
        if (!taken) {
            emit warning(QStringLiteral("cannot lease %1: %2; will try again").arg(p.name, taken.message()));
            continue;
        }
        if (!*taken) {
            qCInfo(lcSchedule).noquote() << p.name << "is due but leased or done elsewhere";
            continue;
        }
        if (m_running.isEmpty())
            m_renew.start();
        m_running.insert(p.name, due);
        ++started;
        emit runStarted(p.name, due);
        m_runner(p.name, due); // may call finishRun() before it returns
    }
    return started;
}

void Scheduler::finishRun(const QString& pipeline, const QString& status)
{
    if (!m_running.contains(pipeline))
        return;
    const QDateTime due = m_running.take(pipeline);
    if (const Status s = m_store.finishJob(pipeline, m_holder, due, status, m_clock.nowUtc()); !s)
        // Not recorded: the lease expires and someone runs it again, which the idempotent upserts allow.
        emit warning(QStringLiteral("cannot record the run of %1: %2").arg(pipeline, s.message()));
    else
        m_lastDue.insert(pipeline, due);
    if (m_running.isEmpty())
        m_renew.stop();
    emit runFinished(pipeline, status);
}

void Scheduler::releaseRun(const QString& pipeline)
{
    if (!m_running.contains(pipeline))
        return;
    m_running.remove(pipeline);
    if (const Status s = m_store.releaseJobLease(pipeline, m_holder); !s)
        emit warning(QStringLiteral("cannot release the lease of %1: %2").arg(pipeline, s.message()));
    if (m_running.isEmpty())
        m_renew.stop();
}

void Scheduler::renewLeases()
{
    const QDateTime now = m_clock.nowUtc();
    for (auto it = m_running.cbegin(); it != m_running.cend(); ++it) {
        const Result<bool> renewed = m_store.renewJobLease(it.key(), m_holder, now, m_options.leaseSeconds);
        if (!renewed)
            emit warning(QStringLiteral("cannot renew the lease of %1: %2").arg(it.key(), renewed.message()));
        else if (!*renewed)
            emit warning(
                QStringLiteral("lost the lease of %1 (it expired and was taken elsewhere)").arg(it.key()));
    }
}

QDateTime Scheduler::nextRun(const QString& pipeline) const
{
    if (const auto it = m_running.constFind(pipeline); it != m_running.cend())
        return *it;
    for (const ScheduledPipeline& p : m_pipelines) {
        if (p.name != pipeline)
            continue;
        return DailyTimes(p.schedule).nextRun(m_lastDue.value(p.name), m_clock.nowUtc());
    }
    return {};
}

} // namespace ferry::schedule
