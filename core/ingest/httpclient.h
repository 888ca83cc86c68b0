#pragma once

#include "core/config/config.h"
#include "core/ingest/httpverdict.h"
#include "core/util/clock.h"
#include "core/util/retrypolicy.h"
#include "core/util/stoptoken.h"

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QUrl>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace ferry::ingest {

struct HttpRequest
{
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QString key;      // the item the request is for ("AAPL", "octocat/hello-world#12"), for messages
    bool json = true; // a 2xx body that is not JSON (cut short) is a transient fault, tried again
};

struct HttpResponse
{
    int status = 0; // 0: no answer (network error, timeout)
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QString networkError;                  // when status is 0: why

    QByteArray header(const char* name) const { return headers.value(QByteArray(name)); }
    // A header holding an HTTP date ("Fri, 15 Jan 2027 08:00:20 GMT", or RFC 2822 with an offset), in
    // UTC; invalid when absent or malformed.
    QDateTime dateHeader(const char* name) const;
};

// What a request came to once the error policy (HttpVerdict, RetryPolicy) ran its course.
struct HttpOutcome
{
    enum class Kind {
        Ok,          // 2xx, or 304 for a conditional request
        Skipped,     // 400, 404 and other 4xx: this item is bad; the task goes on without it
        Failed,      // a transient fault or a rate limit on every try: this item failed this time
        Aborted,     // 401 or a refusing 403 (the credentials: the task stops), or a stop (shutting down)
        RateLimited, // the source asked for a wait longer than the policy's maxWaitSeconds: not fetched now
    };
    Kind kind = Kind::Failed;
    HttpResponse response; // the last one
    QString error;         // unless Ok: what happened, naming the item
    QStringList events;    // every retry and wait, e.g. "waiting 2.3 s: HTTP 502 (AAPL, try 2)"
    int attempts = 0;
    double waitedSeconds = 0;
    QDateTime limitedUntil; // RateLimited: when the source said it lifts

    bool ok() const { return kind == Kind::Ok; }
};

// An HTTP client for one source (one API), in the thread that owns it (a worker, never the GUI thread):
// at most `maxConcurrent` requests in flight, a timeout per request, gzip handled by Qt, and one error
// policy for every task — HttpVerdict says what an answer means, RetryPolicy how long to wait:
// - transient faults (5xx, no answer, a JSON body cut short) are retried after a backoff, during which
//   the request gives its slot to the next one: waiting does not hold capacity;
// - rate limits (429, GitHub's 403s) pause the whole source, not only the request that met them (the
//   API would refuse the others too), for as long as the server asked or the policy's pause (counted
//   from the burst's first limit for the requests sent before the pause began: one burst, one pause);
//   a pause longer than the policy's maxWaitSeconds is not made: that request and every other not yet
//   answered end RateLimited ("rate limited until 14:05 UTC"), and so does any later request until then;
// - 401 and other 403: Aborted, and the requests still queued in the same getAll end Aborted unsent;
//   other 4xx: Skipped.
// A stop (the StopToken) ends every wait at once — a backoff, a source pause — and the requests not
// yet sent end Aborted unsent; the requests in flight get `stopGraceMs` to finish, then are cancelled.
// Every wait and retry is listed in the outcome for the task's metadata; source pauses are also told
// to `onWait` as they begin.
// Qt (6.4) opens at most six HTTP/1.1 connections per host and QNetworkAccessManager and queues the rest
// inside; a limit above six therefore spreads the requests over ⌈maxConcurrent / 6⌉ managers, so that the
// limit is the concurrency the server sees.
class HttpClient : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        int maxConcurrent = 8;
        int timeoutMs = 30000;
        util::RetryPolicy retry = util::RetryPolicy::fromEnvironment();
        // Called by getAll after each request ends: how many of its requests are done, of how many.
        std::function<void(int done, int total)> progress;
        // Called when the source pauses for a rate limit: "waiting 60 s: secondary rate limit (…)".
        std::function<void(const QString& event)> onWait;
        util::StopToken stop; // shared with whoever may stop the run
        const util::Clock* clock = &util::Clock::system();
        int stopGraceMs = 500;

        // The options for one source: its concurrency and the caps of its `retry` config section; the
        // rest (timeout, backoff base, scale, callbacks, stop) as in `base`.
        static Options forSource(Options base, int concurrency, const config::RetryConfig& caps);
    };

    explicit HttpClient(Options options, QObject* parent = nullptr);
    ~HttpClient() override;

    using Done = std::function<void(const HttpOutcome&)>;
    void get(const HttpRequest& request, Done done);

    // Runs the requests and returns their outcomes in order, running an event loop until all are done.
    QList<HttpOutcome> getAll(const QList<HttpRequest>& requests);

    const util::Clock& clock() const { return *m_options.clock; }
    bool stopped() const { return m_stopped; }

private:
    struct Batch
    {
        QString abortReason; // set by the first Aborted outcome: its queued requests end Aborted unsent
    };
    struct Job
    {
        HttpRequest request;
        Done done;
        HttpOutcome outcome;
        std::shared_ptr<Batch> batch;
        int faults = 0;    // transient faults so far
        int limits = 0;    // rate limits so far
        qint64 sentMs = 0; // on m_monotonic: when its last try was sent
    };
    struct Lane
    {
        QNetworkAccessManager* network = nullptr;
        int inFlight = 0;
    };

    void enqueue(std::shared_ptr<Job> job, bool first);
    void pump();
    void start(std::shared_ptr<Job> job);
    void finished(const std::shared_ptr<Job>& job, QNetworkReply* reply);
    void retryAfterFault(const std::shared_ptr<Job>& job, const HttpVerdict& verdict);
    void waitForLimit(const std::shared_ptr<Job>& job, const HttpVerdict& verdict);
    void backOff(const std::shared_ptr<Job>& job, qint64 ms);
    void pauseSource(qint64 ms);
    bool maySend(const Job& job) const;
    void endUnsent(const std::shared_ptr<Job>& job);
    void onStop();
    void complete(const std::shared_ptr<Job>& job, HttpOutcome::Kind kind, const QString& error = QString());
    QString itemOf(const Job& job) const;
    QDateTime now() const { return m_options.clock->nowUtc(); }
    Lane& leastBusyLane();

    Options m_options;
    std::vector<Lane> m_lanes;
    QTimer* m_resume;                                 // the end of a source pause
    std::deque<std::shared_ptr<Job>> m_queue;         // not sent yet: waiting for a slot or the source
    std::map<QTimer*, std::shared_ptr<Job>> m_asleep; // backing off before a retry, holding no slot
    std::map<QNetworkReply*, std::shared_ptr<Job>> m_inFlight;
    QElapsedTimer m_monotonic;
    qint64 m_pausedUntilMs = 0; // on m_monotonic: the source is paused for a rate limit until then
    qint64 m_pauseBeganMs = 0;  // on m_monotonic: when the current pause began (its burst's first limit)
    QDateTime m_limitedUntil; // the source asked for a longer wait than the policy makes: nothing until then
    QString m_limitReason;    // why, for the requests ended RateLimited
    bool m_stopped = false;
    bool m_sweep = false; // the queue holds requests that may no longer be sent
};

} // namespace ferry::ingest
