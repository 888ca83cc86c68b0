#include "core/ingest/markettask.h"

#include "core/ingest/tickerfetch.h"
#include "core/store/runrecord.h"

#include <cmath>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace ferry::ingest {
namespace {

double numberOf(const QJsonValue& v)
{
    return v.isDouble() ? v.toDouble() : std::nan("");
}

} // namespace

Result<QList<store::PriceRow>> MarketTask::parse(const QString& symbol, const QByteArray& body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (doc.isNull())
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("%1: malformed body (%2)").arg(symbol, error.errorString()));
    const QJsonValue historical = doc.object().value(QStringLiteral("historical"));
    if (!historical.isArray())
        return makeError(ErrorKind::NotFound, QStringLiteral("%1: no prices (unknown symbol?)").arg(symbol));
    QList<store::PriceRow> rows;
    for (const QJsonValue& v : historical.toArray()) {
        const QJsonObject day = v.toObject();
        const QDate date = QDate::fromString(day.value(QStringLiteral("date")).toString(), Qt::ISODate);
        if (!date.isValid())
            return makeError(ErrorKind::Invalid,
                             QStringLiteral("%1: a price without a valid date").arg(symbol));
        rows.append({symbol, date, numberOf(day.value(QStringLiteral("open"))),
                     numberOf(day.value(QStringLiteral("high"))), numberOf(day.value(QStringLiteral("low"))),
                     numberOf(day.value(QStringLiteral("close"))),
                     qint64(day.value(QStringLiteral("volume")).toDouble())});
    }
    return rows;
}

TaskOutcome MarketTask::run(store::IngestStore& store, const config::MarketSource& market,
                            const QString& apiKey, HttpClient::Options http, const QDateTime& now)
{
    const Result<QStringList> tickers = TickerFetch::prepare(store, market, apiKey);
    if (!tickers)
        return TaskOutcome::failure(tickers.message());
    const QDate to = now.toUTC().date(), from = to.addDays(-qMax(1, market.days));
    http = HttpClient::Options::forSource(std::move(http), market.concurrency, market.retry);
    TickerFetch fetch = TickerFetch::run(
        *tickers,
        [&](const QString& symbol) {
            QUrl url(market.apiUrl + QStringLiteral("/api/v3/historical-price-full/") + symbol);
            QUrlQuery query;
            query.addQueryItem(QStringLiteral("from"), from.toString(Qt::ISODate));
            query.addQueryItem(QStringLiteral("to"), to.toString(Qt::ISODate));
            query.addQueryItem(QStringLiteral("apikey"), apiKey);
            url.setQuery(query);
            return url;
        },
        std::move(http));
    QList<store::PriceRow> rows;
    for (const auto& [symbol, body] : std::as_const(fetch.bodies)) {
        Result<QList<store::PriceRow>> parsed = parse(symbol, body);
        if (!parsed)
            fetch.skipped.append(parsed.message());
        else
            rows += *parsed;
    }
    // What came back before an abort (a stop, refused credentials) is good: it is kept.
    Result<int> stored = store.upsertPrices(rows, now);
    if (!stored)
        return TaskOutcome::failure(stored.message());
    TaskOutcome outcome = fetch.outcome(int(tickers->size()), *stored);
    outcome.metadata.insert(QStringLiteral("from"), from.toString(Qt::ISODate));
    outcome.metadata.insert(QStringLiteral("to"), to.toString(Qt::ISODate));
    return outcome;
}

} // namespace ferry::ingest
