#include "ingest/httpclient.h"

#include <algorithm>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace ferry::ingest {
namespace {

// QHttpNetworkConnectionPrivate::defaultHttpChannelCount: the connections one manager opens to one host.
constexpr int kConnectionsPerManager = 6;

HttpResponse responseOf(QNetworkReply* reply)
{
    HttpResponse r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->isOpen() ? reply->readAll() : QByteArray(); // closed after a timeout
    for (const QNetworkReply::RawHeaderPair& h : reply->rawHeaderPairs())
        r.headers.insert(h.first.toLower(), h.second);
    return r;
}

bool isRateLimit403(const HttpResponse& r)
{
    return r.status == 403 &&
           (r.header("x-ratelimit-remaining") == "0" || r.body.toLower().contains("secondary rate limit"));
}

} // namespace

HttpClient::HttpClient(Options options, QObject* parent)
    : QObject(parent), m_options(options), m_resume(new QTimer(this))
{
    const int managers =
        (qMax(1, m_options.maxConcurrent) + kConnectionsPerManager - 1) / kConnectionsPerManager;
    for (int i = 0; i < managers; ++i)
        m_lanes.push_back({new QNetworkAccessManager(this), 0});
    m_resume->setSingleShot(true);
    connect(m_resume, &QTimer::timeout, this, &HttpClient::pump);
}

HttpClient::~HttpClient() = default;

void HttpClient::get(const HttpRequest& request, Done done)
{
    auto job = std::make_shared<Job>();
    job->request = request;
    job->done = std::move(done);
    m_queue.push_back(std::move(job));
    pump();
}

QList<HttpOutcome> HttpClient::getAll(const QList<HttpRequest>& requests)
{
    QList<HttpOutcome> outcomes(requests.size());
    qsizetype left = requests.size();
    QEventLoop loop;
    for (qsizetype i = 0; i < requests.size(); ++i) {
        get(requests[i], [&, i](const HttpOutcome& o) {
            outcomes[i] = o;
            if (m_options.progress)
                m_options.progress(int(requests.size() - left + 1), int(requests.size()));
            if (--left == 0)
                loop.quit();
        });
    }
    if (left > 0)
        loop.exec();
    return outcomes;
}

void HttpClient::noteStop()
{
    if (m_options.stop && m_options.stop->load() && m_abortReason.isEmpty())
        m_abortReason = QStringLiteral("stopped before the end (Ferry is shutting down)");
}

void HttpClient::pump()
{
    noteStop();
    while (!m_abortReason.isEmpty() && !m_queue.empty()) {
        std::shared_ptr<Job> job = std::move(m_queue.front());
        m_queue.pop_front();
        complete(std::move(job), HttpOutcome::Kind::Aborted,
                 QStringLiteral("not sent: %1").arg(m_abortReason));
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (m_pausedUntil.isValid() && now < m_pausedUntil) {
        m_resume->start(int(qMax<qint64>(1, now.msecsTo(m_pausedUntil))));
        return;
    }
    while (m_active < m_options.maxConcurrent && !m_queue.empty()) {
        std::shared_ptr<Job> job = std::move(m_queue.front());
        m_queue.pop_front();
        start(std::move(job));
    }
}

void HttpClient::start(std::shared_ptr<Job> job)
{
    ++m_active;
    ++job->outcome.attempts;
    QNetworkRequest request(job->request.url);
    request.setTransferTimeout(m_options.timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    for (const auto& [name, value] : job->request.headers)
        request.setRawHeader(name, value);
    Lane& lane = leastBusyLane();
    ++lane.inFlight;
    QNetworkReply* reply = lane.network->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, job, reply, &lane] {
        --lane.inFlight;
        finished(job, reply);
    });
}

// The least busy manager has a free connection whenever fewer than maxConcurrent requests are in flight:
// there are enough managers for six each.
HttpClient::Lane& HttpClient::leastBusyLane()
{
    return *std::min_element(m_lanes.begin(), m_lanes.end(),
                             [](const Lane& a, const Lane& b) { return a.inFlight < b.inFlight; });
}

