#include "core/util/redact.h"

#include <QRegularExpression>
#include <QUrl>

namespace ferry::util {
namespace {

// scheme://userinfo@host…: the user-info ends at the last '@' before the first '/' after the scheme.
struct UserInfo
{
    qsizetype start = -1; // first character of the user-info
    qsizetype at = -1;    // the '@' after it
};

UserInfo userInfoOf(const QString& url)
{
    const qsizetype scheme = url.indexOf(QStringLiteral("://"));
    if (scheme <= 0)
        return {};
    const qsizetype start = scheme + 3;
    qsizetype end = url.indexOf(u'/', start);
    if (end < 0)
        end = url.size();
    const qsizetype at = url.lastIndexOf(u'@', end - 1);
    if (at < start)
        return {};
    return {start, at};
}

bool isSsh(const QString& url)
{
    return url.startsWith(QStringLiteral("ssh://")) || url.startsWith(QStringLiteral("git+ssh://")) ||
           url.startsWith(QStringLiteral("ssh+git://"));
}

// Known token shapes (GitHub, GitLab, Bitbucket app passwords are long), or anything long and opaque.
bool looksLikeToken(const QString& user)
{
    static const QRegularExpression known(QStringLiteral("^(gh[pousr]_|github_pat_|glpat-|x-token-auth)"));
    static const QRegularExpression opaque(QStringLiteral("^[A-Za-z0-9_\\-]{30,}$"));
    return known.match(user).hasMatch() || opaque.match(user).hasMatch();
}

} // namespace

QString Redact::url(const QString& text)
{
    const UserInfo info = userInfoOf(text);
    if (info.start < 0)
        return text;
    const QString userInfo = text.mid(info.start, info.at - info.start);
    if (isSsh(text)) {
        const qsizetype colon = userInfo.indexOf(u':');
        if (colon < 0)
            return text;
        return text.left(info.start) + userInfo.left(colon) + text.mid(info.at);
    }
    return text.left(info.start) + text.mid(info.at + 1);
}

QString Redact::text(const QString& text)
{
    // A URL runs until white space or a quote; only those with a user-info change.
    static const QRegularExpression urls(
        QStringLiteral("[A-Za-z][A-Za-z0-9+.\\-]*://[^\\s'\"<>]+@[^\\s'\"<>]*"));
    QString out = text;
    QRegularExpressionMatchIterator it = urls.globalMatch(text);
    qsizetype shift = 0;
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString clean = url(m.captured());
        out.replace(m.capturedStart() + shift, m.capturedLength(), clean);
        shift += clean.size() - m.capturedLength();
    }
    return out;
}

QString Redact::webhook(const QString& text)
{
    const QUrl parsed(text);
    if (!parsed.isValid() || parsed.host().isEmpty())
        return QStringLiteral("(a webhook URL)");
    QString shown = parsed.scheme() + QStringLiteral("://") + parsed.host();
    if (parsed.port() >= 0)
        shown += u':' + QString::number(parsed.port());
    return shown + QStringLiteral("/…");
}

QString Redact::secretIn(const QString& text)
{
    const UserInfo info = userInfoOf(text);
    if (info.start < 0)
        return {};
    const QString userInfo = text.mid(info.start, info.at - info.start);
    if (userInfo.contains(u':'))
        return QStringLiteral("a password or token");
    if (!isSsh(text) && looksLikeToken(userInfo))
        return QStringLiteral("a token as the user name");
    return {};
}

} // namespace ferry::util
