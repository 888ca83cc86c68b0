#include "core/config/configreader.h"

#include "core/config/alertsreader.h"
#include "core/config/jsonfields.h"
#include "core/util/glob.h"
#include "core/util/redact.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>
#include <QUrl>

namespace ferry::config {
namespace {

const QRegularExpression& profileNamePattern()
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"));
    return re;
}

QString expandHome(const QString& path)
{
    if (path == u'~' || path.startsWith(QStringLiteral("~/")))
        return QDir::homePath() + path.mid(1);
    return path;
}

// Follows git's check-ref-format closely enough to catch typos before a push does.
bool isValidBranchName(const QString& b)
{
    static const QRegularExpression bad(
        QStringLiteral(R"((\.\.)|[\s~^:?*\[\\]|@\{|//|^/|/$|^-|\.lock$|\.$)"));
    return !b.isEmpty() && !bad.match(b).hasMatch();
}

class Reader
{
public:
    Reader(JsonFields& f, ConfigReader::Mode mode) : m_f(f), m_mode(mode) {}

    Config config(const Json& root)
    {
        Config c;
        m_f.checkKeys(root, {}, {"profiles", "database", "ingestion", "alerts"});
        readProfiles(root, c);
        if (const Json* db = m_f.object(root, {}, "database")) {
            m_f.checkKeys(*db, QStringLiteral("database"), {"url"});
            m_f.string(*db, QStringLiteral("database"), "url", c.database.url);
            checkDatabaseUrl(c.database.url);
        }
        if (const Json* ing = m_f.object(root, {}, "ingestion")) {
            m_f.checkKeys(*ing, QStringLiteral("ingestion"), {"github", "market"});
            if (const Json* gh = m_f.object(*ing, QStringLiteral("ingestion"), "github"))
                c.github = github(*gh, QStringLiteral("ingestion.github"));
            if (const Json* mk = m_f.object(*ing, QStringLiteral("ingestion"), "market"))
                c.market = market(*mk, QStringLiteral("ingestion.market"));
        }
        AlertsReader::read(m_f, root, c.alerts);
        return c;
    }

private:
    void readProfiles(const Json& root, Config& c)
    {
        const Json* list = m_f.array(root, {}, "profiles");
        if (!list)
            return;
        QSet<QString> names;
        for (size_t i = 0; i < list->size(); ++i) {
            const QString at = QStringLiteral("profiles[%1]").arg(i);
            if (!m_f.expectObject((*list)[i], at))
                continue;
            Profile p = profile((*list)[i], at);
            if (!p.name.isEmpty() && names.contains(p.name))
                m_f.error(at + QStringLiteral(".name"),
                          QStringLiteral("duplicate profile name \"%1\"; names must be unique").arg(p.name));
            names.insert(p.name);
            c.profiles.append(p);
        }
        checkOverlaps(c.profiles);
    }

    // Two mappings that reach the same files would sync them twice, under different repository paths
    // or policies: nested or equal local folders (in one profile or two), and, where two profiles
    // share a remote branch, nested or equal repository paths.
    void checkOverlaps(const QList<Profile>& profiles)
    {
        struct Place
        {
            QString field;
            const Profile* profile;
            const FolderMapping* folder;
        };
        QList<Place> places;
        for (qsizetype i = 0; i < profiles.size(); ++i)
            for (qsizetype j = 0; j < profiles[i].folders.size(); ++j)
                places.append({QStringLiteral("profiles[%1].folders[%2]").arg(i).arg(j), &profiles[i],
                               &profiles[i].folders[j]});
        const auto nested = [](const QString& a, const QString& b, QChar sep) {
            return a == b || a.isEmpty() || b.isEmpty() || a.startsWith(b + sep) || b.startsWith(a + sep);
        };
        for (qsizetype a = 0; a < places.size(); ++a) {
            for (qsizetype b = a + 1; b < places.size(); ++b) {
                const Place& x = places[a];
                const Place& y = places[b];
                if (!x.folder->local.isEmpty() && !y.folder->local.isEmpty() &&
                    nested(x.folder->local, y.folder->local, u'/'))
                    m_f.error(
                        y.field + QStringLiteral(".local"),
                        QStringLiteral("%1 overlaps %2 (%3.local): one folder inside another would sync "
                                       "the same files twice")
                            .arg(y.folder->local, x.folder->local, x.field));
                else if (x.profile != y.profile && x.profile->remote == y.profile->remote &&
                         x.profile->branch == y.profile->branch &&
                         nested(x.folder->repoPath, y.folder->repoPath, u'/'))
                    m_f.error(
                        y.field + QStringLiteral(".repo_path"),
                        QStringLiteral("\"%1\" overlaps \"%2\" (%3.repo_path) of the same remote branch in "
                                       "another profile")
                            .arg(y.folder->repoPath, x.folder->repoPath, x.field));
            }
        }
    }

