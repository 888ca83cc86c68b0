#pragma once

#include "core/config/config.h"
#include "core/util/clock.h"

#include <functional>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

namespace ferry::store {
class JobStore;
}

namespace ferry::schedule {

// A pipeline ("daily", "github") and when it is due.
struct ScheduledPipeline
{
    QString name;
    config::Schedule schedule;

    // The pipelines the config schedules: github (ingestion.github), daily (ingestion.market).
    static QList<ScheduledPipeline> fromConfig(const config::Config& config);
};

// How often a Scheduler looks, and how long its leases last.
struct SchedulerOptions
{
    int tickMs = 30000;     // how often to look for due pipelines
    int leaseSeconds = 600; // a lease not renewed for this long is presumed dead
    // FERRY_SCHEDULE_TICK_MS and FERRY_LEASE_SECONDS override the defaults (tests, impatient users).
    static SchedulerOptions fromEnvironment();
};

// Starts each scheduled pipeline once per due instant, across every process and machine that shares
// the store. A pipeline is due when its most recent due instant is later than the last one completed,
// so a run missed while Ferry was closed (for days) runs once at the next start. A run is leased in the
// store before it starts and the lease is renewed while it goes on; a holder that dies leaves a lease
// that expires, and whoever takes it next runs the pipeline again. A run that ends (even failed) counts
// for its due instant: its failures are in sync_logs and the next chance is the next due instant.
// Lives in one thread with its Store; the runner may run the pipeline elsewhere and report back.
class Scheduler : public QObject
{
    Q_OBJECT

public:
    using Options = SchedulerOptions;
    // Starts the pipeline; the scheduler learns the end through finishRun() or releaseRun().
    using Runner = std::function<void(const QString& pipeline, const QDateTime& due)>;

    Scheduler(QList<ScheduledPipeline> pipelines, store::JobStore& store, const util::Clock& clock,
              QString holderId, Runner runner, Options options = {}, QObject* parent = nullptr);
    ~Scheduler() override;

    // "host:pid:random": unique to this process, readable in job_runs.
    static QString makeHolderId();

    const QString& holderId() const { return m_holder; }
    const QList<ScheduledPipeline>& pipelines() const { return m_pipelines; }

    void start(); // checks now, then every tickMs
    void stop();  // no new runs; runs in progress keep their lease until they finish or are released
    // Starts every due pipeline this scheduler can lease. Returns how many it started.
    int checkNow();
    // When the pipeline runs next: its due instant if it is due or running, else the next one.
    QDateTime nextRun(const QString& pipeline) const;
    bool isRunning(const QString& pipeline) const { return m_running.contains(pipeline); }
    bool hasRunning() const { return !m_running.isEmpty(); }

public slots:
    // The run ended: it counts for its due instant, and the lease is cleared.
    void finishRun(const QString& pipeline, const QString& status);
    // The run stopped before the end (shutdown): the lease goes back, the run stays due.
    void releaseRun(const QString& pipeline);

signals:
    void runStarted(const QString& pipeline, const QDateTime& due);
    void runFinished(const QString& pipeline, const QString& status);
    void warning(const QString& message);

private:
    void renewLeases();

    QList<ScheduledPipeline> m_pipelines;
    store::JobStore& m_store;
    const util::Clock& m_clock;
    QString m_holder;
    Runner m_runner;
    Options m_options;
    QHash<QString, QDateTime> m_running; // pipeline -> the due instant it runs for
    QHash<QString, QDateTime> m_lastDue; // as last read from the store
    QTimer m_tick;
    QTimer m_renew;
    bool m_stopped = false;
};

} // namespace ferry::schedule
