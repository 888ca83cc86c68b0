#include "ingest/tickerfetch.h"

#include "store/runrecord.h"

#include <QJsonArray>

namespace ferry::ingest {

Result<QStringList> TickerFetch::prepare(store::Store& store, const config::MarketSource& market,
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
    HttpClient client(http);
    const QList<HttpOutcome> answers = client.getAll(requests);
    TickerFetch fetch;
    for (qsizetype i = 0; i < answers.size(); ++i) {
        const HttpOutcome& a = answers[i];
        fetch.retries += qMax(0, a.attempts - 1);
        fetch.waitedSeconds += a.waitedSeconds;
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
        case HttpOutcome::Kind::Aborted:
            if (fetch.aborted.isEmpty())
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
    return QJsonObject{{QStringLiteral("skipped"), some(skipped)},
                       {QStringLiteral("failed"), some(failed)},
                       {QStringLiteral("retries"), retries},
                       {QStringLiteral("waited_seconds"), waitedSeconds}};
}

TaskOutcome TickerFetch::outcome(int tickers, int stored) const
{
    TaskOutcome o;
    o.metadata = metadata();
    o.metadata.insert(QStringLiteral("tickers"), tickers);
    o.rowsUpdated = stored;
    if (!aborted.isEmpty()) {
        o.status = store::RunStatus::Failed;
        o.error = aborted;
    } else if (skipped.size() + failed.size() >= tickers) {
        o.status = store::RunStatus::Failed;
        o.error = QStringLiteral("no ticker could be fetched (first: %1)").arg((failed + skipped).value(0));
    } else {
        o.status =
            skipped.isEmpty() && failed.isEmpty() ? store::RunStatus::Success : store::RunStatus::Partial;
    }
    return o;
}

} // namespace ferry::ingest