    Profile profile(const Json& o, const QString& at)
    {
        Profile p;
        m_f.checkKeys(o, at,
                      {"name", "remote", "branch", "token_env", "ssh_key", "author_name", "author_email",
                       "folders", "interval_seconds", "debounce_ms", "poll_seconds", "ignore",
                       "conflict_rules", "versions_keep_days", "versions_max_mb", "max_file_mb", "signing"});
        if (m_f.string(o, at, "name", p.name, JsonFields::Required) &&
            !profileNamePattern().match(p.name).hasMatch())
            m_f.error(at + QStringLiteral(".name"),
                      QStringLiteral("\"%1\" is not a valid name: use letters, digits, '.', '_' or '-' "
                                     "(at most 64, starting with a letter or digit)")
                          .arg(p.name));
        if (m_f.string(o, at, "remote", p.remote, JsonFields::Required))
            checkRemote(p.remote, at + QStringLiteral(".remote"));
        if (m_f.string(o, at, "branch", p.branch) && !isValidBranchName(p.branch))
            m_f.error(at + QStringLiteral(".branch"),
                      QStringLiteral("\"%1\" is not a valid branch name").arg(p.branch));
        m_f.envName(o, at, "token_env", p.tokenEnv);
        if (m_f.string(o, at, "ssh_key", p.sshKey))
            p.sshKey = expandHome(p.sshKey);
        m_f.string(o, at, "author_name", p.authorName);
        if (m_f.string(o, at, "author_email", p.authorEmail) && !p.authorEmail.isEmpty() &&
            !p.authorEmail.contains(u'@'))
            m_f.error(at + QStringLiteral(".author_email"),
                      QStringLiteral("\"%1\" is not an e-mail address").arg(p.authorEmail));
        p.folders = folders(o, at);
        m_f.integer(o, at, "interval_seconds", p.intervalSeconds, 10, 7 * 24 * 3600);
        m_f.integer(o, at, "debounce_ms", p.debounceMs, 0, 600000);
        m_f.integer(o, at, "poll_seconds", p.pollSeconds, 0, 24 * 3600);
        m_f.stringList(o, at, "ignore", p.ignore);
        for (qsizetype i = 0; i < p.ignore.size(); ++i)
            checkIgnorePattern(p.ignore[i], at + QStringLiteral(".ignore[%1]").arg(i));
        conflictRules(o, at, p);
        m_f.integer(o, at, "versions_keep_days", p.versionsKeepDays, 1, 36500);
        m_f.integer(o, at, "versions_max_mb", p.versionsMaxMb, 1, 1024 * 1024);
        m_f.integer(o, at, "max_file_mb", p.maxFileMb, 1, 1024 * 1024);
        signing(o, at, p.signing);
        return p;
    }

    // A token or password in the URL would end up in the bare clone's config, logs and the tray.
    void checkRemote(QString& remote, const QString& field)
    {
        if (remote.trimmed().isEmpty()) {
            m_f.error(field, QStringLiteral("must not be empty"));
            return;
        }
        if (const QString secret = util::Redact::secretIn(remote); !secret.isEmpty()) {
            m_f.error(field,
                      QStringLiteral("%1 holds %2: remove it from the URL (%3) and put the token in the "
                                     "keychain (Settings) or in the environment variable named by "
                                     "token_env; if it was ever pushed or shared, revoke it")
                          .arg(QStringLiteral("the remote URL"), secret, util::Redact::url(remote)));
            remote = util::Redact::url(remote); // nothing downstream sees it, even in a message
        }
    }

