// Ingestion benchmarks. Not a test: it prints figures, each against a floor or a peer measured in the
// same run, and PASS/FAIL against the target of the issue.
//
//   pg_virtualenv build/tests/bench/bench_ingest          # everything, on PostgreSQL
//   build/tests/bench/bench_ingest market                 # or dcf, faults, github, upsert; SQLite unless
//                                                         # PGHOST is set
//   build/tests/bench/bench_ingest faults market          # one task of the fault mix (or dcf)
//   FERRY_BENCH_REPEAT=1 build/tests/bench/bench_ingest   # runs of each part (default 3; best counts)
//
// market, dcf: the real tasks over 2,600 tickers against a local FMP-like server (in its own thread) that
// answers every request after 100 ms. With `concurrency` requests in flight the floor is
// ⌈2600 / concurrency⌉ × 0.1 s; the target is 1.25 × the floor.
// faults: the same two tasks against the same server with a fixed, seeded fault mix (13 tickers answered
// 400, 10 answered 500 twice, 5 bodies cut short once, 429s with Retry-After: 1 for a second from a
// quarter of the requests on, and bare 429s for 5 s from 60 % on). The reference is the floor of the
// requests the server answered plus the waits the server asked for: 1 s, and for the bare 429s the
// source's documented pause (FMP: 10 s); the target is 1.25 × that. The soonest end the backoff allowed
// (the last faulty ticker's first try, plus 2 and 4 backoff bases before its retries) is printed beside it.
// github: the github task over 50 repositories of 12 pull requests (first sync: the list, 12 reviews at 8
// in flight, the ETag probe) against a GitHub-like server answering after 50 ms, fault-free, then with one
// secondary-limit answer (retry-after: 3) and one primary-limit exhaustion with a 5 s reset; the
// reference is the floor of the rounds of requests plus the waits the limits asked for.
// upsert: Store::upsertPrices of 1,000,000 rows into an empty stock_prices, against a plain COPY of the
// same rows (libpq; the text made before the clock starts) into an empty table of the same definition,
// primary key included; the target is ≥ 0.5 × the rows/s of COPY. Then the same rows again over the
// first ones (every key present), against the same COPY figure.

#include "core/ingest/dcftask.h"
#include "core/ingest/githubtask.h"
#include "core/ingest/markettask.h"
#include "core/store/postgresstore.h"
#include "core/store/sqlitestore.h"
#include "core/util/retrypolicy.h"
#include "tests/support/fakeapithread.h"
#include "tests/support/fakegithub.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <libpq-fe.h>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSet>
#include <QTemporaryDir>
#include <QThread>
#include <QUrl>
#include <QUuid>
#include <random>

using namespace ferry;

namespace {

const QDateTime kNow(QDate(2026, 11, 23), QTime(5, 0), Qt::UTC);

double seconds(const QElapsedTimer& t)
{
    return double(t.nsecsElapsed()) / 1e9;
}

struct Runs
{
    QList<double> values;
    double best(bool lowest) const
    {
        return lowest ? *std::min_element(values.begin(), values.end())
                      : *std::max_element(values.begin(), values.end());
    }
    QString spread(const char* unit, int precision) const
    {
        const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
        return QStringLiteral("%1 runs: %2–%3 %4")
            .arg(values.size())
            .arg(*lo, 0, 'f', precision)
            .arg(*hi, 0, 'f', precision)
            .arg(QString::fromLatin1(unit));
    }
};

int repeats()
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue("FERRY_BENCH_REPEAT", &ok);
    return ok && n > 0 ? n : 3;
}

// A database of its own on the PostgreSQL of libpq's environment (pg_virtualenv), dropped at the end.
class BenchDatabase
{
public:
    static bool available() { return !qEnvironmentVariableIsEmpty("PGHOST"); }
    BenchDatabase()
        : m_name(QStringLiteral("ferry_bench_") + QUuid::createUuid().toString(QUuid::Id128).left(12))
    {
        if (const Status s =
                store::PostgresStore(QString(), 3).execute(QStringLiteral("CREATE DATABASE ") + m_name);
            !s)
            qFatal("cannot create the benchmark database: %s", qPrintable(s.message()));
    }
    ~BenchDatabase()
    {
        (void)store::PostgresStore(QString(), 3)
            .execute(QStringLiteral("DROP DATABASE %1 WITH (FORCE)").arg(m_name));
    }
    QString conninfo() const { return QStringLiteral("dbname=") + m_name; }

private:
    QString m_name;
};

