#pragma once

#include "util/backoff.h"

#include <atomic>
#include <deque>
#include <functional>
#include <QByteArray>
#include <QDateTime>
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
    QString key; // the item the request is for ("AAPL", "octocat/hello-world#12"), for messages
};

struct HttpResponse
{
    int status = 0; // 0: no answer (network error, timeout)
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // names in lower case

    QByteArray header(const char* name) const { return headers.value(QByteArray(name)); }
};

// What a request came to once DESIGN.md's error policy ran its course.
struct HttpOutcome
{
    enum class Kind {
        Ok,      // 2xx, or 304 for a conditional request
        Skipped, // 400, 404 and other 4xx: this item is bad; the task goes on without it
        Failed,  // 5xx or no answer, every try used: this item failed this time
        Aborted, // 401, or 403 that is not a rate limit: the credentials are wrong; stop the task
    };
    Kind kind = Kind::Failed;
    HttpResponse response; // the last one
    QString error;         // for Skipped, Failed, Aborted: what happened, naming the item
    QStringList events;    // every retry and wait, e.g. "AAPL: HTTP 502, try 2 in 2.3 s"
    int attempts = 0;
    double waitedSeconds = 0;

    bool ok() const { return kind == Kind::Ok; }
};

// An HTTP client for one source (one API), in the thread that owns it (a worker, never the GUI thread):
// at most `maxConcurrent` requests in flight, a timeout per request, gzip handled by Qt, and the error
// policy of DESIGN.md —
// - 5xx and network errors: retried with the one backoff policy (2^n + U(0,1) s, `backoff.attempts`);
// - 429: waits `Retry-After` (seconds or an HTTP date; 10 s when absent);
// - 403 with `x-ratelimit-remaining: 0` or a "secondary rate limit" body: waits until
//   `x-ratelimit-reset`;
// - 401 and other 403: Aborted; 400, 404 and other 4xx: Skipped.
// Rate-limit waits pause the whole source, not only the request that met them: the API would refuse
// the others too. After an Aborted outcome, the requests still queued end Aborted without being sent.
// Every wait and retry is listed in the outcome for the task's metadata.
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
        util::Backoff backoff = util::Backoff::fromEnvironment();
        int defaultRetryAfterSeconds = 10;
        int maxRateLimitWaits = 10; // per request: a limit that never lifts ends as Failed
        double waitScale = 1.0;     // tests shrink the server-imposed waits (Retry-After, reset)
        // Called by getAll after each request ends: how many of its requests are done, of how many.
        std::function<void(int done, int total)> progress;
        // When it becomes true, requests not yet sent end Aborted unsent ("stopped"); those in flight
        // finish. Checked whenever a request ends or a wait is over.
        const std::atomic<bool>* stop = nullptr;
    };

    explicit HttpClient(Options options, QObject* parent = nullptr);
    ~HttpClient() override;

    using Done = std::function<void(const HttpOutcome&)>;
    void get(const HttpRequest& request, Done done);

    // Runs the requests and returns their outcomes in order, running an event loop until all are done.
    QList<HttpOutcome> getAll(const QList<HttpRequest>& requests);

private:
    struct Job
    {
        HttpRequest request;
        Done done;
        HttpOutcome outcome;
        int failures = 0;  // 5xx and network errors so far
        int rateWaits = 0; // 429 and rate-limit waits so far
    };

    void pump();
    void noteStop();
    void start(std::shared_ptr<Job> job);
    void finished(std::shared_ptr<Job> job, QNetworkReply* reply);
    void retryLater(std::shared_ptr<Job> job, int delayMs, const QString& why, bool pauseSource);
    void complete(std::shared_ptr<Job> job, HttpOutcome::Kind kind, const QString& error = QString());
    int rateLimitWaitMs(const HttpResponse& response) const;

    struct Lane
    {
        QNetworkAccessManager* network = nullptr;
        int inFlight = 0;
    };

    Lane& leastBusyLane();

    Options m_options;
    std::vector<Lane> m_lanes;
    QTimer* m_resume;
    std::deque<std::shared_ptr<Job>> m_queue;
    int m_active = 0;
    QDateTime m_pausedUntil;
    QString m_abortReason; // set by the first Aborted outcome: queued requests end Aborted unsent
};

} // namespace ferry::ingest
