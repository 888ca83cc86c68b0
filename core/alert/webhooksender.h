#pragma once

#include "core/alert/alert.h"
#include "core/util/backoff.h"

#include <map>
#include <QObject>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace ferry::alert {

// POSTs alerts as JSON to one webhook, in the thread it lives in (never the GUI's or a run's): each
// attempt ends after `timeoutMs`, a failed one (no answer, 5xx, 429) is tried again after a backoff,
// up to `tries` in all; a 4xx is not (the URL or the payload is wrong: the same request fails again).
// A webhook that keeps failing is logged (ferry.alert, the URL redacted) and reported by failed().
class WebhookSender : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString url;
        int timeoutMs = 10000;
        int tries = 3;
        util::Backoff backoff = util::Backoff::fromEnvironment(500);
    };

    explicit WebhookSender(Options options, QObject* parent = nullptr);
    ~WebhookSender() override;

public slots:
    void send(const ferry::alert::Alert& alert);
    // Shutting down: no retry starts; what is in flight gets `graceMs`, then is cancelled; idle() follows
    // once nothing is left.
    void finish(int graceMs);

signals:
    void delivered(const ferry::alert::Alert& alert, int attempts);
    void failed(const ferry::alert::Alert& alert, const QString& why);
    void idle();

private:
    struct Attempt
    {
        Alert alert;
        int number = 1;
        QTimer* deadline = nullptr;
    };

    void post(const Alert& alert, int number);
    void onFinished(QNetworkReply* reply);
    void giveUp(const Alert& alert, int attempts, const QString& why);
    void checkIdle();
    QString redacted(const QString& text) const;

    Options m_options;
    QNetworkAccessManager* m_network = nullptr; // made in the sender's thread, on first use
    std::map<QNetworkReply*, Attempt> m_inFlight;
    std::map<QTimer*, Alert> m_retries; // waiting for their next attempt
    bool m_finishing = false;
};

} // namespace ferry::alert
