#include "core/git/knownhosts.h"

#include <QDir>
#include <QFile>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>
#include <QUrl>

namespace ferry::git {
namespace {

// An OpenSSH host pattern: '*' any run, '?' one character, everything else literal ("[host]:2222" too);
// matched case-insensitively.
bool wildcardMatches(const QString& pattern, const QString& name)
{
    QString regex;
    for (const QChar c : pattern)
        regex += c == u'*'   ? QStringLiteral(".*")
                 : c == u'?' ? QStringLiteral(".")
                             : QRegularExpression::escape(c);
    const QRegularExpression re(QRegularExpression::anchoredPattern(regex),
                                QRegularExpression::CaseInsensitiveOption);
    return re.match(name).hasMatch();
}

} // namespace

QStringList KnownHosts::defaultFiles()
{
    if (qEnvironmentVariableIsSet("FERRY_KNOWN_HOSTS"))
        return qEnvironmentVariable("FERRY_KNOWN_HOSTS").split(u':', Qt::SkipEmptyParts);
    return {QDir::homePath() + QStringLiteral("/.ssh/known_hosts"),
            QStringLiteral("/etc/ssh/ssh_known_hosts")};
}

int KnownHosts::sshPort(const QString& remoteUrl)
{
    const QUrl url(remoteUrl);
    return url.scheme() == u"ssh" || url.scheme() == u"git+ssh" || url.scheme() == u"ssh+git" ? url.port(22)
                                                                                              : 22;
}

KnownHosts KnownHosts::load(const QStringList& files)
{
    QByteArray all;
    for (const QString& path : files) {
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            all += f.readAll() + '\n';
    }
    return parse(all);
}

KnownHosts KnownHosts::parse(const QByteArray& text)
{
    KnownHosts hosts;
    for (QByteArray raw : text.split('\n')) {
        raw = raw.trimmed();
        if (raw.isEmpty() || raw.startsWith('#'))
            continue;
        QList<QByteArray> fields = raw.simplified().split(' ');
        Line line;
        if (fields.first().startsWith('@')) {
            if (fields.first() != "@revoked")
                continue; // @cert-authority: certificates are not supported
            line.revoked = true;
            fields.removeFirst();
        }
        if (fields.size() < 3)
            continue;
        const QByteArray& names = fields[0];
        if (names.startsWith("|1|")) {
            const QList<QByteArray> parts = names.split('|'); // "", "1", salt, hash
            if (parts.size() != 4)
                continue;
            line.salt = QByteArray::fromBase64(parts[2]);
            line.hash = QByteArray::fromBase64(parts[3]);
        } else {
            line.patterns = QString::fromUtf8(names).split(u',', Qt::SkipEmptyParts);
        }
        line.key = QByteArray::fromBase64(fields[2]);
        if (!line.key.isEmpty())
            hosts.m_lines.append(line);
    }
    return hosts;
}

bool KnownHosts::hostMatches(const Line& line, const QString& name)
{
    if (!line.salt.isEmpty())
        return QMessageAuthenticationCode::hash(name.toUtf8(), line.salt, QCryptographicHash::Sha1) ==
               line.hash;
    bool matched = false;
    for (const QString& pattern : line.patterns) {
        if (pattern.startsWith(u'!')) {
            if (wildcardMatches(pattern.mid(1), name))
                return false; // a negated pattern excludes the host from the whole line
        } else if (wildcardMatches(pattern, name)) {
            matched = true;
        }
    }
    return matched;
}

KnownHosts::Verdict KnownHosts::check(const QString& host, int port, const QByteArray& keyBlob) const
{
    const QString name = port == 22 || port <= 0 ? host : QStringLiteral("[%1]:%2").arg(host).arg(port);
    bool known = false, matched = false;
    for (const Line& line : m_lines) {
        if (!hostMatches(line, name))
            continue;
        if (line.revoked) {
            if (line.key == keyBlob)
                return Verdict::Mismatch; // a revoked key is refused whatever else says
            continue;
        }
        known = true;
        matched = matched || line.key == keyBlob;
    }
    return matched ? Verdict::Match : known ? Verdict::Mismatch : Verdict::Unknown;
}

} // namespace ferry::git
