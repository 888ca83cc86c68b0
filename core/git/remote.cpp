#include "git/remote.h"

#include "git/knownhosts.h"
#include "git/ptr.h"
#include "git/repository.h"

#include <QDir>
#include <QFile>

namespace ferry::git {
namespace {

struct CallbackState
{
    const Credentials* credentials = nullptr;
    int attempts = 0;
    QString rejection;
    int sshPort = 22;
};

// libgit2 1.5 accepts any SSH host key unless told otherwise: check it against known_hosts, as ssh
// does with StrictHostKeyChecking. HTTPS certificates keep libgit2's verification (chain and name).
int checkCertificate(git_cert* cert, int, const char* host, void* payload)
{
    if (cert->cert_type != GIT_CERT_HOSTKEY_LIBSSH2)
        return GIT_PASSTHROUGH;
    const auto* key = reinterpret_cast<const git_cert_hostkey*>(cert);
    const QString name = QString::fromUtf8(host);
    if (!(key->type & GIT_CERT_SSH_RAW)) {
        git_error_set_str(GIT_ERROR_SSH, "cannot read the SSH host key to check it against known_hosts");
        return GIT_ECERTIFICATE;
    }
    const QStringList files = KnownHosts::defaultFiles();
    const KnownHosts::Verdict verdict =
        KnownHosts::load(files).check(name, static_cast<CallbackState*>(payload)->sshPort,
                                      QByteArray(key->hostkey, qsizetype(key->hostkey_len)));
    if (verdict == KnownHosts::Verdict::Match)
        return 0;
    const QString message =
        verdict == KnownHosts::Verdict::Unknown
            ? QStringLiteral("the host key of %1 is not in %2; check it and add it (ssh-keyscan %1 >> "
                             "~/.ssh/known_hosts, or connect once with ssh)")
                  .arg(name, files.join(QStringLiteral(" or ")))
            : QStringLiteral("the host key of %1 does not match %2 (or is revoked): someone may be "
                             "intercepting the connection; Ferry refuses to connect")
                  .arg(name, files.join(QStringLiteral(" or ")));
    git_error_set_str(GIT_ERROR_SSH, message.toUtf8().constData());
    return GIT_ECERTIFICATE;
}

std::string localPath(const QString& path)
{
    return QDir::toNativeSeparators(path).toStdString();
}

QString defaultSshKey(const Credentials& c)
{
    if (!c.sshKeyFile.isEmpty())
        return c.sshKeyFile;
    for (const char* name : {"/.ssh/id_ed25519", "/.ssh/id_ecdsa", "/.ssh/id_rsa"}) {
        const QString candidate = QDir::homePath() + QString::fromLatin1(name);
        if (QFile::exists(candidate))
            return candidate;
    }
    return {};
}

int acquireCredential(git_credential** out, const char*, const char* userFromUrl, unsigned int allowed,
                      void* payload)
{
    auto* state = static_cast<CallbackState*>(payload);
    const Credentials& c = *state->credentials;
    // libgit2 asks again after each refusal; the agent, then the key file, then give up.
    const int attempt = ++state->attempts;
    const std::string user = userFromUrl && *userFromUrl ? userFromUrl : "git";
    if (allowed & GIT_CREDENTIAL_SSH_KEY) {
        if (attempt == 1 && !qEnvironmentVariableIsEmpty("SSH_AUTH_SOCK"))
            return git_credential_ssh_key_from_agent(out, user.c_str());
        const QString key = defaultSshKey(c);
        if (attempt <= 2 && !key.isEmpty()) {
            const std::string pub = localPath(key + QStringLiteral(".pub"));
            return git_credential_ssh_key_new(
                out, user.c_str(), QFile::exists(key + QStringLiteral(".pub")) ? pub.c_str() : nullptr,
                localPath(key).c_str(), nullptr);
        }
        git_error_set_str(GIT_ERROR_SSH, "no SSH key was accepted (tried the agent and the key file)");
        return GIT_EAUTH;
    }
    if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) {
        if (c.token.isEmpty()) {
            git_error_set_str(GIT_ERROR_HTTP,
                              "the remote asks for credentials and no token is set (see token_env)");
            return GIT_EAUTH;
        }
        if (attempt > 1) {
            git_error_set_str(GIT_ERROR_HTTP, "the remote refused the token");
            return GIT_EAUTH;
        }
        const std::string name = userFromUrl && *userFromUrl ? userFromUrl : "x-access-token";
        return git_credential_userpass_plaintext_new(out, name.c_str(), c.token.toStdString().c_str());
    }
    if (allowed & GIT_CREDENTIAL_USERNAME)
        return git_credential_username_new(out, user.c_str());
    return GIT_PASSTHROUGH;
}

int recordRejection(const char* refname, const char* status, void* payload)
{
    if (status)
        static_cast<CallbackState*>(payload)->rejection =
            QStringLiteral("%1: %2").arg(QString::fromUtf8(refname), QString::fromUtf8(status));
    return 0;
}

git_remote_callbacks callbacksFor(CallbackState& state)
{
    git_remote_callbacks cb = GIT_REMOTE_CALLBACKS_INIT;
    cb.credentials = acquireCredential;
    cb.certificate_check = checkCertificate;
    cb.push_update_reference = recordRejection;
    cb.payload = &state;
    return cb;
}

// Talking to the remote failed: retry later, unless the credentials were refused (retrying will not
// make them valid). A wrong URL looks like an unreachable server here, and is reported as such.
Error remoteError(int rc, const QString& doing)
{
    Error e = lastError(rc, doing);
    e.kind = rc == GIT_EAUTH || rc == GIT_ECERTIFICATE ? ErrorKind::Invalid : ErrorKind::Unavailable;
    return e;
}

Result<Ptr<git_remote>> lookupOrigin(Repository& repo)
{
    git_remote* raw = nullptr;
    if (const int rc = git_remote_lookup(&raw, repo.handle(), "origin"); rc < 0)
        return lastError(rc, QStringLiteral("no remote in %1").arg(repo.path()));
    return Ptr<git_remote>(raw);
}

} // namespace

