#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace ferry::git {

// OpenSSH's known_hosts, to check an SSH server's host key before Ferry talks to it (libgit2 1.5 does
// not check host keys itself). Understands plain and hashed (`|1|salt|hash`) host names, `[host]:port`,
// `*`/`?` wildcards, `!` negations, comma-separated lists, comments and `@revoked`; `@cert-authority`
// lines are not supported and never match.
class KnownHosts
{
public:
    enum class Verdict {
        Match,    // a line for this host holds exactly this key
        Mismatch, // lines for this host exist, none with this key (or the key is revoked)
        Unknown,  // no line for this host
    };

    // FERRY_KNOWN_HOSTS (files separated by ':') if set, else ~/.ssh/known_hosts and
    // /etc/ssh/ssh_known_hosts.
    static QStringList defaultFiles();
    // The SSH port of a remote URL: ssh://host:2222/… gives 2222; scp-like and others 22.
    static int sshPort(const QString& remoteUrl);
    // Missing or unreadable files count as empty.
    static KnownHosts load(const QStringList& files);
    static KnownHosts parse(const QByteArray& text);

    // `keyBlob` is the key in SSH wire format (what the known_hosts line holds in base64).
    Verdict check(const QString& host, int port, const QByteArray& keyBlob) const;

private:
    struct Line
    {
        QStringList patterns;  // plain or wildcard host patterns, "!" for negations
        QByteArray salt, hash; // a hashed host name
        QByteArray key;
        bool revoked = false;
    };
    static bool hostMatches(const Line& line, const QString& name);

    QList<Line> m_lines;
};

} // namespace ferry::git
