#include "core/check/remotecheck.h"

#include "core/git/knownhosts.h"
#include "core/git/library.h"
#include "core/util/redact.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

namespace ferry::check {
namespace {

using Failure = git::Remote::Probe::Failure;

QString hostOf(const QString& url)
{
    if (url.contains(QStringLiteral("://")))
        return QUrl(url).host();
    // scp-like: [user@]host:path
    const QString beforeColon = url.section(u':', 0, 0);
    return beforeColon.section(u'@', -1);
}

QString hostKeyFix(const QString& url, const QString& message)
{
    const int port = git::KnownHosts::sshPort(url);
    if (message.contains(QStringLiteral("does not match")))
        return QStringLiteral("find out why the server's key changed; if the change is expected, remove the "
                              "old key (ssh-keygen -R %1) and connect once with ssh to record the new one")
            .arg(port == 22 ? hostOf(url) : QStringLiteral("'[%1]:%2'").arg(hostOf(url)).arg(port));
    return QStringLiteral("check the server's fingerprint, then record its key: connect once with ssh "
                          "(ssh %1%2), or ssh-keyscan %3%2 >> ~/.ssh/known_hosts")
        .arg(port == 22 ? QString() : QStringLiteral("-p %1 ").arg(port), hostOf(url),
             port == 22 ? QString() : QStringLiteral("-p %1 ").arg(port));
}

QString credentialsFix(const config::Profile& p, const git::Credentials& credentials)
{
    if (RemoteCheck::isSsh(p.remote))
        return QStringLiteral("add this machine's public key (%1) to the account or repository on the "
                              "server, or set ssh_key to a key it accepts")
            .arg(credentials.sshKeyFile.isEmpty() ? QStringLiteral("~/.ssh/id_ed25519.pub")
                                                  : credentials.sshKeyFile + QStringLiteral(".pub"));
    return QStringLiteral("store a valid token in the settings (OS keychain) or in the variable %1 "
                          "(GitHub: a token with Contents read and write on the repository)")
        .arg(p.tokenEnv);
}

// The remote's own folder of a local remote (a bare repository, or a work tree's .git).
QString gitDirOf(const QString& path)
{
    const QString dotGit = path + QStringLiteral("/.git");
    return QFileInfo(dotGit).isDir() ? dotGit : path;
}

Finding pushFinding(const config::Profile& p, const git::Credentials& credentials,
                    const util::StopToken& stop)
{
    const QString shown = util::Redact::url(p.remote);
    if (const QString local = RemoteCheck::localPath(p.remote); !local.isEmpty()) {
        const QString dir = gitDirOf(local);
        for (const char* sub : {"objects", "refs"}) {
            const QFileInfo info(dir + u'/' + QLatin1StringView(sub));
            if (!info.isDir() || !info.isWritable())
                return Finding::problem(
                    QStringLiteral("push"),
                    QStringLiteral("push: %1 is not writable for this user").arg(info.filePath()),
                    QStringLiteral("give this user write access to %1, or use another remote").arg(dir));
        }
        return Finding::ok(QStringLiteral("push"), QStringLiteral("push: %1 is writable").arg(dir));
    }
    const git::Remote::Probe probe =
        git::Remote::probe(p.remote, credentials, git::Remote::Direction::Push, stop);
    if (probe.failure == Failure::None)
        return Finding::ok(QStringLiteral("push"), QStringLiteral("push: %1 accepts pushes from these "
                                                                  "credentials")
                                                       .arg(shown));
    if (probe.failure == Failure::Credentials)
        return Finding::problem(
            QStringLiteral("push"),
            QStringLiteral("push: the credentials may read %1 but not write to it (%2)")
                .arg(shown, probe.message),
            RemoteCheck::isSsh(p.remote)
                ? QStringLiteral("use a key with write access (not a read-only deploy key)")
                : QStringLiteral("use a token with write access (GitHub: Contents read and write) in the "
                                 "settings or in %1")
                      .arg(p.tokenEnv));
    return Finding::problem(QStringLiteral("push"),
                            QStringLiteral("push: not permitted: %1").arg(probe.message),
                            QStringLiteral("ask for write access to the repository, or check that the server "
                                           "accepts pushes there (git daemon: --enable=receive-pack)"));
}

Finding branchFinding(const config::Profile& p, const git::Remote::Probe& fetch, const Finding& push)
{
    if (const QString head = fetch.heads.value(p.branch); !head.isEmpty())
        return Finding::ok(QStringLiteral("branch"),
                           QStringLiteral("branch %1: on the remote at %2").arg(p.branch, head.left(7)));
    if (push.isProblem())
        return Finding::problem(
            QStringLiteral("branch"),
            QStringLiteral("branch %1: not on the remote, and cannot be created (push is not permitted)")
                .arg(p.branch),
            QStringLiteral("create the branch on the server, or get write access (see push)"));
    return Finding::ok(
        QStringLiteral("branch"),
        QStringLiteral("branch %1: not on the remote yet; the first sync creates it").arg(p.branch));
}

} // namespace

bool RemoteCheck::isSsh(const QString& url)
{
    if (url.startsWith(QStringLiteral("ssh://")) || url.startsWith(QStringLiteral("git+ssh://")) ||
        url.startsWith(QStringLiteral("ssh+git://")))
        return true;
    static const QRegularExpression scpLike(QStringLiteral("^[^/:]+:"));
    return !url.contains(QStringLiteral("://")) && scpLike.match(url).hasMatch();
}

QString RemoteCheck::localPath(const QString& url)
{
    if (url.startsWith(QStringLiteral("file://")))
        return QUrl(url).toLocalFile();
    if (url.startsWith(u'/'))
        return QDir::cleanPath(url);
    return {};
}

QList<Finding> RemoteCheck::run(const config::Profile& profile, const git::Credentials& credentials,
                                const util::StopToken& stop)
{
    const git::Library library;
    const bool ssh = isSsh(profile.remote);
    const QString shown = util::Redact::url(profile.remote);
    QList<Finding> out;
    const auto skipRest = [&](const QString& why) {
        if (ssh && out.size() == 1)
            out.append(Finding::skipped(QStringLiteral("host_key"),
                                        QStringLiteral("host key: not checked (%1)").arg(why)));
        for (const char* c : {"credentials", "branch", "push"})
            if (std::none_of(out.begin(), out.end(),
                             [c](const Finding& f) { return f.check == QLatin1StringView(c); }))
                out.append(Finding::skipped(
                    QString::fromLatin1(c),
                    QStringLiteral("%1: not checked (%2)").arg(QString::fromLatin1(c), why)));
    };
    if (profile.remote.isEmpty()) {
        out.append(Finding::problem(QStringLiteral("remote"), QStringLiteral("remote: none set"),
                                    QStringLiteral("set the profile's remote URL")));
        skipRest(QStringLiteral("no remote"));
        return out;
    }
    if (const QString local = localPath(profile.remote); !local.isEmpty() && !QFileInfo(local).isDir()) {
        out.append(Finding::problem(
            QStringLiteral("remote"), QStringLiteral("remote: %1 does not exist").arg(local),
            QStringLiteral("create it (git init --bare %1) or correct the remote").arg(local)));
        skipRest(QStringLiteral("no remote"));
        return out;
    }
    const git::Remote::Probe fetch =
        git::Remote::probe(profile.remote, credentials, git::Remote::Direction::Fetch, stop);
    switch (fetch.failure) {
    case Failure::Unreachable:
        out.append(Finding::problem(QStringLiteral("remote"),
                                    QStringLiteral("remote: cannot reach %1").arg(fetch.message),
                                    QStringLiteral("check the URL, the network, and that the server is up")));
        skipRest(QStringLiteral("the remote did not answer"));
        return out;
    case Failure::NotFound:
        out.append(Finding::problem(
            QStringLiteral("remote"), QStringLiteral("remote: no repository there: %1").arg(fetch.message),
            QStringLiteral("correct the remote URL, or create the repository there")));
        skipRest(QStringLiteral("no repository"));
        return out;
    default:
        out.append(Finding::ok(QStringLiteral("remote"), QStringLiteral("remote: %1 answers").arg(shown)));
        break;
    }
    if (fetch.failure == Failure::HostKey) {
        out.append(Finding::problem(QStringLiteral("host_key"),
                                    QStringLiteral("host key: %1").arg(fetch.message),
                                    hostKeyFix(profile.remote, fetch.message)));
        skipRest(QStringLiteral("the host key is not trusted"));
        return out;
    }
    if (ssh)
        out.append(
            Finding::ok(QStringLiteral("host_key"),
                        QStringLiteral("host key: %1's key is in known_hosts").arg(hostOf(profile.remote))));
    if (fetch.failure == Failure::Credentials) {
        out.append(Finding::problem(QStringLiteral("credentials"),
                                    QStringLiteral("credentials: %1").arg(fetch.message),
                                    credentialsFix(profile, credentials)));
        skipRest(QStringLiteral("the credentials were refused"));
        return out;
    }
    out.append(Finding::ok(QStringLiteral("credentials"),
                           fetch.usedCredentials ? QStringLiteral("credentials: accepted")
                                                 : QStringLiteral("credentials: none needed to read")));
    const Finding push = pushFinding(profile, credentials, stop);
    out.append(branchFinding(profile, fetch, push));
    out.append(push);
    return out;
}

} // namespace ferry::check