Remote::Remote(Repository& repo, Credentials credentials)
    : m_repo(repo), m_credentials(std::move(credentials))
{
}

Result<QString> Remote::fetch(const QString& branch)
{
    Result<Ptr<git_remote>> origin = lookupOrigin(m_repo);
    if (!origin)
        return origin.error();
    Ptr<git_remote> remote = std::move(origin.value());
    CallbackState state;
    state.credentials = &m_credentials;
    state.sshPort = KnownHosts::sshPort(QString::fromUtf8(git_remote_url(remote.get())));
    git_fetch_options options = GIT_FETCH_OPTIONS_INIT;
    options.callbacks = callbacksFor(state);
    options.prune = GIT_FETCH_PRUNE;
    options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
    const std::string spec =
        QStringLiteral("+refs/heads/%1:refs/remotes/origin/%1").arg(branch).toStdString();
    char* specs[] = {const_cast<char*>(spec.c_str())};
    const git_strarray refspecs = {specs, 1};
    if (const int rc = git_remote_fetch(remote.get(), &refspecs, &options, "ferry: fetch"); rc < 0)
        return remoteError(rc, QStringLiteral("cannot fetch %1 from %2")
                                   .arg(branch, QString::fromUtf8(git_remote_url(remote.get()))));
    // A branch that the remote no longer has leaves no tracking ref behind (prune), so "" means absent.
    return m_repo.resolve(QStringLiteral("refs/remotes/origin/") + branch);
}

Result<QString> Remote::advertisedHead(const QString& branch)
{
    Result<Ptr<git_remote>> origin = lookupOrigin(m_repo);
    if (!origin)
        return origin.error();
    Ptr<git_remote> remote = std::move(origin.value());
    CallbackState state;
    state.credentials = &m_credentials;
    state.sshPort = KnownHosts::sshPort(QString::fromUtf8(git_remote_url(remote.get())));
    const git_remote_callbacks callbacks = callbacksFor(state);
    if (const int rc = git_remote_connect(remote.get(), GIT_DIRECTION_FETCH, &callbacks, nullptr, nullptr);
        rc < 0)
        return remoteError(
            rc, QStringLiteral("cannot reach %1").arg(QString::fromUtf8(git_remote_url(remote.get()))));
    const git_remote_head** heads = nullptr;
    size_t count = 0;
    if (const int rc = git_remote_ls(&heads, &count, remote.get()); rc < 0)
        return remoteError(rc, QStringLiteral("cannot list the branches of %1")
                                   .arg(QString::fromUtf8(git_remote_url(remote.get()))));
    const QByteArray wanted = (QStringLiteral("refs/heads/") + branch).toUtf8();
    QString head;
    for (size_t i = 0; i < count; ++i) {
        if (wanted == heads[i]->name) {
            char hex[GIT_OID_HEXSZ + 1] = {};
            git_oid_tostr(hex, sizeof hex, &heads[i]->oid);
            head = QString::fromLatin1(hex);
        }
    }
    git_remote_disconnect(remote.get());
    return head;
}

Result<Remote::PushOutcome> Remote::push(const QString& branch, const QString& commitOid)
{
    const QString localRef = QStringLiteral("refs/heads/") + branch;
    if (Status s = m_repo.setReference(localRef, commitOid); !s)
        return s.error();
    Result<Ptr<git_remote>> origin = lookupOrigin(m_repo);
    if (!origin)
        return origin.error();
    Ptr<git_remote> remote = std::move(origin.value());
    CallbackState state;
    state.credentials = &m_credentials;
    state.sshPort = KnownHosts::sshPort(QString::fromUtf8(git_remote_url(remote.get())));
    git_push_options options = GIT_PUSH_OPTIONS_INIT;
    options.pb_parallelism = 0; // the delta search of the pack on every core (libgit2 defaults to one)
    options.callbacks = callbacksFor(state);
    const std::string spec = QStringLiteral("%1:%1").arg(localRef).toStdString(); // no '+': never force
    char* specs[] = {const_cast<char*>(spec.c_str())};
    const git_strarray refspecs = {specs, 1};
    const int rc = git_remote_push(remote.get(), &refspecs, &options);
    m_lastRejection = state.rejection;
    if (rc == GIT_ENONFASTFORWARD || (rc == 0 && !state.rejection.isEmpty()))
        return PushOutcome::Rejected;
    if (rc < 0) {
        const git_error* e = git_error_last();
        const QString text = e && e->message ? QString::fromUtf8(e->message) : QString();
        if (text.contains(QStringLiteral("fast-forward")) || text.contains(QStringLiteral("fastforward"))) {
            m_lastRejection = text;
            return PushOutcome::Rejected;
        }
        return remoteError(rc, QStringLiteral("cannot push %1 to %2")
                                   .arg(branch, QString::fromUtf8(git_remote_url(remote.get()))));
    }
    return PushOutcome::Pushed;
}

} // namespace ferry::git
