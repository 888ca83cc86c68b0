#include "core/git/remote.h"

#include "core/git/knownhosts.h"
#include "core/git/originremote.h"
#include "core/git/packstreampush.h"
#include "core/git/ptr.h"
#include "core/git/pushobjects.h"
#include "core/git/repository.h"
#include "core/git/transferguard.h"
#include "core/util/logging.h"
#include "core/util/redact.h"

#include <algorithm>
#include <optional>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

namespace ferry::git {
namespace {

struct CallbackState
{
    const Credentials* credentials = nullptr;
    int attempts = 0;
    QString rejection;
    QString serverSaid; // what the server printed on its side band ("remote: …" lines), bounded
    int sshPort = 22;
    TransferGuard* guard = nullptr;
    qint64 pushedBytes = 0; // the pack sent so far, as the push reports it
};

// Every progress report is a sign of life for the guard; a stop aborts the transfer (libgit2 gives up
// when a callback returns non-zero, also on the local transport, which has no socket to cut).
int alive(CallbackState* state)
{
    if (!state->guard)
        return 0;
    state->guard->progressed();
    return state->guard->stopRequested() ? GIT_EUSER : 0;
}

int onTransfer(const git_indexer_progress*, void* payload)
{
    return alive(static_cast<CallbackState*>(payload));
}

int onPushTransfer(unsigned int, unsigned int, size_t bytes, void* payload)
{
    auto* state = static_cast<CallbackState*>(payload);
    state->pushedBytes = std::max(state->pushedBytes, qint64(bytes));
    return alive(state);
}

int onPackProgress(int, uint32_t, uint32_t, void* payload)
{
    return alive(static_cast<CallbackState*>(payload));
}

// Messages a hook or the hosting service prints (GitHub's "GH006: Protected branch update failed",
// "GH001: Large files detected", a quota) arrive on the side band before the refusal itself.
int keepServerMessage(const char* text, int length, void* payload)
{
    auto* state = static_cast<CallbackState*>(payload);
    if (state->serverSaid.size() < 4000)
        state->serverSaid += QString::fromUtf8(text, length);
    return alive(state);
}

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
        QString candidate = QDir::homePath() + QString::fromLatin1(name);
        if (QFile::exists(candidate))
            return candidate;
    }
    return {};
}

