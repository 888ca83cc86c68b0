#pragma once

#include "core/config/conflictpolicy.h"

#include <optional>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTime>

namespace ferry::config {

// One local folder mirrored to a path inside the profile's branch.
struct FolderMapping
{
    QString local;    // absolute path on this machine
    QString repoPath; // '/'-separated path inside the repository, no leading '/'
};

struct ConflictRule
{
    QString pattern; // glob on the path inside the repository
    ConflictPolicy policy = ConflictPolicy::KeepBoth;
};

// How the commits of a profile are signed (git's gpg.format and user.signingkey).
struct Signing
{
    enum class Format { None, Ssh, OpenPgp };
    Format format = Format::None;
    QString key; // ssh: a private key file, or a public one whose key is in the SSH agent; openpgp: a key id
    QString program; // empty: ssh-keygen / gpg from PATH (git's gpg.ssh.program / gpg.program)

    bool enabled() const { return format != Format::None; }
    static QString formatName(Format format); // "ssh", "openpgp", "" for None
};

struct Profile
{
    QString name;
    QString remote;
    QString branch = QStringLiteral("sync");
    QString tokenEnv = QStringLiteral("FERRY_GIT_TOKEN");
    QString sshKey;      // empty: the SSH agent, then ~/.ssh/id_ed25519, id_ecdsa, id_rsa
    QString authorName;  // empty: "Ferry"
    QString authorEmail; // empty: ferry@HOSTNAME
    QList<FolderMapping> folders;
    int intervalSeconds = 900;
    int debounceMs = 2000;
    int pollSeconds = 60;
    QStringList ignore;
    QList<ConflictRule> conflictRules = defaultConflictRules();
    int versionsKeepDays = 30; // the versions archive drops versions older than this…
    int versionsMaxMb = 1024;  // …then the oldest until it fits in this (compressed)
    int maxFileMb = 100;       // larger files are held, not uploaded (GitHub refuses files over 100 MB)
    Signing signing;           // every commit of the profile signed, or none

    static QList<ConflictRule> defaultConflictRules();
};

// A daily schedule: a time of day on some days of the week.
struct Schedule
{
    QTime time;
    QString timezone = QStringLiteral("UTC"); // "UTC", "local" or an IANA name
    QList<int> days = {1, 2, 3, 4, 5, 6, 7};  // Qt::DayOfWeek numbers, Monday = 1

    static const QStringList& dayNames(); // "mon" … "sun"
};

// The caps of one source's retries and rate-limit waits (`retry` in its config section); what they
// mean is util::RetryPolicy's.
struct RetryConfig
{
    int tries = 5;                  // per request, after transient faults (5xx, no answer, a body cut short)
    int rateLimitPauseSeconds = 60; // a rate limit that does not say how long: the first pause, then doubled
    int rateLimitTries = 8;         // rate limits met by one request before it fails
    int maxWaitSeconds = 900;       // a longer wait ends the unit of work: "rate limited until HH:MM"

    bool operator==(const RetryConfig& o) const
    {
        return tries == o.tries && rateLimitPauseSeconds == o.rateLimitPauseSeconds &&
               rateLimitTries == o.rateLimitTries && maxWaitSeconds == o.maxWaitSeconds;
    }
    bool operator!=(const RetryConfig& o) const { return !(*this == o); }
};

struct GithubSource
{
    QString apiUrl = QStringLiteral("https://api.github.com");
    QString tokenEnv = QStringLiteral("GITHUB_TOKEN");
    QStringList repositories; // "owner/name"
    int concurrency = 8;      // GitHub allows 100 concurrent requests at most and asks for few
    RetryConfig retry;        // GitHub: "wait for at least one minute" when a limit does not say
    Schedule schedule{QTime(4, 0)};
};

struct MarketSource
{
    QString apiUrl = QStringLiteral("https://financialmodelingprep.com");
    QString apiKeyEnv = QStringLiteral("FMP_API_KEY");
    QString tickersFile;
    int days = 5;
    int concurrency = 50;
    int dcfConcurrency = 10;
    RetryConfig retry{5, 10, 8, 900}; // FMP: a 429 without Retry-After pauses 10 s, then 20, 40, …
    Schedule schedule{QTime(5, 0)};
};

// Where failures are told (`alerts`): a webhook (JSON POST, Slack-compatible) and/or the desktop.
struct AlertsConfig
{
    QString webhookUrl;        // empty: no webhook (it may hold a secret: never log it unredacted)
    QString webhookUrlEnv;     // or the environment variable holding the URL (systemd EnvironmentFile)
    bool desktop = true;       // the tray app shows its notifications
    int failingCycles = 3;     // a profile failing this many cycles in a row alerts, once per streak
    int rateLimitMinutes = 60; // at most one alert per kind and subject in this window; the rest counted
    int timeoutSeconds = 10;   // per webhook attempt

    bool operator==(const AlertsConfig& o) const
    {
        return webhookUrl == o.webhookUrl && webhookUrlEnv == o.webhookUrlEnv && desktop == o.desktop &&
               failingCycles == o.failingCycles && rateLimitMinutes == o.rateLimitMinutes &&
               timeoutSeconds == o.timeoutSeconds;
    }
    bool operator!=(const AlertsConfig& o) const { return !(*this == o); }
};

struct DatabaseConfig
{
    QString url; // empty: DATABASE_URL, else the embedded SQLite store
};

struct Config
{
    QList<Profile> profiles;
    DatabaseConfig database;
    std::optional<GithubSource> github;
    std::optional<MarketSource> market;
    AlertsConfig alerts; // defaults when the section is absent

    const Profile* profile(const QString& name) const;
    // The mapped folder that holds `dataDir` ("profiles[0].folders[1].local: …"), or "" when none does:
    // Ferry's own files (the bare clone, state.json) would sync as if they were the person's.
    QString folderHolding(const QString& dataDir) const;
};

// A problem found while loading a config: `field` is a path such as "profiles[0].folders[1].local".
struct ConfigIssue
{
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    QString field;
    QString message;

    QString toString() const { return field.isEmpty() ? message : field + QStringLiteral(": ") + message; }
};

} // namespace ferry::config
