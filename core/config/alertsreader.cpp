#include "core/config/alertsreader.h"

#include "core/util/redact.h"

#include <QUrl>

namespace ferry::config {
namespace {

void checkWebhookUrl(JsonFields& f, const QString& url)
{
    if (url.isEmpty())
        return;
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || (parsed.scheme() != u"http" && parsed.scheme() != u"https") ||
        parsed.host().isEmpty())
        f.error(QStringLiteral("alerts.webhook_url"),
                QStringLiteral("is not an http(s) URL (it is not repeated here: it may hold a secret)"));
}

} // namespace

void AlertsReader::read(JsonFields& f, const Json& root, AlertsConfig& out)
{
    const QString at = QStringLiteral("alerts");
    const Json* o = f.object(root, {}, "alerts");
    if (!o)
        return;
    f.checkKeys(*o, at,
                {"webhook_url", "webhook_url_env", "desktop", "failing_cycles", "rate_limit_minutes",
                 "timeout_seconds"});
    if (f.string(*o, at, "webhook_url", out.webhookUrl))
        checkWebhookUrl(f, out.webhookUrl);
    f.envName(*o, at, "webhook_url_env", out.webhookUrlEnv);
    if (!out.webhookUrl.isEmpty() && !out.webhookUrlEnv.isEmpty())
        f.error(QStringLiteral("alerts.webhook_url_env"),
                QStringLiteral("set webhook_url or webhook_url_env, not both"));
    f.boolean(*o, at, "desktop", out.desktop);
    f.integer(*o, at, "failing_cycles", out.failingCycles, 1, 1000);
    f.integer(*o, at, "rate_limit_minutes", out.rateLimitMinutes, 0, 7 * 24 * 60);
    f.integer(*o, at, "timeout_seconds", out.timeoutSeconds, 1, 120);
}

} // namespace ferry::config
