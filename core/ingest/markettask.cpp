#include "ingest/markettask.h"

#include "store/runrecord.h"

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

TaskOutcome MarketTask::run(store::Store& store, const config::MarketSource& market, const QString& apiKey,
                            HttpClient::Options http, const QDateTime& now)
{
    TaskOutcome outcome;
    outcome.status = store::RunStatus::Failed;
    if (apiKey.isEmpty()) {
        outcome.error = QStringLiteral("no API key: set the environment variable %1").arg(market.apiKeyEnv);
        return outcome;
    }
    const Result<QStringList> tickers = store.activeTickers();
    if (!tickers || tickers->isEmpty()) {
        outcome.error =
            tickers ? QStringLiteral("no active tickers: run ferry ingest tickers first") : tickers.message();
        return outcome;
    }
    const QDate to = now.toUTC().date(), from = to.addDays(-qMax(1, market.days));
    QList<HttpRequest> requests;
    for (const QString& symbol : *tickers) {
        QUrl url(market.apiUrl + QStringLiteral("/api/v3/historical-price-full/") + symbol);
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("from"), from.toString(Qt::ISODate));
        query.addQueryItem(QStringLiteral("to"), to.toString(Qt::ISODate));
        query.addQueryItem(QStringLiteral("apikey"), apiKey);
        url.setQuery(query);
        requests.append({url, {}, symbol});
    }
    http.maxConcurrent = qMax(1, market.concurrency);
    HttpClient client(http);
    const QList<HttpOutcome> answers = client.getAll(requests);

    QList<store::PriceRow> rows;
    QStringList skipped, failed;
    int retries = 0;
    double waited = 0;
    QString aborted;
    for (qsizetype i = 0; i < answers.size(); ++i) {
        const HttpOutcome& a = answers[i];
        retries += qMax(0, a.attempts - 1);
        waited += a.waitedSeconds;
        if (a.kind == HttpOutcome::Kind::Aborted) {
            aborted = aborted.isEmpty() ? a.error : aborted;
            continue;
        }
        if (a.kind == HttpOutcome::Kind::Failed) {
            failed.append(a.error);
            continue;
        }
        if (a.kind == HttpOutcome::Kind::Skipped) {
            skipped.append(a.error);
            continue;
        }
        const QString symbol = requests[i].key;
        Result<QList<store::PriceRow>> parsed = parse(symbol, a.response.body);
        if (!parsed)
            skipped.append(parsed.message());
        else
            rows += *parsed;
    }
    const auto some = [](const QStringList& items) {
        return QJsonArray::fromStringList(items.mid(0, 200));
    };
    outcome.metadata = QJsonObject{{QStringLiteral("tickers"), int(tickers->size())},
                                   {QStringLiteral("from"), from.toString(Qt::ISODate)},
                                   {QStringLiteral("to"), to.toString(Qt::ISODate)},
                                   {QStringLiteral("skipped"), some(skipped)},
                                   {QStringLiteral("failed"), some(failed)},
                                   {QStringLiteral("retries"), retries},
                                   {QStringLiteral("waited_seconds"), waited}};
    if (!aborted.isEmpty()) {
        outcome.error = aborted;
        return outcome;
    }
    const Result<int> stored = store.upsertPrices(rows, now);
    if (!stored) {
        outcome.error = stored.message();
        return outcome;
    }
    outcome.rowsUpdated = *stored;
    const bool allBad = skipped.size() + failed.size() == tickers->size();
    outcome.status = allBad                                  ? store::RunStatus::Failed
                     : skipped.isEmpty() && failed.isEmpty() ? store::RunStatus::Success
                                                             : store::RunStatus::Partial;
    if (allBad)
        outcome.error =
            QStringLiteral("no ticker could be fetched (first: %1)").arg((failed + skipped).value(0));
    return outcome;
}

} // namespace ferry::ingest