// The store the market and dcf parts write to: PostgreSQL when PGHOST is set, else SQLite in a temp dir.
struct TaskStore
{
    QTemporaryDir dir;
    std::unique_ptr<BenchDatabase> pg;
    std::unique_ptr<store::Store> store;

    TaskStore()
    {
        if (BenchDatabase::available()) {
            pg = std::make_unique<BenchDatabase>();
            store = std::make_unique<store::PostgresStore>(pg->conninfo());
        } else {
            store = std::make_unique<store::SqliteStore>(dir.path() + QStringLiteral("/ferry.sqlite"));
        }
        if (const Status s = store->open(); !s)
            qFatal("cannot open the store: %s", qPrintable(s.message()));
    }
};

// FMP's answers: five days of prices, or one valuation, for any symbol.
test::FakeApi::Reply fmp(const test::FakeApi::Request& r)
{
    const QByteArray symbol = r.path.mid(r.path.lastIndexOf('/') + 1).split('?').value(0);
    QByteArray body;
    if (r.path.contains("/discounted-cash-flow/")) {
        body =
            R"([{"symbol": ")" + symbol + R"(", "date": "2026-11-20", "dcf": 123.45, "Stock Price": 101.5}])";
    } else {
        body = R"({"symbol": ")" + symbol + R"(", "historical": [)";
        for (int d = 0; d < 5; ++d)
            body += (d ? "," : "") + QByteArray(R"({"date": "2026-11-)") + QByteArray::number(20 - d) +
                    R"(", "open": 10.5, "high": 11.25, "low": 9.75, "close": 10.875, "volume": 1234567})";
        body += "]}";
    }
    return {200, {{"Content-Type", "application/json"}}, body, 100};
}

void benchTask(const QString& task)
{
    constexpr int kTickers = 2600;
    TaskStore s;
    QStringList symbols;
    for (int i = 0; i < kTickers; ++i)
        symbols << QStringLiteral("T%1").arg(i, 4, 10, QLatin1Char('0'));
    if (!s.store->replaceTickers(symbols, kNow))
        qFatal("cannot store the tickers");
    test::FakeApiThread api(fmp);
    config::MarketSource market; // the defaults: concurrency 50, dcf_concurrency 10, 5 days
    market.apiUrl = QString::fromLatin1(api.baseUrl());
    const bool isMarket = task == u"market";
    const int concurrency = isMarket ? market.concurrency : market.dcfConcurrency;
    const double floor = std::ceil(double(kTickers) / concurrency) * 0.1, target = 1.25;
    std::printf("%s: %d tickers, 100 ms per answer, concurrency %d, %s store\n", qPrintable(task), kTickers,
                concurrency, qPrintable(s.store->backendName()));
    Runs runs;
    for (int i = 0; i < repeats(); ++i) {
        QElapsedTimer t;
        t.start();
        const ingest::TaskOutcome o =
            isMarket ? ingest::MarketTask::run(*s.store, market, QStringLiteral("key"), {}, kNow)
                     : ingest::DcfTask::run(*s.store, market, QStringLiteral("key"), {}, kNow);
        runs.values.append(seconds(t));
        const int expected = isMarket ? kTickers * 5 : kTickers;
        std::printf("  run %d: %.3f s, %s, %d rows\n", i + 1, runs.values.last(), qPrintable(o.status),
                    o.rowsUpdated);
        if (o.rowsUpdated != expected)
            std::printf("  WRONG: %d rows stored, expected %d (%s)\n", o.rowsUpdated, expected,
                        qPrintable(o.error));
    }
    const double best = runs.best(true);
    std::printf(
        "%-7s over %d tickers  %7.3f s   floor %6.3f s   ratio %5.2f   target <= %.2f (<= %.2f s)   %s"
        "   (best; %s; server saw %d at once)\n",
        qPrintable(task), kTickers, best, floor, best / floor, target, target * floor,
        best <= target * floor ? "PASS" : "FAIL", qPrintable(runs.spread("s", 2)), api.maxConcurrent());
    std::fflush(stdout);
}

