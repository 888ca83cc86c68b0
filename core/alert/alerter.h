#pragma once

#include "core/alert/alert.h"
#include "core/alert/alertlimiter.h"
#include "core/alert/alertrules.h"
#include "core/config/config.h"
#include "core/util/clock.h"

#include <memory>
#include <QObject>
#include <QThread>

namespace ferry::ingest {
struct TaskOutcome;
}
namespace ferry::sync {
struct SyncResult;
}

namespace ferry::alert {

class WebhookSender;

// The alerts of one process (`ferry daemon`, the tray app): it hears every finished task and cycle,
// keeps what AlertRules calls an alert and AlertLimiter lets through, and hands it to the webhook
// sender in its own thread (nothing here waits for the network) and to whoever listens to raised()
// (the tray). Lives in the thread that feeds it.
class Alerter : public QObject
{
    Q_OBJECT

public:
    explicit Alerter(const config::AlertsConfig& config, QObject* parent = nullptr,
                     const util::Clock& clock = util::Clock::system());
    // Deliveries in flight get up to the webhook timeout to finish, then are cancelled.
    ~Alerter() override;

    // How long the destructor lets deliveries in flight finish (default: the webhook timeout). The tray
    // app keeps it short: Quit must not wait for a webhook that hangs.
    void setShutdownGraceMs(int ms) { m_shutdownGraceMs = ms; }
    // Keeps the rate limit in `file` (AlertLimitFile), so that it holds across restarts; call before the
    // first alert. `ferry daemon` keeps it in its data directory.
    void keepLimitsIn(const QString& file) { m_limiter.keepIn(file); }
    // The webhook as logs show it ("https://hooks.slack.com/…"); empty when there is none.
    QString webhook() const;

    void taskFinished(const QString& task, const ingest::TaskOutcome& outcome);
    void cycleFinished(const sync::SyncResult& result);
    // The daemon could not start: raised (rate limit permitting) and sent; the destructor waits for it.
    void startFailed(const QString& why);

signals:
    void raised(const ferry::alert::Alert& alert);   // passed the rate limit: shown and sent
    void heldBack(const ferry::alert::Alert& alert); // held back by the rate limit: counted, not sent
    void delivered(const ferry::alert::Alert& alert);
    void deliveryFailed(const ferry::alert::Alert& alert, const QString& why);

private:
    void raise(Alert alert);
    static QString resolveUrl(const config::AlertsConfig& config);

    config::AlertsConfig m_config;
    int m_shutdownGraceMs;
    QString m_url;
    AlertRules m_rules;
    AlertLimiter m_limiter;
    std::unique_ptr<QThread> m_thread;
    WebhookSender* m_sender = nullptr; // lives in m_thread
};

} // namespace ferry::alert
