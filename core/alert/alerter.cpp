#include "core/alert/alerter.h"

#include "core/alert/webhooksender.h"
#include "core/ingest/taskoutcome.h"
#include "core/sync/syncresult.h"
#include "core/util/logging.h"
#include "core/util/redact.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QSysInfo>
#include <QUrl>

namespace ferry::alert {

Alerter::Alerter(const config::AlertsConfig& config, QObject* parent, const util::Clock& clock)
    : QObject(parent), m_config(config), m_shutdownGraceMs(config.timeoutSeconds * 1000),
      m_url(resolveUrl(config)), m_rules(config.failingCycles, QSysInfo::machineHostName(), clock),
      m_limiter(config.rateLimitMinutes * 60, clock)
{
    qRegisterMetaType<Alert>();
    if (m_url.isEmpty())
        return;
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("ferry-alerts"));
    WebhookSender::Options options;
    options.url = m_url;
    options.timeoutMs = config.timeoutSeconds * 1000;
    m_sender = new WebhookSender(options);
    m_sender->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_sender, &QObject::deleteLater);
    connect(m_sender, &WebhookSender::idle, m_thread.get(), &QThread::quit, Qt::DirectConnection);
    // The rate limit counts an alert once the webhook took it (a failed one lets the next go out).
    connect(m_sender, &WebhookSender::delivered, this, [this](const Alert& a, int) {
        m_limiter.delivered(a);
        emit delivered(a);
    });
    connect(m_sender, &WebhookSender::failed, this, [this](const Alert& a, const QString& why) {
        m_limiter.failed(a);
        emit deliveryFailed(a, why);
    });
    m_thread->start();
}

Alerter::~Alerter()
{
    if (!m_thread)
        return;
    const int graceMs = m_shutdownGraceMs;
    WebhookSender* sender = m_sender;
    QMetaObject::invokeMethod(
        sender, [sender, graceMs] { sender->finish(graceMs); }, Qt::QueuedConnection);
    if (!m_thread->wait(QDeadlineTimer(graceMs + 1000))) {
        m_thread->quit(); // the sender's destructor cancels what is left
        m_thread->wait();
    }
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall); // the last outcomes reach the limit's file
}

QString Alerter::resolveUrl(const config::AlertsConfig& config)
{
    if (config.webhookUrlEnv.isEmpty())
        return config.webhookUrl;
    QString url = qEnvironmentVariable(config.webhookUrlEnv.toUtf8().constData());
    const QUrl parsed(url, QUrl::StrictMode);
    if (url.isEmpty())
        qCWarning(lcAlert).noquote() << "alerts.webhook_url_env:" << config.webhookUrlEnv
                                     << "is not set: no webhook";
    else if (!parsed.isValid() || (parsed.scheme() != u"http" && parsed.scheme() != u"https") ||
             parsed.host().isEmpty())
        qCWarning(lcAlert).noquote() << "alerts.webhook_url_env:" << config.webhookUrlEnv
                                     << "does not hold an http(s) URL: no webhook";
    else
        return url;
    return {};
}

QString Alerter::webhook() const
{
    return m_url.isEmpty() ? QString() : util::Redact::webhook(m_url);
}

void Alerter::taskFinished(const QString& task, const ingest::TaskOutcome& outcome)
{
    if (std::optional<Alert> alert = m_rules.taskFinished(task, outcome))
        raise(*alert);
}

void Alerter::cycleFinished(const sync::SyncResult& result)
{
    for (const Alert& alert : m_rules.cycleFinished(result))
        raise(alert);
}

void Alerter::startFailed(const QString& why)
{
    raise(m_rules.startFailed(why));
}

void Alerter::raise(Alert alert)
{
    if (!m_limiter.admit(alert)) {
        qCInfo(lcAlert).noquote() << "held back by the rate limit:" << alert.key();
        emit heldBack(alert);
        return;
    }
    emit raised(alert);
    if (!m_sender) {
        m_limiter.delivered(alert); // shown (the tray), and nowhere else to go
        return;
    }
    WebhookSender* sender = m_sender;
    QMetaObject::invokeMethod(
        sender, [sender, alert] { sender->send(alert); }, Qt::QueuedConnection);
}

} // namespace ferry::alert