    QList<FolderMapping> folders(const Json& o, const QString& at)
    {
        QList<FolderMapping> result;
        const Json* list = m_f.array(o, at, "folders", JsonFields::Required);
        if (!list)
            return result;
        if (list->empty())
            m_f.error(at + QStringLiteral(".folders"), QStringLiteral("must list at least one folder"));
        QSet<QString> repoPaths;
        for (size_t i = 0; i < list->size(); ++i) {
            const QString fat = at + QStringLiteral(".folders[%1]").arg(i);
            if (!m_f.expectObject((*list)[i], fat))
                continue;
            FolderMapping m;
            m_f.checkKeys((*list)[i], fat, {"local", "repo_path"});
            if (m_f.string((*list)[i], fat, "local", m.local, JsonFields::Required))
                m.local = checkLocalFolder(m.local, fat + QStringLiteral(".local"));
            if (m_f.string((*list)[i], fat, "repo_path", m.repoPath, JsonFields::Required))
                checkRepoPath(m.repoPath, repoPaths, fat + QStringLiteral(".repo_path"));
            result.append(m);
        }
        return result;
    }

    QString checkLocalFolder(const QString& raw, const QString& field)
    {
        const QString path = expandHome(raw);
        const QFileInfo info(path);
        if (path.isEmpty())
            m_f.error(field, QStringLiteral("must not be empty"));
        else if (info.isRelative())
            m_f.error(field, QStringLiteral("\"%1\" must be an absolute path").arg(raw));
        else if (!info.exists() && m_mode == ConfigReader::Mode::Strict)
            m_f.error(field, QStringLiteral("folder does not exist (%1)").arg(path));
        else if (!info.exists())
            m_f.warning(
                field,
                QStringLiteral("folder does not exist (%1); its profile pauses until it is back").arg(path));
        else if (!info.isDir())
            m_f.error(field, QStringLiteral("%1 is a file, not a folder").arg(path));
        return QDir::cleanPath(path);
    }

    void checkRepoPath(QString& repoPath, QSet<QString>& seen, const QString& field)
    {
        while (repoPath.endsWith(u'/'))
            repoPath.chop(1);
        const QStringList parts = repoPath.split(u'/');
        if (repoPath.startsWith(u'/') || repoPath.contains(u'\\'))
            m_f.error(field, QStringLiteral("\"%1\" must be a relative '/'-separated path").arg(repoPath));
        else if (parts.contains(QStringLiteral("..")) || parts.contains(QStringLiteral(".")) ||
                 parts.contains(QString()) || parts.contains(QStringLiteral(".git"), Qt::CaseInsensitive))
            m_f.error(
                field,
                QStringLiteral("\"%1\" may not contain empty, '.', '..' or '.git' parts").arg(repoPath));
        for (const QString& other : std::as_const(seen)) {
            if (other == repoPath || other.isEmpty() || repoPath.isEmpty() ||
                other.startsWith(repoPath + u'/') || repoPath.startsWith(other + u'/'))
                m_f.error(field,
                          QStringLiteral("\"%1\" overlaps \"%2\" of another folder").arg(repoPath, other));
        }
        seen.insert(repoPath);
    }

    void checkIgnorePattern(const QString& raw, const QString& field)
    {
        QString p = raw;
        if (p.startsWith(u'!'))
            p.remove(0, 1);
        while (p.startsWith(u'/'))
            p.remove(0, 1);
        while (p.endsWith(u'/'))
            p.chop(1);
        if (const auto glob = util::Glob::compile(p); !glob)
            m_f.error(field, glob.message());
    }

    void conflictRules(const Json& o, const QString& at, Profile& p)
    {
        const Json* list = m_f.array(o, at, "conflict_rules");
        if (!list)
            return;
        p.conflictRules.clear();
        for (size_t i = 0; i < list->size(); ++i) {
            const QString rat = at + QStringLiteral(".conflict_rules[%1]").arg(i);
            if (!m_f.expectObject((*list)[i], rat))
                continue;
            ConflictRule r;
            m_f.checkKeys((*list)[i], rat, {"pattern", "policy"});
            if (m_f.string((*list)[i], rat, "pattern", r.pattern, JsonFields::Required)) {
                if (const auto glob = util::Glob::compile(r.pattern); !glob)
                    m_f.error(rat + QStringLiteral(".pattern"), glob.message());
            }
            QString policy;
            if (m_f.string((*list)[i], rat, "policy", policy, JsonFields::Required)) {
                if (const std::optional<ConflictPolicy> known = policyNamed(policy))
                    r.policy = *known;
                else
                    m_f.error(
                        rat + QStringLiteral(".policy"),
                        QStringLiteral("\"%1\" is not one of %2").arg(policy, policyNames().join(u", ")));
            }
            p.conflictRules.append(r);
        }
    }

