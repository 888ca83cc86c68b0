// Ingestion benchmarks. Not a test: it prints figures, each against a floor or a peer measured in the
// same run, and PASS/FAIL against the target of the issue.
//
//   pg_virtualenv build/tests/bench/bench_ingest          # everything, on PostgreSQL
//   build/tests/bench/bench_ingest market                 # or dcf, upsert; SQLite unless PGHOST is set
//   FERRY_BENCH_REPEAT=1 build/tests/bench/bench_ingest   # runs of each part (default 3; best counts)
//
// market, dcf: the real tasks over 2,600 tickers against a local FMP-like server (in its own thread) that
// answers every request after 100 ms. With `concurrency` requests in flight the floor is
// ⌈2600 / concurrency⌉ × 0.1 s; the target is 1.25 × the floor.
// upsert: Store::upsertPrices of 1,000,000 rows into an empty stock_prices, against a plain COPY of the
// same rows (libpq; the text made before the clock starts) into an empty table of the same definition,
// primary key included; the target is ≥ 0.5 × the rows/s of COPY. Then the same rows again over the
// first ones (every key present), against the same COPY figure.

#include "fakeapithread.h"
#include "ingest/dcftask.h"
#include "ingest/markettask.h"
#include "store/postgresstore.h"
#include "store/sqlitestore.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <libpq-fe.h>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QUrl>
#include <QUuid>

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
    const QString only = app.arguments().value(1);
    if (!only.isEmpty() && only != u"market" && only != u"dcf" && only != u"upsert") {
        std::fprintf(stderr, "usage: bench_ingest [market|dcf|upsert]\n");
        return 2;
    }
    std::printf("bench_ingest: %d cores, best of %d runs per part\n", QThread::idealThreadCount(), repeats());
    if (only.isEmpty() || only == u"market")
        benchTask(QStringLiteral("market"));
    if (only.isEmpty() || only == u"dcf")
        benchTask(QStringLiteral("dcf"));
    if (only.isEmpty() || only == u"upsert")
        benchUpsert();
    return 0;
}