int acquireCredential(git_credential** out, const char* url, const char* userFromUrl, unsigned int allowed,
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
        // Over plain http the token would cross the network readable by anyone on the way.
        if (url && QByteArray(url).startsWith("http://")) {
            git_error_set_str(GIT_ERROR_HTTP,
                              "the remote asks for credentials over plain http://; Ferry does "
                              "not send a token unencrypted (use an https:// remote)");
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
    cb.sideband_progress = keepServerMessage;
    cb.transfer_progress = onTransfer;
    cb.push_transfer_progress = onPushTransfer;
    cb.pack_progress = onPackProgress;
    cb.payload = &state;
    return cb;
}

// Talking to the remote failed: retry later, unless the credentials or the certificate were refused, or
// the server says the repository is not there (retrying will not change that). Messages never carry a
// URL's user-info.
Error remoteError(int rc, const QString& doing, const TransferGuard* guard = nullptr)
{
    if (const QString cut = guard ? guard->cutReason() : QString(); !cut.isEmpty())
        return makeError(ErrorKind::Unavailable, QStringLiteral("%1: %2").arg(doing, cut));
    Error e = lastError(rc, doing);
    e.message = util::Redact::text(e.message);
    const bool refused = rc == GIT_EAUTH || rc == GIT_ECERTIFICATE ||
                         e.message.contains(QStringLiteral("status code: 401")) ||
                         e.message.contains(QStringLiteral("status code: 403")) ||
                         e.message.contains(QStringLiteral("status code: 404"));
    e.kind = refused ? ErrorKind::Invalid : ErrorKind::Unavailable;
    if (rc == GIT_EAUTH || e.message.contains(QStringLiteral("status code: 401")) ||
        e.message.contains(QStringLiteral("status code: 403")))
        e.message += QStringLiteral(" (check the token in the keychain or its variable, or the SSH key)");
    return e;
}

QString urlOf(const git_remote* remote)
{
    return util::Redact::url(QString::fromUtf8(git_remote_url(remote)));
}

Result<Ptr<git_remote>> lookupOrigin(Repository& repo)
{
    return OriginRemote::open(repo.handle(), repo.path());
}

// A status that means someone else pushed first: fetch, merge and push again.
bool isRace(const QString& status)
{
    for (const char* race : {"non-fast-forward", "fetch first", "stale info", "failed to lock",
                             "cannot lock ref", "failed to update ref", "incorrect old value"}) {
        if (status.contains(QLatin1StringView(race)))
            return true;
    }
    return false;
}

// The lines a server printed, without progress counters and "remote:" prefixes, joined for one message.
QString serverWords(const QString& sideband)
{
    QStringList lines;
    for (QString line : sideband.split(QRegularExpression(QStringLiteral("[\r\n]+")), Qt::SkipEmptyParts)) {
        line = line.trimmed();
        if (line.startsWith(QStringLiteral("remote:")))
            line = line.mid(7).trimmed();
        static const QRegularExpression progress(QStringLiteral(
            "^(Resolving|Compressing|Counting|Enumerating|Writing|Total|Receiving|Processing)\\b|\\d+%"));
        if (line.isEmpty() || progress.match(line).hasMatch())
            continue;
        if (!lines.contains(line))
            lines.append(line);
    }
    return lines.mid(0, 12).join(QStringLiteral(" | "));
}

// libgit2's local transport (a path or file:// remote) reports no byte count (its indexer leaves
// received_bytes alone): the pack it writes into the remote's objects/pack is measured instead.
QString localPackDir(const QString& url)
{
    QString path = url;
    if (url.startsWith(QStringLiteral("file://")))
        path = QUrl(url).toLocalFile();
    else if (url.contains(QStringLiteral("://")))
        return {};
    const QFileInfo dir(path + QStringLiteral("/objects/pack"));
    return dir.isDir() ? dir.filePath() : QString();
}

qint64 packBytes(const QString& dir)
{
    qint64 total = 0;
    if (dir.isEmpty())
        return total;
    for (const QFileInfo& f : QDir(dir).entryInfoList({QStringLiteral("*.pack")}, QDir::Files))
        total += f.size();
    return total;
}

QString libgitMessage()
{
    const git_error* e = git_error_last();
    return e && e->message ? QString::fromUtf8(e->message) : QString();
}

// libgit2 1.5's push reads every object it sends whole (pack-objects.c, write_object): a push that adds a
// blob of 16 MiB or more stored whole in a pack goes through PackStreamPush instead, which copies the
// stored entry to the wire. Local remotes (a path, file://) keep libgit2's push; so do pushes without
// such a blob, and any whose objects cannot be listed (libgit2's push then reports the problem).
std::optional<PushObjects> streamedPush(Repository& repo, const git_remote* remote, const QString& commit,
                                        const QString& expectedOld)
{
    const char* url = git_remote_pushurl(remote) ? git_remote_pushurl(remote) : git_remote_url(remote);
    if (!PackStreamPush::supports(QString::fromUtf8(url)))
        return std::nullopt;
    QList<QByteArray> haves;
    if (!expectedOld.isEmpty())
        haves.append(QByteArray::fromHex(expectedOld.toLatin1()));
    Result<PushObjects> objects =
        PushObjects::collect(repo.handle(), QByteArray::fromHex(commit.toLatin1()), haves);
    if (!objects || objects->largeBlobs().isEmpty())
        return std::nullopt;
    qCInfo(lcSync).noquote() << "the push of" << commit << "streams" << objects->largeBlobs().size()
                             << "large blob(s) from their packs," << objects->objects().size()
                             << "other objects through libgit2's pack builder";
    return std::move(objects.value());
}

// The streamed push: never forced (a commit that does not descend from the fetched tip is rejected here,
// a tip that moved since is rejected by the server), outcomes reported through the same callbacks.
int pushStreamed(Repository& repo, git_remote* remote, const git_remote_callbacks& callbacks,
                 const QString& localRef, const QString& expectedOld, const QString& commit,
                 const PushObjects& objects)
{
    if (!expectedOld.isEmpty()) {
        const Result<bool> descends = repo.descendsFrom(commit, expectedOld);
        if (!descends || !*descends) {
            callbacks.push_update_reference(localRef.toUtf8().constData(), "non-fast-forward",
                                            callbacks.payload);
            return 0;
        }
    }
    const PackStreamPush::Update update{localRef, QByteArray::fromHex(expectedOld.toLatin1()),
                                        QByteArray::fromHex(commit.toLatin1())};
    return PackStreamPush::push(remote, callbacks, update, [&](const StreamedPackWriter::Sink& sink) {
        return StreamedPackWriter::write(repo.handle(), objects,
                                         repo.path() + QStringLiteral("/objects/pack"), sink);
    });
}

} // namespace