    // Git's gpg.format and user.signingkey: an SSH key file (a public one when the agent holds the key)
    // or an OpenPGP key id. A key file that is missing now is only a warning: signing fails then, and
    // the cycle stops before pushing with that message.
    void signing(const Json& o, const QString& at, Signing& s)
    {
        const Json* json = m_f.object(o, at, "signing");
        if (!json)
            return;
        const QString sat = at + QStringLiteral(".signing");
        m_f.checkKeys(*json, sat, {"format", "key", "program"});
        QString format;
        if (m_f.string(*json, sat, "format", format, JsonFields::Required)) {
            if (format == u"ssh")
                s.format = Signing::Format::Ssh;
            else if (format == u"openpgp")
                s.format = Signing::Format::OpenPgp;
            else
                m_f.error(sat + QStringLiteral(".format"),
                          QStringLiteral("\"%1\" is not one of ssh, openpgp").arg(format));
        }
        if (m_f.string(*json, sat, "key", s.key, JsonFields::Required) && s.key.trimmed().isEmpty())
            m_f.error(sat + QStringLiteral(".key"), QStringLiteral("must not be empty"));
        if (s.format == Signing::Format::Ssh && !s.key.isEmpty()) {
            s.key = expandHome(s.key);
            if (QFileInfo(s.key).isRelative())
                m_f.error(sat + QStringLiteral(".key"),
                          QStringLiteral("\"%1\" must be the absolute path of a key file (~/ allowed; with "
                                         "the SSH agent, the public key's file)")
                              .arg(s.key));
            else if (!QFileInfo(s.key).isFile())
                m_f.warning(sat + QStringLiteral(".key"),
                            QStringLiteral("key file does not exist (%1); the profile's commits cannot be "
                                           "signed, so nothing is pushed until it is there")
                                .arg(s.key));
        }
        if (m_f.string(*json, sat, "program", s.program))
            s.program = expandHome(s.program);
    }

    void checkDatabaseUrl(const QString& url)
    {
        if (url.isEmpty())
            return;
        const QUrl parsed(url);
        const QString scheme = parsed.scheme();
        if (scheme != u"postgresql" && scheme != u"postgres")
            m_f.error(QStringLiteral("database.url"),
                      QStringLiteral("must start with postgresql:// (got \"%1\")").arg(url));
        else if (!parsed.password().isEmpty() ||
                 url.contains(QStringLiteral("password="), Qt::CaseInsensitive))
            m_f.error(QStringLiteral("database.url"),
                      QStringLiteral("must not contain a password; put it in PGPASSWORD or ~/.pgpass"));
    }