int tickerOf(const QByteArray& path)
{
    return path.mid(path.lastIndexOf('/') + 1).split('?').value(0).mid(1).toInt();
}

// The fault mix, fixed by its seed: which tickers are bad (400 every time), flaky (500 twice, then fine)
// or cut short once, and where the two bursts of 429s begin (by request number). A burst is a window of
// time, as a server's limiter has: every request within it is refused (the requests in flight when it
// opens, at least), 1 s with Retry-After: 1, and 5 s of bare 429s (the client's pause, 10 s, covers it).
struct FaultMix
{
    static constexpr qint64 kRetryAfterWindowMs = 1000, kBareWindowMs = 5000;
    QSet<int> bad, flaky, cut;
    int burstWithRetryAfter = 0, burstBare = 0;

    static FaultMix seeded(quint32 seed, int tickers)
    {
        std::mt19937 random(seed);
        std::uniform_int_distribution<int> pick(0, tickers - 1);
        FaultMix mix;
        const auto draw = [&](QSet<int>& into, int n) {
            while (into.size() < n)
                if (const int i = pick(random);
                    !mix.bad.contains(i) && !mix.flaky.contains(i) && !mix.cut.contains(i))
                    into.insert(i);
        };
        draw(mix.bad, 13);
        draw(mix.flaky, 10);
        draw(mix.cut, 5);
        mix.burstWithRetryAfter = tickers / 4;
        mix.burstBare = tickers * 6 / 10;
        return mix;
    }

    // When each flaky or cut ticker was first asked for (ms since the epoch), filled in by the handler.
    using FirstTries = std::shared_ptr<QHash<int, qint64>>;

    // The server's answers under this mix; its counters are its own (one server per run).
    test::FakeApi::Handler handler(const FirstTries& firstTries) const
    {
        struct State
        {
            int served = 0;
            QHash<QByteArray, int> tries;
            qint64 retryAfterUntil = -1, bareUntil = -1; // ms since the epoch
        };
        auto state = std::make_shared<State>();
        return [mix = *this, state, firstTries](const test::FakeApi::Request& r) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            const int n = ++state->served, i = tickerOf(r.path);
            const int tried = ++state->tries[r.path.split('?').value(0)];
            if (n == mix.burstWithRetryAfter + 1)
                state->retryAfterUntil = now + kRetryAfterWindowMs;
            if (n == mix.burstBare + 1)
                state->bareUntil = now + kBareWindowMs;
            if (now < state->retryAfterUntil)
                return test::FakeApi::Reply{429, {{"Retry-After", "1"}}, "Too Many Requests", 100};
            if (now < state->bareUntil)
                return test::FakeApi::Reply{429, {}, "Limit Reach. Please upgrade your plan.", 100};
            if (mix.bad.contains(i))
                return test::FakeApi::Reply{400, {}, R"({"Error Message": "unknown symbol"})", 100};
            if ((mix.flaky.contains(i) || mix.cut.contains(i)) && !firstTries->contains(i))
                firstTries->insert(i, now);
            if (mix.flaky.contains(i) && tried <= 2)
                return test::FakeApi::Reply{500, {}, "Internal Server Error", 100};
            test::FakeApi::Reply reply = fmp(r);
            if (mix.cut.contains(i) && tried == 1)
                reply.body.truncate(reply.body.size() / 2);
            return reply;
        };
    }

    // The soonest the run can end once the faulty tickers were first asked for, under the backoff policy
    // (retry n waits at least 2^n × base, the HTTP base of 0.5 s unless FERRY_RETRY_BASE_MS says otherwise):
    // a flaky one needs two retries (2 + 4 bases) and three answers, a cut one a retry (2 bases) and two
    // answers; seconds from `start`.
    double backoffBound(const QHash<int, qint64>& firstTries, qint64 start) const
    {
        const double base = util::RetryPolicy::fromEnvironment().backoff.baseMs / 1000.0;
        double bound = 0;
        for (auto it = firstTries.begin(); it != firstTries.end(); ++it) {
            const double chain = flaky.contains(it.key()) ? (2 + 4) * base + 0.3 : 2 * base + 0.2;
            bound = std::max(bound, double(it.value() - start) / 1000.0 + chain);
        }
        return bound;
    }
};

