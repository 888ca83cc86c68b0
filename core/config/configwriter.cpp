#include "core/config/configwriter.h"

namespace ferry::config {
namespace {

std::string str(const QString& s)
{
    return s.toStdString();
}

Json strings(const QStringList& list)
{
    Json out = Json::array();
    for (const QString& s : list)
        out.push_back(str(s));
    return out;
}

// Written only when it differs from the source's defaults, so that a saved config stays short.
void putRetry(Json& source, const RetryConfig& r, const RetryConfig& defaults)
{
    if (r == defaults)
        return;
    source["retry"] = Json{{"tries", r.tries},
                           {"rate_limit_pause_seconds", r.rateLimitPauseSeconds},
                           {"rate_limit_tries", r.rateLimitTries},
                           {"max_wait_seconds", r.maxWaitSeconds}};
}

} // namespace

Json ConfigWriter::toJson(const Profile& p)
{
    Json folders = Json::array();
    for (const FolderMapping& f : p.folders)
        folders.push_back({{"local", str(f.local)}, {"repo_path", str(f.repoPath)}});
    Json rules = Json::array();
    for (const ConflictRule& r : p.conflictRules)
        rules.push_back({{"pattern", str(r.pattern)}, {"policy", str(policyName(r.policy))}});
    Json json{{"name", str(p.name)},
              {"remote", str(p.remote)},
              {"branch", str(p.branch)},
              {"token_env", str(p.tokenEnv)}};
    // Optional keys appear only when set, so a saved config stays as short as the defaults allow.
    if (!p.sshKey.isEmpty())
        json["ssh_key"] = str(p.sshKey);
    if (!p.authorName.isEmpty())
        json["author_name"] = str(p.authorName);
    if (!p.authorEmail.isEmpty())
        json["author_email"] = str(p.authorEmail);
    json["folders"] = folders;
    json["interval_seconds"] = p.intervalSeconds;
    json["debounce_ms"] = p.debounceMs;
    json["poll_seconds"] = p.pollSeconds;
    json["ignore"] = strings(p.ignore);
    json["conflict_rules"] = rules;
    json["versions_keep_days"] = p.versionsKeepDays;
    json["versions_max_mb"] = p.versionsMaxMb;
    json["max_file_mb"] = p.maxFileMb;
    if (p.signing.enabled()) {
        json["signing"] =
            Json{{"format", str(Signing::formatName(p.signing.format))}, {"key", str(p.signing.key)}};
        if (!p.signing.program.isEmpty())
            json["signing"]["program"] = str(p.signing.program);
    }
    return json;
}

Json ConfigWriter::toJson(const Schedule& s)
{
    QStringList days;
    for (int day : s.days)
        days.append(Schedule::dayNames().value(day - 1));
    return Json{{"time", str(s.time.toString(QStringLiteral("HH:mm")))},
                {"timezone", str(s.timezone)},
                {"days", strings(days)}};
}

Json ConfigWriter::toJson(const AlertsConfig& a)
{
    Json json = Json::object();
    if (!a.webhookUrl.isEmpty())
        json["webhook_url"] = str(a.webhookUrl);
    if (!a.webhookUrlEnv.isEmpty())
        json["webhook_url_env"] = str(a.webhookUrlEnv);
    json["desktop"] = a.desktop;
    json["failing_cycles"] = a.failingCycles;
    json["rate_limit_minutes"] = a.rateLimitMinutes;
    json["timeout_seconds"] = a.timeoutSeconds;
    return json;
}

Json ConfigWriter::toJson(const Config& c)
{
    Json root = Json::object();
    Json profiles = Json::array();
    for (const Profile& p : c.profiles)
        profiles.push_back(toJson(p));
    root["profiles"] = profiles;
    if (!c.database.url.isEmpty())
        root["database"] = Json{{"url", str(c.database.url)}};
    Json ingestion = Json::object();
    if (c.github) {
        ingestion["github"] = Json{{"api_url", str(c.github->apiUrl)},
                                   {"token_env", str(c.github->tokenEnv)},
                                   {"repositories", strings(c.github->repositories)},
                                   {"concurrency", c.github->concurrency},
                                   {"schedule", toJson(c.github->schedule)}};
        putRetry(ingestion["github"], c.github->retry, GithubSource().retry);
    }
    if (c.market) {
        ingestion["market"] =
            Json{{"api_url", str(c.market->apiUrl)},           {"api_key_env", str(c.market->apiKeyEnv)},
                 {"tickers_file", str(c.market->tickersFile)}, {"days", c.market->days},
                 {"concurrency", c.market->concurrency},       {"dcf_concurrency", c.market->dcfConcurrency},
                 {"schedule", toJson(c.market->schedule)}};
        putRetry(ingestion["market"], c.market->retry, MarketSource().retry);
    }
    if (!ingestion.empty())
        root["ingestion"] = ingestion;
    if (c.alerts != AlertsConfig())
        root["alerts"] = toJson(c.alerts);
    return root;
}

} // namespace ferry::config
