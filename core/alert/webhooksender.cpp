#include "core/alert/webhooksender.h"

#include "core/util/logging.h"
#include "core/util/redact.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace ferry::alert {

WebhookSender::WebhookSender(Options options, QObject* parent)
    : QObject(parent), m_options(std::move(options))
{
}

WebhookSender::~WebhookSender()
{
    for (auto& [reply, attempt] : m_inFlight) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void WebhookSender::send(const Alert& alert)
{
    if (m_finishing) {
        giveUp(alert, 0, QStringLiteral("not sent: Ferry is stopping"));
        return;
    }
    post(alert, 1);
}

void WebhookSender::post(const Alert& alert, int number)
{
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    QNetworkRequest request{QUrl(m_options.url)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("ferry-alerts"));
    QNetworkReply* reply =
        m_network->post(request, QJsonDocument(alert.payload()).toJson(QJsonDocument::Compact));
    // A hard deadline per attempt: a receiver that accepts and never answers, or answers byte by byte,
    // does not hold the alert (or Ferry's shutdown) longer than this.
    auto* deadline = new QTimer(this);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, reply, [reply] { reply->abort(); });
    deadline->start(m_options.timeoutMs);
    m_inFlight.emplace(reply, Attempt{alert, number, deadline});
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
}

void WebhookSender::onFinished(QNetworkReply* reply)
{
    reply->deleteLater();
    const auto it = m_inFlight.find(reply);
    if (it == m_inFlight.end())
        return;
    const Attempt attempt = it->second;
    m_inFlight.erase(it);
    const bool timedOut = !attempt.deadline->isActive();
    attempt.deadline->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 200 && status < 300) {
        qCInfo(lcAlert).noquote() << "webhook" << util::Redact::webhook(m_options.url) << "took"
                                  << attempt.alert.key();
        emit delivered(attempt.alert, attempt.number);
        checkIdle();
        return;
    }
    const QString why = status > 0 ? QStringLiteral("HTTP %1").arg(status)
                        : timedOut ? QStringLiteral("no answer within %1 s").arg(m_options.timeoutMs / 1000.0)
                                   : redacted(reply->errorString());
    const bool worthRetrying = status == 0 || status == 429 || status >= 500;
    if (!worthRetrying || attempt.number >= m_options.tries || m_finishing) {
        giveUp(attempt.alert, attempt.number, why);
        return;
    }
    auto* wait = new QTimer(this);
    wait->setSingleShot(true);
    m_retries.emplace(wait, attempt.alert);
    connect(wait, &QTimer::timeout, this, [this, wait, number = attempt.number] {
        const Alert alert = m_retries.at(wait);
        m_retries.erase(wait);
        wait->deleteLater();
        post(alert, number + 1);
    });
    wait->start(m_options.backoff.delayMs(attempt.number));
}

void WebhookSender::giveUp(const Alert& alert, int attempts, const QString& why)
{
    const QString message = attempts > 0 ? QStringLiteral("%1 (%2 tries)").arg(why).arg(attempts) : why;
    qCWarning(lcAlert).noquote() << "webhook" << util::Redact::webhook(m_options.url) << "did not take"
                                 << alert.key() + u':' << message;
    emit failed(alert, message);
    checkIdle();
}

void WebhookSender::finish(int graceMs)
{
    m_finishing = true;
    const std::map<QTimer*, Alert> waiting = std::exchange(m_retries, {});
    for (const auto& [timer, alert] : waiting) {
        delete timer;
        giveUp(alert, 0, QStringLiteral("not sent again: Ferry is stopping"));
    }
    for (auto& [reply, attempt] : m_inFlight)
        attempt.deadline->start(qMax(0, qMin(graceMs, attempt.deadline->remainingTime())));
    checkIdle();
}

void WebhookSender::checkIdle()
{
    if (m_finishing && m_inFlight.empty() && m_retries.empty())
        emit idle();
}

// Qt's messages name the URL ("Error transferring https://hooks…/T0/B0/secret - server replied: …").
QString WebhookSender::redacted(const QString& text) const
{
    QString out = text;
    out.replace(m_options.url, util::Redact::webhook(m_options.url));
    return out;
}

} // namespace ferry::alert