void benchTaskFaults(const QString& task)
{
    constexpr int kTickers = 2600;
    const FaultMix mix = FaultMix::seeded(15, kTickers);
    const bool isMarket = task == u"market";
    config::MarketSource market; // the defaults: concurrency 50, dcf_concurrency 10, 5 days, FMP's 10 s pause
    const int concurrency = isMarket ? market.concurrency : market.dcfConcurrency;
    const double asked = 1.0 + market.retry.rateLimitPauseSeconds, target = 1.25;
    std::printf(
        "%s with faults: %d tickers, 100 ms per answer, concurrency %d; %d bad, %d answered 500 twice, "
        "%d cut short once, 429s with Retry-After: 1 for 1 s from request %d, bare 429s for 5 s from "
        "request %d (seed 15)\n",
        qPrintable(task), kTickers, concurrency, int(mix.bad.size()), int(mix.flaky.size()),
        int(mix.cut.size()), mix.burstWithRetryAfter + 1, mix.burstBare + 1);
    Runs runs, bounds, references; // each run's own: its requests differ a little (429s, retries)
    for (int i = 0; i < repeats(); ++i) {
        TaskStore s;
        QStringList symbols;
        for (int k = 0; k < kTickers; ++k)
            symbols << QStringLiteral("T%1").arg(k, 4, 10, QLatin1Char('0'));
        if (!s.store->replaceTickers(symbols, kNow))
            qFatal("cannot store the tickers");
        const auto firstTries = std::make_shared<QHash<int, qint64>>();
        test::FakeApiThread api(mix.handler(firstTries));
        market.apiUrl = QString::fromLatin1(api.baseUrl());
        const qint64 start = QDateTime::currentMSecsSinceEpoch();
        QElapsedTimer t;
        t.start();
        const ingest::TaskOutcome o =
            isMarket ? ingest::MarketTask::run(*s.store, market, QStringLiteral("key"), {}, kNow)
                     : ingest::DcfTask::run(*s.store, market, QStringLiteral("key"), {}, kNow);
        runs.values.append(seconds(t));
        const double floor = std::ceil(double(api.requests()) / concurrency) * 0.1; // (synchronizes)
        references.values.append(floor + asked);
        bounds.values.append(std::max(floor + asked, mix.backoffBound(*firstTries, start)));
        const int good = kTickers - int(mix.bad.size());
        std::printf(
            "  run %d: %.3f s, %s, %d rows, %d requests (floor %.1f s), %d retries, %d skipped, %d failed, "
            "waited %.1f s; the backoff of the last faulty tickers allowed %.1f s at best\n",
            i + 1, runs.values.last(), qPrintable(o.status), o.rowsUpdated, api.requests(), floor,
            o.metadata.value(QStringLiteral("retries")).toInt(), o.skippedUnits, o.failedUnits,
            o.metadata.value(QStringLiteral("waited_seconds")).toDouble(), bounds.values.last());
        if (o.rowsUpdated != (isMarket ? good * 5 : good) || o.failedUnits != 0)
            std::printf("  WRONG: %d rows stored, expected %d (%s)\n", o.rowsUpdated,
                        isMarket ? good * 5 : good, qPrintable(o.error));
    }
    const double best = runs.best(true);
    const qsizetype bestRun = runs.values.indexOf(best);
    const double reference = references.values[bestRun];
    std::printf(
        "%-7s with faults  %7.3f s   floor + waits asked %6.3f s (%.1f s + %.0f s)   ratio %5.2f   target "
        "<= %.2f   %s   (best; %s; against the soonest end the backoff allowed, %.1f s: %.2f)\n",
        qPrintable(task), best, reference, reference - asked, asked, best / reference, target,
        best <= target * reference ? "PASS" : "FAIL", qPrintable(runs.spread("s", 2)), bounds.values[bestRun],
        best / bounds.values[bestRun]);
    std::fflush(stdout);
}