int HttpClient::rateLimitWaitMs(const HttpResponse& r) const
{
    qint64 seconds = m_options.defaultRetryAfterSeconds;
    if (r.status == 429) {
        const QByteArray retryAfter = r.header("retry-after").trimmed();
        bool numeric = false;
        const qint64 value = retryAfter.toLongLong(&numeric);
        if (numeric)
            seconds = value;
        else if (const QDateTime at = QDateTime::fromString(QString::fromLatin1(retryAfter), Qt::RFC2822Date);
                 at.isValid())
            seconds = QDateTime::currentDateTimeUtc().secsTo(at);
    } else {
        bool numeric = false;
        const qint64 reset = r.header("x-ratelimit-reset").toLongLong(&numeric);
        if (numeric)
            seconds = reset - QDateTime::currentSecsSinceEpoch() + 1; // reset is in whole seconds
    }
    return int(double(qBound(qint64(0), seconds, qint64(3600))) * 1000 * m_options.waitScale);
}

void HttpClient::finished(std::shared_ptr<Job> job, QNetworkReply* reply)
{
    reply->deleteLater();
    --m_active;
    HttpResponse r = responseOf(reply);
    const bool noAnswer = r.status == 0;
    const QString item = job->request.key.isEmpty() ? job->request.url.path() : job->request.key;
    job->outcome.response = std::move(r);
    const HttpResponse& response = job->outcome.response;
    if (noAnswer || response.status >= 500) {
        const QString what = noAnswer ? reply->errorString() : QStringLiteral("HTTP %1").arg(response.status);
        if (++job->failures < m_options.backoff.attempts)
            retryLater(job, m_options.backoff.delayMs(job->failures),
                       QStringLiteral("%1: %2").arg(item, what), false);
        else
            complete(job, HttpOutcome::Kind::Failed,
                     QStringLiteral("%1: %2 after %3 tries").arg(item, what).arg(job->failures));
    } else if (response.status == 429 || isRateLimit403(response)) {
        const QString what = response.status == 429 ? QStringLiteral("HTTP 429 (Retry-After)")
                                                    : QStringLiteral("rate limit (until x-ratelimit-reset)");
        if (++job->rateWaits <= m_options.maxRateLimitWaits)
            retryLater(job, rateLimitWaitMs(response), QStringLiteral("%1: %2").arg(item, what), true);
        else
            complete(job, HttpOutcome::Kind::Failed, QStringLiteral("%1: still rate limited").arg(item));
    } else if (response.status == 401 || response.status == 403) {
        complete(job, HttpOutcome::Kind::Aborted,
                 QStringLiteral("%1: HTTP %2: the credentials were refused; check the token")
                     .arg(item)
                     .arg(response.status));
    } else if (response.status >= 400) {
        complete(job, HttpOutcome::Kind::Skipped,
                 QStringLiteral("%1: HTTP %2").arg(item).arg(response.status));
    } else {
        complete(job, HttpOutcome::Kind::Ok);
    }
    pump();
}

void HttpClient::retryLater(std::shared_ptr<Job> job, int delayMs, const QString& why, bool pauseSource)
{
    job->outcome.events.append(QStringLiteral("%1, try %2 in %3 s")
                                   .arg(why)
                                   .arg(job->outcome.attempts + 1)
                                   .arg(delayMs / 1000.0, 0, 'f', 1));
    job->outcome.waitedSeconds += delayMs / 1000.0;
    if (pauseSource) {
        const QDateTime until = QDateTime::currentDateTimeUtc().addMSecs(delayMs);
        if (!m_pausedUntil.isValid() || until > m_pausedUntil)
            m_pausedUntil = until;
        m_queue.push_front(std::move(job)); // first in line when the source resumes
        return;
    }
    ++m_active; // its slot stays taken while it waits
    QTimer::singleShot(delayMs, this, [this, job] {
        --m_active;
        noteStop();
        if (!m_abortReason.isEmpty()) { // aborted or stopped while it waited: not sent again
            complete(job, HttpOutcome::Kind::Aborted, QStringLiteral("not sent: %1").arg(m_abortReason));
            pump();
            return;
        }
        start(job);
    });
}

void HttpClient::complete(std::shared_ptr<Job> job, HttpOutcome::Kind kind, const QString& error)
{
    job->outcome.kind = kind;
    job->outcome.error = error;
    if (kind == HttpOutcome::Kind::Aborted && m_abortReason.isEmpty())
        m_abortReason = error;
    const Done done = std::move(job->done);
    done(job->outcome);
}

} // namespace ferry::ingest