Remote::Remote(Repository& repo, Credentials credentials, util::StopToken stop)
    : m_repo(repo), m_credentials(std::move(credentials)), m_stop(std::move(stop))
{
}

Result<QString> Remote::fetch(const QString& branch)
{
    Result<Ptr<git_remote>> origin = lookupOrigin(m_repo);
    if (!origin)
        return origin.error();
    Ptr<git_remote> remote = std::move(origin.value());
    TransferGuard guard(m_stop, TransferGuard::Limits::fromEnvironment());
    CallbackState state;
    state.guard = &guard;
    state.credentials = &m_credentials;
    state.sshPort = KnownHosts::sshPort(urlOf(remote.get()));
    git_fetch_options options = GIT_FETCH_OPTIONS_INIT;
    options.callbacks = callbacksFor(state);
    options.prune = GIT_FETCH_PRUNE;
    options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
    const std::string spec =
        QStringLiteral("+refs/heads/%1:refs/remotes/origin/%1").arg(branch).toStdString();
    char* specs[] = {const_cast<char*>(spec.c_str())};
    const git_strarray refspecs = {specs, 1};
    if (const int rc = git_remote_fetch(remote.get(), &refspecs, &options, "ferry: fetch"); rc < 0)
        return remoteError(rc, QStringLiteral("cannot fetch %1 from %2").arg(branch, urlOf(remote.get())),
                           &guard);
    // A branch that the remote no longer has leaves no tracking ref behind (prune), so "" means absent.
    return m_repo.resolve(QStringLiteral("refs/remotes/origin/") + branch);
}

Result<QString> Remote::advertisedHead(const QString& branch)
{
    Result<Ptr<git_remote>> origin = lookupOrigin(m_repo);
    if (!origin)
        return origin.error();
    Ptr<git_remote> remote = std::move(origin.value());
    TransferGuard guard(m_stop, TransferGuard::Limits::fromEnvironment());
    CallbackState state;
    state.guard = &guard;
    state.credentials = &m_credentials;
    state.sshPort = KnownHosts::sshPort(urlOf(remote.get()));
    const git_remote_callbacks callbacks = callbacksFor(state);
    if (const int rc = git_remote_connect(remote.get(), GIT_DIRECTION_FETCH, &callbacks, nullptr, nullptr);
        rc < 0)
        return remoteError(rc, QStringLiteral("cannot reach %1").arg(urlOf(remote.get())), &guard);
    const git_remote_head** heads = nullptr;
    size_t count = 0;
    if (const int rc = git_remote_ls(&heads, &count, remote.get()); rc < 0)
        return remoteError(rc, QStringLiteral("cannot list the branches of %1").arg(urlOf(remote.get())),
                           &guard);
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
    TransferGuard guard(m_stop, TransferGuard::Limits::fromEnvironment());
    CallbackState state;
    state.guard = &guard;
    state.credentials = &m_credentials;
    state.sshPort = KnownHosts::sshPort(urlOf(remote.get()));
    git_push_options options = GIT_PUSH_OPTIONS_INIT;
    options.pb_parallelism = 0; // the delta search of the pack on every core (libgit2 defaults to one)
    options.callbacks = callbacksFor(state);
    const std::string spec = QStringLiteral("%1:%1").arg(localRef).toStdString(); // no '+': never force
    char* specs[] = {const_cast<char*>(spec.c_str())};
    const git_strarray refspecs = {specs, 1};
    const QString localPacks = localPackDir(QString::fromUtf8(git_remote_url(remote.get())));
    const qint64 packsBefore = packBytes(localPacks);
    const QString tracking = QStringLiteral("refs/remotes/origin/") + branch;
    const Result<QString> expectedOld = m_repo.resolve(tracking);
    const std::optional<PushObjects> streamed =
        expectedOld ? streamedPush(m_repo, remote.get(), commitOid, *expectedOld) : std::nullopt;
    const int rc = streamed ? pushStreamed(m_repo, remote.get(), options.callbacks, localRef, *expectedOld,
                                           commitOid, *streamed)
                            : git_remote_push(remote.get(), &refspecs, &options);
    if (streamed && rc == 0 && state.rejection.isEmpty()) // as libgit2's push updates the tracking ref
        (void)m_repo.setReference(tracking, commitOid);
    m_bytesPushed +=
        localPacks.isEmpty() ? state.pushedBytes : std::max<qint64>(0, packBytes(localPacks) - packsBefore);
    m_lastRejection = state.rejection;
    const QString said = serverWords(state.serverSaid);
    const QString detail = libgitMessage();
    if (rc == GIT_ENONFASTFORWARD || isRace(state.rejection) ||
        (rc < 0 && (detail.contains(QStringLiteral("fast-forward")) ||
                    detail.contains(QStringLiteral("fastforward"))))) {
        if (m_lastRejection.isEmpty())
            m_lastRejection = detail;
        return PushOutcome::Rejected;
    }
    if (!state.rejection.isEmpty())
        return makeError(
            ErrorKind::Refused,
            QStringLiteral("the remote refused the push to %1 (%2)%3; nothing more goes up until this "
                           "is fixed there (a hook, branch protection, a file too large or a quota), "
                           "Ferry tries again later")
                .arg(branch, util::Redact::text(state.rejection),
                     said.isEmpty() ? QString() : QStringLiteral(": ") + util::Redact::text(said)));
    if (rc < 0) {
        Error e =
            remoteError(rc, QStringLiteral("cannot push %1 to %2").arg(branch, urlOf(remote.get())), &guard);
        if (!said.isEmpty())
            e.message += QStringLiteral("; the remote said: ") + util::Redact::text(said);
        return e;
    }
    return PushOutcome::Pushed;
}