// A FakeGithub in a thread of its own (the task keeps the bench's thread busy); calls run there.
class GithubServer
{
public:
    GithubServer()
    {
        m_thread.start();
        m_context = new QObject;
        m_context->moveToThread(&m_thread);
        call([this] { m_github = new test::FakeGithub; });
    }
    ~GithubServer()
    {
        call([this] {
            delete m_github;
            delete m_context;
        });
        m_thread.quit();
        m_thread.wait();
    }
    template <typename F>
    void call(F f)
    {
        QMetaObject::invokeMethod(m_context, f, Qt::BlockingQueuedConnection);
    }
    test::FakeGithub& github() { return *m_github; } // only inside call()

private:
    QThread m_thread;
    QObject* m_context = nullptr;
    test::FakeGithub* m_github = nullptr;
};

void benchGithub(bool faults)
{
    constexpr int kRepositories = 50, kPulls = 12, kLatencyMs = 50;
    config::GithubSource source; // the defaults: concurrency 8, a minute's pause, a 15-minute cap
    const int rounds = kRepositories * (1 + (kPulls + source.concurrency - 1) / source.concurrency + 1);
    std::printf(
        "github%s: %d repositories of %d pull requests (first sync), %d ms per answer, concurrency %d%s\n",
        faults ? " with faults" : "", kRepositories, kPulls, kLatencyMs, source.concurrency,
        faults ? "; a secondary limit (403, retry-after: 3) on the 11th repository's list, the primary "
                 "limit exhausted after 420 requests (reset in 5 s)"
               : "");
    QStringList names;
    for (int r = 0; r < kRepositories; ++r)
        names << QStringLiteral("acme/r%1").arg(r, 2, 10, QLatin1Char('0'));
    source.repositories = names;
    Runs runs, references, waits; // each run's own: the primary limit's reset is in whole seconds
    for (int i = 0; i < repeats(); ++i) {
        TaskStore s;
        GithubServer server;
        server.call([&] {
            test::FakeGithub& github = server.github();
            github.setLatencyMs(kLatencyMs);
            for (const QString& name : names)
                github.addRepository(name, kPulls, 0, kNow.addDays(-30));
            if (faults) {
                github.secondaryLimitNext("/repos/acme/r10/pulls?", 403, 3);
                github.exhaustPrimaryAfter(420, 5);
            }
            source.apiUrl = github.apiUrl();
        });
        QElapsedTimer t;
        t.start();
        const ingest::TaskOutcome o =
            ingest::GithubTask::run(*s.store, source, QStringLiteral("test-token"), {});
        runs.values.append(seconds(t));
        int requests = 0, early = 0;
        double asked = 0;
        server.call([&] {
            requests = server.github().requests();
            for (const test::FakeGithub::Limit& l : server.github().limits()) {
                asked += double(l.documentedMs) / 1000.0;
                early += l.early;
            }
        });
        const double floor = (rounds + (faults ? 2 : 0)) * kLatencyMs / 1000.0;
        references.values.append(floor + asked);
        waits.values.append(asked);
        std::printf("  run %d: %.3f s, %s, %d rows, %d requests, %d during a limit, waits asked %.1f s\n",
                    i + 1, runs.values.last(), qPrintable(o.status), o.rowsUpdated, requests, early, asked);
        if (o.rowsUpdated != kRepositories * kPulls * 2)
            std::printf("  WRONG: %d rows stored, expected %d (%s)\n", o.rowsUpdated,
                        kRepositories * kPulls * 2, qPrintable(o.error));
    }
    const double best = runs.best(true), target = 1.25;
    const qsizetype bestRun = runs.values.indexOf(best);
    const double reference = references.values[bestRun], asked = waits.values[bestRun];
    std::printf(
        "github%s  %7.3f s   floor + waits asked %6.3f s (%.1f s + %.1f s)   ratio %5.2f   target <= %.2f   "
        "%s   (best; %s)\n",
        faults ? " with faults" : "", best, reference, reference - asked, asked, best / reference, target,
        best <= target * reference ? "PASS" : "FAIL", qPrintable(runs.spread("s", 2)));
    std::fflush(stdout);
}

