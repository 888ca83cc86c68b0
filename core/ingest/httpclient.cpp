#include "core/ingest/httpclient.h"

#include "core/util/logging.h"

#include <algorithm>
#include <limits>
#include <QEventLoop>
#include <QLocale>
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
    if (r.status == 0)
        r.networkError = reply->errorString();
    return r;
}

QString secondsText(qint64 ms)
{
    const double s = double(ms) / 1000.0;
    return s >= 10 ? QString::number(qRound64(s)) : QString::number(s, 'f', 1);
}

QString clockText(const QDateTime& t)
{
    return t.toUTC().toString(QStringLiteral("HH:mm 'UTC'"));
}

const QString& stoppedReason()
{
    static const QString reason = QStringLiteral("stopped before the end (Ferry is shutting down)");
    return reason;
}

} // namespace

QDateTime HttpResponse::dateHeader(const char* name) const
{
    const QString text = QString::fromLatin1(header(name)).trimmed();
    if (text.isEmpty())
        return {};
    // Qt's RFC 2822 parser wants a numeric offset; HTTP dates end in "GMT" (RFC 9110, IMF-fixdate).
    QDateTime t = QLocale::c().toDateTime(text, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (t.isValid()) {
        t.setTimeSpec(Qt::UTC);
        return t;
    }
    t = QDateTime::fromString(text, Qt::RFC2822Date);
    return t.isValid() ? t.toUTC() : QDateTime();
}

HttpClient::Options HttpClient::Options::forSource(Options base, int concurrency,
                                                   const config::RetryConfig& caps)
{
    base.maxConcurrent = qMax(1, concurrency);
    base.retry.backoff.attempts = caps.tries;
    base.retry.rateLimitPauseSeconds = caps.rateLimitPauseSeconds;
    base.retry.rateLimitTries = caps.rateLimitTries;
    base.retry.maxWaitSeconds = caps.maxWaitSeconds;
    return base;
}

HttpClient::HttpClient(Options options, QObject* parent)
    : QObject(parent), m_options(std::move(options)), m_resume(new QTimer(this))
{
    const int managers =
        (qMax(1, m_options.maxConcurrent) + kConnectionsPerManager - 1) / kConnectionsPerManager;
    for (int i = 0; i < managers; ++i)
        m_lanes.push_back({new QNetworkAccessManager(this), 0});
    m_resume->setSingleShot(true);
    // Qt's default, a coarse timer, wakes within 5 % of its interval at a round time: a 10 s pause could end
    // half a second late.
    m_resume->setTimerType(Qt::PreciseTimer);
    connect(m_resume, &QTimer::timeout, this, &HttpClient::pump);
    m_monotonic.start();
    m_options.stop.whenStopped(this, [this] { onStop(); });
}

HttpClient::~HttpClient() = default;

void HttpClient::get(const HttpRequest& request, Done done)
{
    auto job = std::make_shared<Job>();
    job->request = request;
    job->done = std::move(done);
    job->batch = std::make_shared<Batch>();
    enqueue(std::move(job), false);
}

QList<HttpOutcome> HttpClient::getAll(const QList<HttpRequest>& requests)
{
    QList<HttpOutcome> outcomes(requests.size());
    qsizetype left = requests.size();
    QEventLoop loop;
    const auto batch = std::make_shared<Batch>();
    for (qsizetype i = 0; i < requests.size(); ++i) {
        auto job = std::make_shared<Job>();
        job->request = requests[i];
        job->batch = batch;
        job->done = [&, i](const HttpOutcome& o) {
            outcomes[i] = o;
            if (m_options.progress)
                m_options.progress(int(requests.size() - left + 1), int(requests.size()));
            if (--left == 0)
                loop.quit();
        };
        enqueue(std::move(job), false);
    }
    if (left > 0)
        loop.exec();
    return outcomes;
}

void HttpClient::enqueue(std::shared_ptr<Job> job, bool first)
{
    if (first)
        m_queue.push_front(std::move(job));
    else
        m_queue.push_back(std::move(job));
    pump();
}

bool HttpClient::maySend(const Job& job) const
{
    return !m_stopped && job.batch->abortReason.isEmpty() &&
           !(m_limitedUntil.isValid() && now() < m_limitedUntil);
}

// Ends a request that may not be sent: stopped, its batch aborted, or the source limited for long.
void HttpClient::endUnsent(const std::shared_ptr<Job>& job)
{
    if (m_stopped) {
        complete(job, HttpOutcome::Kind::Aborted, QStringLiteral("not sent: %1").arg(stoppedReason()));
    } else if (!job->batch->abortReason.isEmpty()) {
        complete(job, HttpOutcome::Kind::Aborted,
                 QStringLiteral("not sent: %1").arg(job->batch->abortReason));
    } else {
        job->outcome.limitedUntil = m_limitedUntil;
        complete(job, HttpOutcome::Kind::RateLimited,
                 QStringLiteral("%1: not fetched: rate limited until %2 (%3)")
                     .arg(itemOf(*job), clockText(m_limitedUntil), m_limitReason));
    }
}

void HttpClient::pump()
{
    if (!m_stopped && m_options.stop.stopRequested())
        onStop();
    if (m_sweep) { // a stop, an abort or a long limit: what may not be sent ends now, in order
        m_sweep = false;
        std::deque<std::shared_ptr<Job>> queue;
        queue.swap(m_queue); // taken out first: a `done` may queue more
        std::vector<std::shared_ptr<Job>> ended;
        for (std::shared_ptr<Job>& job : queue) {
            if (maySend(*job))
                m_queue.push_back(std::move(job));
            else
                ended.push_back(std::move(job));
        }
        for (auto it = m_asleep.begin(); it != m_asleep.end();) { // backing off: no need to wait
            if (maySend(*it->second)) {
                ++it;
                continue;
            }
            it->first->stop();
            it->first->deleteLater();
            ended.push_back(std::move(it->second));
            it = m_asleep.erase(it);
        }
        for (const std::shared_ptr<Job>& job : ended)
            endUnsent(job);
    }
    if (const qint64 pausedMs = m_pausedUntilMs - m_monotonic.elapsed(); pausedMs > 0) {
        m_resume->start(int(qMin<qint64>(pausedMs, std::numeric_limits<int>::max())));
        return;
    }
    while (int(m_inFlight.size()) < m_options.maxConcurrent && !m_queue.empty()) {
        std::shared_ptr<Job> job = std::move(m_queue.front());
        m_queue.pop_front();
        if (maySend(*job))
            start(std::move(job));
        else
            endUnsent(job);
    }
}

void HttpClient::start(std::shared_ptr<Job> job)
{
    ++job->outcome.attempts;
    job->sentMs = m_monotonic.elapsed();
    QNetworkRequest request(job->request.url);
    request.setTransferTimeout(m_options.timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    for (const auto& [name, value] : job->request.headers)
        request.setRawHeader(name, value);
    Lane& lane = leastBusyLane();
    ++lane.inFlight;
    QNetworkReply* reply = lane.network->get(request);
    m_inFlight.emplace(reply, job);
    connect(reply, &QNetworkReply::finished, this, [this, job, reply, &lane] {
        --lane.inFlight;
        m_inFlight.erase(reply);
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

QString HttpClient::itemOf(const Job& job) const
{
    return job.request.key.isEmpty() ? job.request.url.path() : job.request.key;
}

void HttpClient::finished(const std::shared_ptr<Job>& job, QNetworkReply* reply)
{
    reply->deleteLater();
    job->outcome.response = responseOf(reply);
    const HttpVerdict verdict = HttpVerdict::of(job->outcome.response, job->request.json, now());
    const QString item = itemOf(*job);
    switch (verdict.kind) {
    case HttpVerdict::Kind::Ok:
        complete(job, HttpOutcome::Kind::Ok);
        break;
    case HttpVerdict::Kind::Bad:
        complete(job, HttpOutcome::Kind::Skipped, QStringLiteral("%1: %2").arg(item, verdict.what));
        break;
    case HttpVerdict::Kind::Refused:
        complete(
            job, HttpOutcome::Kind::Aborted,
            QStringLiteral("%1: %2: the credentials were refused; check the token").arg(item, verdict.what));
        break;
    case HttpVerdict::Kind::Transient:
    case HttpVerdict::Kind::RateLimited:
        if (m_stopped)
            complete(job, HttpOutcome::Kind::Aborted, QStringLiteral("%1: %2").arg(item, stoppedReason()));
        else if (verdict.kind == HttpVerdict::Kind::Transient)
            retryAfterFault(job, verdict);
        else
            waitForLimit(job, verdict);
        break;
    }
    pump();
}

void HttpClient::retryAfterFault(const std::shared_ptr<Job>& job, const HttpVerdict& verdict)
{
    const util::RetryPolicy::Wait wait = m_options.retry.afterFault(++job->faults);
    if (wait.kind != util::RetryPolicy::Wait::Kind::Retry) {
        complete(job, HttpOutcome::Kind::Failed,
                 QStringLiteral("%1: %2 after %3 tries").arg(itemOf(*job), verdict.what).arg(job->faults));
        return;
    }
    job->outcome.events.append(QStringLiteral("waiting %1 s: %2 (%3, try %4)")
                                   .arg(secondsText(wait.ms), verdict.what, itemOf(*job))
                                   .arg(job->outcome.attempts + 1));
    job->outcome.waitedSeconds += double(wait.ms) / 1000.0;
    backOff(job, wait.ms);
}

// The request sleeps without holding a slot; when it wakes it is first in line.
void HttpClient::backOff(const std::shared_ptr<Job>& job, qint64 ms)
{
    auto* timer = new QTimer(this);
    timer->setSingleShot(true);
    timer->setTimerType(Qt::PreciseTimer);
    m_asleep.emplace(timer, job);
    connect(timer, &QTimer::timeout, this, [this, timer] {
        const auto it = m_asleep.find(timer);
        if (it == m_asleep.end())
            return;
        std::shared_ptr<Job> woken = std::move(it->second);
        m_asleep.erase(it);
        timer->deleteLater();
        enqueue(std::move(woken), true);
    });
    timer->start(int(qMin<qint64>(ms, std::numeric_limits<int>::max())));
}

void HttpClient::waitForLimit(const std::shared_ptr<Job>& job, const HttpVerdict& verdict)
{
    using Kind = util::RetryPolicy::Wait::Kind;
    const util::RetryPolicy::Wait wait = m_options.retry.afterRateLimit(++job->limits, verdict.waitMs);
    const QString item = itemOf(*job);
    if (wait.kind == Kind::GiveUp) {
        complete(job, HttpOutcome::Kind::Failed,
                 QStringLiteral("%1: %2 on %3 tries in a row").arg(item, verdict.what).arg(job->limits));
        return;
    }
    if (wait.kind == Kind::TooLong) {
        const QDateTime until = now().addMSecs(wait.ms);
        m_sweep = true;
        if (!m_limitedUntil.isValid() || until > m_limitedUntil) {
            m_limitedUntil = until;
            m_limitReason = QStringLiteral("%1, a wait of %2 s").arg(verdict.what, secondsText(wait.ms));
        }
        job->outcome.limitedUntil = m_limitedUntil;
        job->outcome.events.append(QStringLiteral("not waiting %1 s: %2 (%3): longer than %4 s")
                                       .arg(secondsText(wait.ms), verdict.what, item)
                                       .arg(m_options.retry.maxWaitSeconds));
        complete(job, HttpOutcome::Kind::RateLimited,
                 QStringLiteral("%1: rate limited until %2 (%3)")
                     .arg(item, clockText(m_limitedUntil), m_limitReason));
        return;
    }
    // The whole source waits. Only the request that moves the end of the pause accounts for it, so that
    // a burst of limits met at once counts its one wait once. A wait the server named counts from its
    // answer; the policy's own pause counts from the burst's first limit for a request sent before the
    // pause began: its limit is the same burst, answered later only because it was in flight.
    const qint64 nowMs = m_monotonic.elapsed();
    const bool paused = m_pausedUntilMs > nowMs;
    // (Nothing is sent while paused: sent in the millisecond the pause began is sent before it.)
    const bool sameBurst = paused && !verdict.waitMs && job->sentMs <= m_pauseBeganMs;
    const qint64 until = (sameBurst ? m_pauseBeganMs : nowMs) + wait.ms;
    if (!paused)
        m_pauseBeganMs = nowMs;
    const qint64 extendedMs = until - qMax(nowMs, m_pausedUntilMs);
    m_pausedUntilMs = qMax(m_pausedUntilMs, until);
    if (extendedMs > 0)
        job->outcome.waitedSeconds += double(extendedMs) / 1000.0;
    // Told once per pause: when one begins, or when a limit asks for a second or more beyond it.
    if (!paused || extendedMs >= 1000) {
        const QString event = QStringLiteral("waiting %1 s: %2 (%3, try %4)")
                                  .arg(secondsText(wait.ms), verdict.what, item)
                                  .arg(job->outcome.attempts + 1);
        job->outcome.events.append(event);
        qCInfo(lcIngest).noquote() << event;
        if (m_options.onWait)
            m_options.onWait(event);
    }
    m_queue.push_front(job); // first in line when the source resumes
}

void HttpClient::onStop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    m_sweep = true;
    m_resume->stop();
    m_pausedUntilMs = 0;
    pump(); // ends the queued and the sleeping ones
    if (m_inFlight.empty())
        return;
    // A timer of ours, not QTimer::singleShot: clang-analyzer takes the functor object singleShot hands
    // to Qt for a leak.
    auto* grace = new QTimer(this);
    grace->setSingleShot(true);
    connect(grace, &QTimer::timeout, this, [this, grace] {
        grace->deleteLater();
        std::vector<QNetworkReply*> replies;
        for (const auto& [reply, job] : m_inFlight)
            replies.push_back(reply);
        for (QNetworkReply* reply : replies)
            reply->abort();
    });
    grace->start(m_options.stopGraceMs);
}

void HttpClient::complete(const std::shared_ptr<Job>& job, HttpOutcome::Kind kind, const QString& error)
{
    job->outcome.kind = kind;
    job->outcome.error = error;
    if (kind == HttpOutcome::Kind::Aborted && !m_stopped && job->batch->abortReason.isEmpty()) {
        job->batch->abortReason = error;
        m_sweep = true;
    }
    const Done done = std::move(job->done);
    if (done)
        done(job->outcome);
}

} // namespace ferry::ingest