namespace {

// How a failed probe reads: the host key, the credentials, a missing repository, or no answer.
Remote::Probe::Failure probeFailure(int rc, const QString& message, const TransferGuard& guard)
{
    using Failure = Remote::Probe::Failure;
    if (!guard.cutReason().isEmpty())
        return Failure::Unreachable;
    if (rc == GIT_ECERTIFICATE)
        return Failure::HostKey;
    if (rc == GIT_EAUTH || message.contains(QStringLiteral("status code: 401")) ||
        message.contains(QStringLiteral("status code: 403")) ||
        message.contains(QStringLiteral("authentication")) || message.contains(QStringLiteral("credentials")))
        return Failure::Credentials;
    for (const char* missing :
         {"status code: 404", "not found", "could not find repository",
          "does not appear to be a git repository", "not exported", "unsupported URL protocol"}) {
        if (message.contains(QLatin1StringView(missing), Qt::CaseInsensitive))
            return Failure::NotFound;
    }
    return Failure::Unreachable;
}

} // namespace

Remote::Probe Remote::probe(const QString& url, const Credentials& credentials, Direction direction,
                            util::StopToken stop)
{
    Probe probe;
    git_remote* raw = nullptr;
    const QString shown = util::Redact::url(url);
    if (const int rc = git_remote_create_detached(&raw, url.toUtf8().constData()); rc < 0) {
        probe.failure = Probe::Failure::NotFound;
        probe.message =
            util::Redact::text(lastError(rc, QStringLiteral("%1 is not a remote").arg(shown)).message);
        return probe;
    }
    Ptr<git_remote> remote(raw);
    // Listing refs is quick for any server: a check waits 30 s for a silent one, not a transfer's 120 s.
    TransferGuard::Limits limits = TransferGuard::Limits::fromEnvironment();
    limits.stallSeconds = qMin(limits.stallSeconds, 30);
    TransferGuard guard(std::move(stop), limits);
    CallbackState state;
    state.guard = &guard;
    state.credentials = &credentials;
    state.sshPort = KnownHosts::sshPort(shown);
    const git_remote_callbacks callbacks = callbacksFor(state);
    const bool push = direction == Direction::Push;
    int rc = git_remote_connect(remote.get(), push ? GIT_DIRECTION_PUSH : GIT_DIRECTION_FETCH, &callbacks,
                                nullptr, nullptr);
    const git_remote_head** heads = nullptr;
    size_t count = 0;
    if (rc >= 0)
        rc = git_remote_ls(&heads, &count, remote.get());
    if (rc < 0) {
        const QString said = serverWords(state.serverSaid);
        Error e = remoteError(rc, push ? QStringLiteral("%1 refuses to receive").arg(shown) : shown, &guard);
        if (!said.isEmpty())
            e.message += QStringLiteral("; the remote said: ") + util::Redact::text(said);
        probe.failure = probeFailure(rc, e.message, guard);
        probe.message = e.message;
        return probe;
    }
    for (size_t i = 0; i < count; ++i) {
        const QByteArray name(heads[i]->name);
        if (!name.startsWith("refs/heads/"))
            continue;
        char hex[GIT_OID_HEXSZ + 1] = {};
        git_oid_tostr(hex, sizeof hex, &heads[i]->oid);
        probe.heads.insert(QString::fromUtf8(name.mid(11)), QString::fromLatin1(hex));
    }
    probe.usedCredentials = state.attempts > 0;
    git_remote_disconnect(remote.get());
    return probe;
}

} // namespace ferry::git