QList<store::PriceRow> priceRows(int tickers, int days)
{
    QList<store::PriceRow> rows;
    rows.reserve(qsizetype(tickers) * days);
    for (int t = 0; t < tickers; ++t) {
        const QString ticker = QStringLiteral("T%1").arg(t, 4, 10, QLatin1Char('0'));
        for (int d = 0; d < days; ++d) {
            const double base = 10 + t % 500 + d * 0.01;
            rows.append({ticker, QDate(2025, 1, 1).addDays(d), base, base + 1.25, base - 0.75, base + 0.5,
                         1000000 + qint64(t) * 7 + d});
        }
    }
    return rows;
}

void appendNumber(std::string& out, double v)
{
    char buf[32];
    out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

// The peer's input: the rows as COPY text, made before the clock starts, so that the peer is the server's
// COPY and the transfer alone (upsertPrices is timed with its own formatting).
std::string copyText(const QList<store::PriceRow>& rows)
{
    std::string text;
    text.reserve(size_t(rows.size()) * 80);
    for (const store::PriceRow& r : rows) {
        text += r.ticker.toStdString();
        text += '\t';
        text += r.date.toString(Qt::ISODate).toStdString();
        for (const double v : {r.open, r.high, r.low, r.close}) {
            text += '\t';
            appendNumber(text, v);
        }
        text += '\t';
        text += std::to_string(r.volume);
        text += "\t2026-11-23 05:00:00\n";
    }
    return text;
}

// The peer: COPY … FROM STDIN of that text into `table`, in 1 MB messages, on a libpq connection.
double copyRows(const QString& conninfo, const std::string& text, const QString& table)
{
    PGconn* conn = PQconnectdb(conninfo.toUtf8().constData());
    if (PQstatus(conn) != CONNECTION_OK)
        qFatal("COPY peer: %s", PQerrorMessage(conn));
    QElapsedTimer t;
    t.start();
    PQclear(PQexec(conn, QStringLiteral("COPY %1 (ticker, date, open, high, low, close, volume, fetched_at) "
                                        "FROM STDIN")
                             .arg(table)
                             .toUtf8()
                             .constData()));
    for (size_t at = 0; at < text.size(); at += 1 << 20)
        PQputCopyData(conn, text.data() + at, int(std::min<size_t>(1 << 20, text.size() - at)));
    PQputCopyEnd(conn, nullptr);
    PGresult* result = PQgetResult(conn);
    if (PQresultStatus(result) != PGRES_COMMAND_OK)
        qFatal("COPY peer: %s", PQresultErrorMessage(result));
    PQclear(result);
    const double elapsed = seconds(t);
    PQfinish(conn);
    return elapsed;
}

void benchUpsert()
{
    if (!BenchDatabase::available()) {
        std::printf("upsert: skipped: needs PostgreSQL (run under pg_virtualenv)\n");
        return;
    }
    constexpr int kTickers = 4000, kDays = 250;
    const QList<store::PriceRow> rows = priceRows(kTickers, kDays);
    const double n = double(rows.size());
    const std::string text = copyText(rows);
    BenchDatabase db;
    store::PostgresStore store(db.conninfo());
    if (const Status s = store.open(); !s)
        qFatal("%s", qPrintable(s.message()));
    std::printf("upsert: %lld price rows (%d tickers x %d days) into PostgreSQL\n", qint64(rows.size()),
                kTickers, kDays);
    Runs copy, fresh, again;
    const auto exec = [&](const QString& sql) {
        if (const Status s = store.execute(sql); !s)
            qFatal("%s", qPrintable(s.message()));
    };
    for (int i = 0; i < repeats(); ++i) {
        exec(QStringLiteral("DROP TABLE IF EXISTS copy_peer; CREATE TABLE copy_peer (LIKE stock_prices "
                            "INCLUDING ALL); TRUNCATE stock_prices"));
        // Odd runs time the peer first, even runs upsertPrices first: neither always meets a server
        // fresh from the other's writes (WAL segments, dirty buffers).
        const auto timeCopy = [&] {
            exec(QStringLiteral("CHECKPOINT"));
            copy.values.append(n / copyRows(db.conninfo(), text, QStringLiteral("copy_peer")));
        };
        const auto timeUpsert = [&] {
            exec(QStringLiteral("CHECKPOINT"));
            QElapsedTimer t;
            t.start();
            if (const Result<int> stored = store.upsertPrices(rows, kNow); !stored || *stored != rows.size())
                qFatal("upsertPrices: %s", stored ? "wrong count" : qPrintable(stored.message()));
            fresh.values.append(n / seconds(t));
        };
        if (i % 2 == 0) {
            timeCopy();
            timeUpsert();
        } else {
            timeUpsert();
            timeCopy();
        }
        exec(QStringLiteral("CHECKPOINT"));
        QElapsedTimer t;
        t.start();
        if (const Result<int> stored = store.upsertPrices(rows, kNow.addSecs(60)); !stored)
            qFatal("upsertPrices: %s", qPrintable(stored.message()));
        again.values.append(n / seconds(t));
        std::printf(
            "  run %d: COPY %.0f rows/s; upsertPrices into the empty table %.0f rows/s (%.2f), over the "
            "same rows again %.0f rows/s (%.2f)\n",
            i + 1, copy.values.last(), fresh.values.last(), fresh.values.last() / copy.values.last(),
            again.values.last(), again.values.last() / copy.values.last());
    }
    const double peer = copy.best(false);
    for (const auto& [what, runs] :
         {std::pair<const char*, const Runs&>{"upsertPrices, empty table", fresh},
          std::pair<const char*, const Runs&>{"upsertPrices, rows present", again}}) {
        const double best = runs.best(false);
        std::printf("%-27s %9.0f rows/s   COPY %9.0f rows/s   ratio %4.2f   target >= 0.50   %s   (best; %s; "
                    "COPY %s)\n",
                    what, best, peer, best / peer, best / peer >= 0.5 ? "PASS" : "FAIL",
                    qPrintable(runs.spread("rows/s", 0)), qPrintable(copy.spread("rows/s", 0)));
    }
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QString only = app.arguments().value(1), which = app.arguments().value(2);
    const QStringList parts{QStringLiteral("market"), QStringLiteral("dcf"), QStringLiteral("faults"),
                            QStringLiteral("github"), QStringLiteral("upsert")};
    if ((!only.isEmpty() && !parts.contains(only)) ||
        (!which.isEmpty() && (only != u"faults" || (which != u"market" && which != u"dcf")))) {
        std::fprintf(stderr, "usage: bench_ingest [market|dcf|faults [market|dcf]|github|upsert]\n");
        return 2;
    }
    std::printf("bench_ingest: %d cores, best of %d runs per part\n", QThread::idealThreadCount(), repeats());
    const auto wanted = [&](const char* part) {
        return only.isEmpty() || only == QLatin1String(part);
    };
    if (wanted("market"))
        benchTask(QStringLiteral("market"));
    if (wanted("dcf"))
        benchTask(QStringLiteral("dcf"));
    if (wanted("faults")) {
        for (const QString& task : {QStringLiteral("market"), QStringLiteral("dcf")})
            if (which.isEmpty() || which == task)
                benchTaskFaults(task);
    }
    if (wanted("github")) {
        benchGithub(false);
        benchGithub(true);
    }
    if (wanted("upsert"))
        benchUpsert();
    return 0;
}
