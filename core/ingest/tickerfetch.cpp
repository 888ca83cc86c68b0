#include "core/ingest/tickerfetch.h"

#include "core/store/runrecord.h"

#include <QJsonArray>

namespace ferry::ingest {

Result<QStringList> TickerFetch::prepare(store::IngestStore& store, const config::MarketSource& market,
                                         const QString& apiKey)
{
    if (apiKey.isEmpty())
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("no API key: set the environment variable %1").arg(market.apiKeyEnv));
    Result<QStringList> tickers = store.activeTickers();
    if (tickers && tickers->isEmpty())
        return makeError(ErrorKind::NotFound,
                         QStringLiteral("no active tickers: run ferry ingest tickers first"));
    return tickers;
}

TickerFetch TickerFetch::run(const QStringList& symbols, const std::function<QUrl(const QString&)>& urlOf,
                             HttpClient::Options http)
{
    QList<HttpRequest> requests;
    for (const QString& symbol : symbols)
        requests.append({urlOf(symbol), {}, symbol});
    HttpClient client(std::move(http));
    const QList<HttpOutcome> answers = client.getAll(requests);
    TickerFetch fetch;
    fetch.stopped = client.stopped();
    for (qsizetype i = 0; i < answers.size(); ++i) {
        const HttpOutcome& a = answers[i];
        fetch.retries += qMax(0, a.attempts - 1);
        fetch.waitedSeconds += a.waitedSeconds;
        fetch.events += a.events;
        switch (a.kind) {
        case HttpOutcome::Kind::Ok:
            fetch.bodies.append({symbols[i], a.response.body});
            break;
        case HttpOutcome::Kind::Skipped:
            fetch.skipped.append(a.error);
            break;
        case HttpOutcome::Kind::Failed:
            fetch.failed.append(a.error);
            break;
        case HttpOutcome::Kind::RateLimited:
            fetch.failed.append(a.error);
            if (!fetch.limitedUntil.isValid() || a.limitedUntil > fetch.limitedUntil)
                fetch.limitedUntil = a.limitedUntil;
            break;
        case HttpOutcome::Kind::Aborted:
            ++fetch.notFetched;
            if (fetch.aborted.isEmpty() && !fetch.stopped)
                fetch.aborted = a.error;
            break;
        }
    }
    return fetch;
}

QJsonObject TickerFetch::metadata() const
{
    const auto some = [](const QStringList& items) {
        return QJsonArray::fromStringList(items.mid(0, 200));
    };
    QJsonObject m{{QStringLiteral("skipped"), some(skipped)},
                  {QStringLiteral("failed"), some(failed)},
                  {QStringLiteral("events"), QJsonArray::fromStringList(events.mid(0, 50))},
                  {QStringLiteral("retries"), retries},
                  {QStringLiteral("waited_seconds"), waitedSeconds}};
    if (limitedUntil.isValid())
        m.insert(QStringLiteral("rate_limited_until"), limitedUntil.toUTC().toString(Qt::ISODate));
    if (stopped)
        m.insert(QStringLiteral("stopped"), true);
    return m;
}

TaskOutcome TickerFetch::outcome(int tickers, int stored) const
{
    TaskOutcome o;
    o.metadata = metadata();
    o.metadata.insert(QStringLiteral("tickers"), tickers);
    o.rowsUpdated = stored;
    o.failedUnits = int(failed.size());
    o.skippedUnits = int(skipped.size());
    o.stopped = stopped;
    if (!aborted.isEmpty()) {
        o.status = store::RunStatus::Failed;
        o.error = aborted;
        return o;
    }
    if (stopped) {
        o.status = stored > 0 ? store::RunStatus::Partial : store::RunStatus::Failed;
        o.error = QStringLiteral("stopped before the end (Ferry is shutting down): %1 of %2 tickers not "
                                 "fetched; the next run fetches them")
                      .arg(notFetched)
                      .arg(tickers);
        return o;
    }
    if (skipped.size() + failed.size() >= tickers) {
        o.status = store::RunStatus::Failed;
        o.error = QStringLiteral("no ticker could be fetched (first: %1)").arg((failed + skipped).value(0));
        return o;
    }
    o.status = skipped.isEmpty() && failed.isEmpty() ? store::RunStatus::Success : store::RunStatus::Partial;
    if (limitedUntil.isValid())
        o.error = QStringLiteral("rate limited until %1: %2 of %3 tickers not fetched; the next run fetches "
                                 "them")
                      .arg(limitedUntil.toUTC().toString(QStringLiteral("HH:mm 'UTC'")))
                      .arg(failed.size())
                      .arg(tickers);
    else if (!failed.isEmpty())
        o.error = QStringLiteral("%1 of %2 tickers failed (first: %3)")
                      .arg(failed.size())
                      .arg(tickers)
                      .arg(failed.first());
    return o;
}

} // namespace ferry::ingest