    void httpUrl(const Json& o, const QString& at, const char* key, QString& out)
    {
        if (!m_f.string(o, at, key, out))
            return;
        const QUrl url(out, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
            m_f.error(JsonFields::join(at, key), QStringLiteral("\"%1\" is not an http(s) URL").arg(out));
    }

    GithubSource github(const Json& o, const QString& at)
    {
        GithubSource g;
        m_f.checkKeys(o, at, {"api_url", "token_env", "repositories", "concurrency", "retry", "schedule"});
        httpUrl(o, at, "api_url", g.apiUrl);
        m_f.envName(o, at, "token_env", g.tokenEnv);
        m_f.stringList(o, at, "repositories", g.repositories);
        static const QRegularExpression repoName(QStringLiteral("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$"));
        for (qsizetype i = 0; i < g.repositories.size(); ++i) {
            if (!repoName.match(g.repositories[i]).hasMatch())
                m_f.error(at + QStringLiteral(".repositories[%1]").arg(i),
                          QStringLiteral("\"%1\" is not of the form owner/name").arg(g.repositories[i]));
        }
        // "No more than 100 concurrent requests are allowed" (REST API docs, "Rate limits for the REST API").
        m_f.integer(o, at, "concurrency", g.concurrency, 1, 100);
        retry(o, at, g.retry);
        schedule(o, at, g.schedule);
        return g;
    }

    MarketSource market(const Json& o, const QString& at)
    {
        MarketSource m;
        m_f.checkKeys(o, at,
                      {"api_url", "api_key_env", "tickers_file", "days", "concurrency", "dcf_concurrency",
                       "retry", "schedule"});
        httpUrl(o, at, "api_url", m.apiUrl);
        m_f.envName(o, at, "api_key_env", m.apiKeyEnv);
        if (m_f.string(o, at, "tickers_file", m.tickersFile))
            m.tickersFile = expandHome(m.tickersFile);
        m_f.integer(o, at, "days", m.days, 1, 3650);
        m_f.integer(o, at, "concurrency", m.concurrency, 1, 500);
        m_f.integer(o, at, "dcf_concurrency", m.dcfConcurrency, 1, 500);
        retry(o, at, m.retry);
        schedule(o, at, m.schedule);
        return m;
    }

    void retry(const Json& parent, const QString& at, RetryConfig& r)
    {
        const Json* o = m_f.object(parent, at, "retry");
        if (!o)
            return;
        const QString rat = at + QStringLiteral(".retry");
        m_f.checkKeys(*o, rat, {"tries", "rate_limit_pause_seconds", "rate_limit_tries", "max_wait_seconds"});
        m_f.integer(*o, rat, "tries", r.tries, 1, 20);
        m_f.integer(*o, rat, "rate_limit_pause_seconds", r.rateLimitPauseSeconds, 1, 3600);
        m_f.integer(*o, rat, "rate_limit_tries", r.rateLimitTries, 1, 50);
        m_f.integer(*o, rat, "max_wait_seconds", r.maxWaitSeconds, 1, 86400);
    }

    void schedule(const Json& parent, const QString& at, Schedule& s)
    {
        const Json* o = m_f.object(parent, at, "schedule");
        if (!o)
            return;
        const QString sat = at + QStringLiteral(".schedule");
        m_f.checkKeys(*o, sat, {"time", "timezone", "days"});
        QString time;
        if (m_f.string(*o, sat, "time", time)) {
            const QTime parsed = QTime::fromString(time, QStringLiteral("HH:mm"));
            if (!parsed.isValid())
                m_f.error(sat + QStringLiteral(".time"),
                          QStringLiteral("\"%1\" is not a time of day HH:MM").arg(time));
            else
                s.time = parsed;
        }
        if (m_f.string(*o, sat, "timezone", s.timezone) && s.timezone != u"UTC" && s.timezone != u"local" &&
            !QTimeZone(s.timezone.toUtf8()).isValid())
            m_f.error(sat + QStringLiteral(".timezone"),
                      QStringLiteral("\"%1\" is not UTC, local or a known time zone").arg(s.timezone));
        QStringList days;
        if (m_f.stringList(*o, sat, "days", days)) {
            s.days.clear();
            for (qsizetype i = 0; i < days.size(); ++i) {
                const int day = int(Schedule::dayNames().indexOf(days[i].toLower())) + 1;
                if (day == 0)
                    m_f.error(sat + QStringLiteral(".days[%1]").arg(i),
                              QStringLiteral("\"%1\" is not one of mon, tue, wed, thu, fri, sat, sun")
                                  .arg(days[i]));
                else if (!s.days.contains(day))
                    s.days.append(day);
            }
            if (days.isEmpty())
                m_f.error(sat + QStringLiteral(".days"), QStringLiteral("must list at least one day"));
        }
    }

    JsonFields& m_f;
    ConfigReader::Mode m_mode;
};

} // namespace

bool ConfigReader::Outcome::hasErrors() const
{
    return std::any_of(issues.begin(), issues.end(),
                       [](const ConfigIssue& i) { return i.severity == ConfigIssue::Severity::Error; });
}

static QStringList issueTexts(const QList<ConfigIssue>& issues, ConfigIssue::Severity severity)
{
    QStringList out;
    for (const ConfigIssue& i : issues) {
        if (i.severity == severity)
            out.append(i.toString());
    }
    return out;
}

QStringList ConfigReader::Outcome::errors() const
{
    return issueTexts(issues, ConfigIssue::Severity::Error);
}

QStringList ConfigReader::Outcome::warnings() const
{
    return issueTexts(issues, ConfigIssue::Severity::Warning);
}

ConfigReader::Outcome ConfigReader::read(const QByteArray& json, Mode mode)
{
    Outcome outcome;
    JsonFields fields(outcome.issues);
    const std::optional<Json> root = fields.parse(json);
    if (!root)
        return outcome;
    if (!root->is_object()) {
        fields.error({}, QStringLiteral("the config must be a JSON object, not %1")
                             .arg(QString::fromUtf8(root->type_name())));
        return outcome;
    }
    Config config = Reader(fields, mode).config(*root);
    if (!outcome.hasErrors())
        outcome.config = std::move(config);
    return outcome;
}

} // namespace ferry::config
