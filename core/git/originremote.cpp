#include "core/git/originremote.h"

#include "core/git/repository.h"

#include <string>

namespace ferry::git {
namespace {

const char* const kOrigin = "origin";
const char* const kFetchSpec = "+refs/heads/*:refs/remotes/origin/*";

// A configuration value, or "" when it is not set.
Result<QString> stringValue(const git_config* config, const char* name)
{
    const char* value = nullptr;
    const int rc = git_config_get_string(&value, config, name);
    if (rc == GIT_ENOTFOUND)
        return QString();
    if (rc < 0)
        return lastError(rc, QStringLiteral("cannot read %1").arg(QString::fromUtf8(name)));
    return QString::fromUtf8(value);
}

Result<Ptr<git_config>> snapshot(git_repository* repo)
{
    git_config* raw = nullptr;
    if (const int rc = git_repository_config_snapshot(&raw, repo); rc < 0)
        return lastError(rc, QStringLiteral("cannot read the repository's configuration"));
    return Ptr<git_config>(raw);
}

} // namespace

QString OriginRemote::rewritten(const git_config* config, const QString& url, bool push)
{
    const QString suffix = push ? QStringLiteral(".pushinsteadof") : QStringLiteral(".insteadof");
    git_config_iterator* raw = nullptr;
    if (git_config_iterator_new(&raw, config) < 0)
        return {};
    const std::unique_ptr<git_config_iterator, decltype(&git_config_iterator_free)> entries(
        raw, git_config_iterator_free);
    QString base;
    qsizetype matched = 0;
    git_config_entry* entry = nullptr;
    while (git_config_next(&entry, entries.get()) == 0) {
        // Names read "url.<base>.insteadof": the section and key in lower case, the base as written.
        const QString name = QString::fromUtf8(entry->name);
        const QString prefix = QString::fromUtf8(entry->value);
        if (!name.startsWith(QStringLiteral("url.")) || !name.endsWith(suffix) || prefix.isEmpty() ||
            !url.startsWith(prefix) || prefix.size() <= matched)
            continue;
        matched = prefix.size();
        base = name.mid(4, name.size() - 4 - suffix.size());
    }
    return matched == 0 ? QString() : base + url.mid(matched);
}

Result<Ptr<git_remote>> OriginRemote::open(git_repository* repo, const QString& repoPath)
{
    Result<Ptr<git_config>> config = snapshot(repo);
    if (!config)
        return config.error();
    Result<QString> url = stringValue(config->get(), "remote.origin.url");
    Result<QString> pushUrl = stringValue(config->get(), "remote.origin.pushurl");
    if (!url)
        return url.error();
    if (!pushUrl)
        return pushUrl.error();
    if (url->isEmpty())
        return makeError(ErrorKind::Invalid, QStringLiteral("no remote in %1").arg(repoPath));

    // As git reads them: the URL through insteadOf; the push URL is the configured pushurl through
    // insteadOf, else the URL through pushInsteadOf, else the fetch URL.
    const QString fetchUrl = [&] {
        const QString r = rewritten(config->get(), *url, false);
        return r.isEmpty() ? *url : r;
    }();
    QString pushTo;
    if (!pushUrl->isEmpty()) {
        const QString r = rewritten(config->get(), *pushUrl, false);
        pushTo = r.isEmpty() ? *pushUrl : r;
    } else {
        pushTo = rewritten(config->get(), *url, true);
    }

    git_remote_create_options options = GIT_REMOTE_CREATE_OPTIONS_INIT;
    options.repository = repo;
    options.fetchspec = kFetchSpec;
    options.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF;
    git_remote* raw = nullptr;
    const std::string fetchUtf8 = fetchUrl.toStdString();
    if (const int rc = git_remote_create_with_opts(&raw, fetchUtf8.c_str(), &options); rc < 0)
        return lastError(rc, QStringLiteral("cannot use the remote of %1").arg(repoPath));
    Ptr<git_remote> remote(raw);
    if (!pushTo.isEmpty()) {
        const std::string pushUtf8 = pushTo.toStdString();
        if (const int rc = git_remote_set_instance_pushurl(remote.get(), pushUtf8.c_str()); rc < 0)
            return lastError(rc, QStringLiteral("cannot use the push URL of %1").arg(repoPath));
    }
    return remote;
}

Result<QString> OriginRemote::configuredUrl(git_repository* repo)
{
    Result<Ptr<git_config>> config = snapshot(repo);
    if (!config)
        return config.error();
    return stringValue(config->get(), "remote.origin.url");
}

Status OriginRemote::configure(git_repository* repo, const QString& url)
{
    const Result<QString> current = configuredUrl(repo);
    if (!current)
        return current.error();
    if (*current == url)
        return Status::success();
    const std::string utf8 = url.toStdString();
    if (current->isEmpty()) {
        git_remote_create_options options = GIT_REMOTE_CREATE_OPTIONS_INIT;
        options.repository = repo;
        options.name = kOrigin;
        options.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF;
        git_remote* raw = nullptr;
        const int rc = git_remote_create_with_opts(&raw, utf8.c_str(), &options);
        const Ptr<git_remote> created(raw);
        if (rc < 0)
            return lastError(rc, QStringLiteral("cannot add the remote %1").arg(url));
        return Status::success();
    }
    if (const int rc = git_remote_set_url(repo, kOrigin, utf8.c_str()); rc < 0)
        return lastError(rc, QStringLiteral("cannot set the remote to %1").arg(url));
    return Status::success();
}

} // namespace ferry::git
