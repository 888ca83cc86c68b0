#include "core/check/apicheck.h"

#include "core/ingest/httpclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace ferry::check {
namespace {

constexpr int kTimeoutMs = 15000;

// One request, one try: a check says what the source answers now, it does not wait for a better time.
ingest::HttpOutcome getOnce(const ingest::HttpRequest& request, util::StopToken stop)
{
    ingest::HttpClient::Options options;
    options.maxConcurrent = 1;
    options.timeoutMs = kTimeoutMs;
    options.retry.backoff.attempts = 1;
    options.retry.rateLimitTries = 1;
    options.retry.maxWaitSeconds = 0;
    options.stop = std::move(stop);
    ingest::HttpClient client(std::move(options));
    return client.getAll({request}).value(0);
}

QString answerOf(const ingest::HttpOutcome& o)
{
    if (o.response.status == 0)
        return QStringLiteral("no answer (%1)").arg(o.response.networkError);
    return QStringLiteral("HTTP %1").arg(o.response.status);
}

} // namespace

Finding ApiCheck::github(const config::GithubSource& source, const QString& token, util::StopToken stop)
{
    const QString check = QStringLiteral("github_token");
    if (token.isEmpty())
        return Finding::problem(
            check, QStringLiteral("GitHub token: none (variable %1 is empty)").arg(source.tokenEnv),
            QStringLiteral("create a token that can read the repositories' pull requests "
                           "and store it in the settings or in %1")
                .arg(source.tokenEnv));
    ingest::HttpRequest request{
        QUrl(source.apiUrl + QStringLiteral("/rate_limit")), {}, QStringLiteral("rate_limit")};
    request.headers = {{"Accept", "application/vnd.github+json"},
                       {"X-GitHub-Api-Version", "2022-11-28"},
                       {"User-Agent", "Ferry"},
                       {"Authorization", "Bearer " + token.toUtf8()}};
    const ingest::HttpOutcome o = getOnce(request, std::move(stop));
    const int status = o.response.status;
    if (status >= 200 && status < 300) {
        const QJsonObject core = QJsonDocument::fromJson(o.response.body)
                                     .object()[QStringLiteral("resources")]
                                     .toObject()[QStringLiteral("core")]
                                     .toObject();
        return Finding::ok(check,
                           core.isEmpty()
                               ? QStringLiteral("GitHub token: accepted by %1").arg(source.apiUrl)
                               : QStringLiteral("GitHub token: accepted (%1 of %2 requests left this hour)")
                                     .arg(core[QStringLiteral("remaining")].toInt())
                                     .arg(core[QStringLiteral("limit")].toInt()));
    }
    if (status == 401 || status == 403)
        return Finding::problem(
            check, QStringLiteral("GitHub token: refused by %1 (HTTP %2)").arg(source.apiUrl).arg(status),
            QStringLiteral("the token is wrong, expired or revoked: create a new one and store it "
                           "in the settings or in %1")
                .arg(source.tokenEnv));
    return Finding::problem(check, QStringLiteral("GitHub: %1 from %2").arg(answerOf(o), source.apiUrl),
                            QStringLiteral("check ingestion.github.api_url and the network"));
}

Finding ApiCheck::market(const config::MarketSource& source, const QString& apiKey, util::StopToken stop)
{
    const QString check = QStringLiteral("market_key");
    if (apiKey.isEmpty())
        return Finding::problem(
            check, QStringLiteral("market API key: none (variable %1 is empty)").arg(source.apiKeyEnv),
            QStringLiteral("store the API key in the settings or in %1").arg(source.apiKeyEnv));
    QUrl url(source.apiUrl + QStringLiteral("/api/v3/historical-price-full/AAPL"));
    url.setQuery(
        QUrlQuery{{QStringLiteral("timeseries"), QStringLiteral("1")}, {QStringLiteral("apikey"), apiKey}});
    const ingest::HttpOutcome o = getOnce({url, {}, QStringLiteral("AAPL")}, std::move(stop));
    const int status = o.response.status;
    if (status >= 200 && status < 300)
        return Finding::ok(check, QStringLiteral("market API key: accepted by %1").arg(source.apiUrl));
    if (status == 401 || status == 403)
        return Finding::problem(
            check, QStringLiteral("market API key: refused by %1 (HTTP %2)").arg(source.apiUrl).arg(status),
            QStringLiteral("check the key (and that its plan includes daily prices) and store "
                           "it in the settings or in %1")
                .arg(source.apiKeyEnv));
    if (status == 429)
        return Finding::problem(
            check, QStringLiteral("market API key: accepted, but its rate limit is reached (HTTP 429)"),
            QStringLiteral("wait for the limit to lift, or lower ingestion.market.concurrency"));
    return Finding::problem(check,
                            QStringLiteral("market source: %1 from %2").arg(answerOf(o), source.apiUrl),
                            QStringLiteral("check ingestion.market.api_url and the network"));
}

} // namespace ferry::check
