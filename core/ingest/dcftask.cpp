#include "core/ingest/dcftask.h"

#include "core/ingest/tickerfetch.h"
#include "core/store/runrecord.h"

#include <cmath>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace ferry::ingest {

Result<store::ValuationRow> DcfTask::parse(const QString& symbol, const QByteArray& body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (doc.isNull())
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("%1: malformed body (%2)").arg(symbol, error.errorString()));
    const QJsonObject first = doc.array().at(0).toObject();
    if (!first.value(QStringLiteral("dcf")).isDouble())
        return makeError(ErrorKind::NotFound,
                         QStringLiteral("%1: no valuation (unknown symbol?)").arg(symbol));
    const QJsonValue price = first.value(QStringLiteral("Stock Price"));
    return store::ValuationRow{
        symbol, QDate::fromString(first.value(QStringLiteral("date")).toString(), Qt::ISODate),
        first.value(QStringLiteral("dcf")).toDouble(), price.isDouble() ? price.toDouble() : std::nan("")};
}

TaskOutcome DcfTask::run(store::IngestStore& store, const config::MarketSource& market, const QString& apiKey,
                         HttpClient::Options http, const QDateTime& now)
{
    const Result<QStringList> tickers = TickerFetch::prepare(store, market, apiKey);
    if (!tickers)
        return TaskOutcome::failure(tickers.message());
    http = HttpClient::Options::forSource(std::move(http), market.dcfConcurrency, market.retry);
    TickerFetch fetch = TickerFetch::run(
        *tickers,
        [&](const QString& symbol) {
            QUrl url(market.apiUrl + QStringLiteral("/api/v3/discounted-cash-flow/") + symbol);
            url.setQuery(QUrlQuery{{QStringLiteral("apikey"), apiKey}});
            return url;
        },
        std::move(http));
    QList<store::ValuationRow> rows;
    for (const auto& [symbol, body] : std::as_const(fetch.bodies)) {
        const Result<store::ValuationRow> parsed = parse(symbol, body);
        if (!parsed)
            fetch.skipped.append(parsed.message());
        else
            rows.append(*parsed);
    }
    // What came back before an abort (a stop, refused credentials) is good: it is kept.
    const Result<int> stored = store.upsertValuations(rows, now);
    if (!stored)
        return TaskOutcome::failure(stored.message());
    return fetch.outcome(int(tickers->size()), *stored);
}

} // namespace ferry::ingest
