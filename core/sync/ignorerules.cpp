#include "sync/ignorerules.h"

#include "util/glob.h"

namespace ferry::sync {
namespace {

QRegularExpression combine(const QStringList& alternatives)
{
    if (alternatives.isEmpty())
        return QRegularExpression(QStringLiteral("(?!)")); // matches nothing
    QRegularExpression re(
        QRegularExpression::anchoredPattern(QStringLiteral("(?:") + alternatives.join(u'|') + u')'),
        QRegularExpression::DontCaptureOption);
    re.optimize();
    return re;
}

} // namespace

const QStringList& IgnoreRules::defaults()
{
    static const QStringList list = {
        QStringLiteral(".git/"),     QStringLiteral(".ferry-*"),  QStringLiteral(".DS_Store"),
        QStringLiteral("._*"),       QStringLiteral("Thumbs.db"), QStringLiteral("desktop.ini"),
        QStringLiteral("*.swp"),     QStringLiteral("*.swo"),     QStringLiteral("*.swx"),
        QStringLiteral("*~"),        QStringLiteral(".#*"),       QStringLiteral("#*#"),
        QStringLiteral("~$*"),       QStringLiteral(".~lock.*#"), QStringLiteral("*.tmp"),
        QStringLiteral("*.part"),    QStringLiteral("*.partial"), QStringLiteral("*.crdownload"),
        QStringLiteral(".Trash-*/"), QStringLiteral(".nfs*"),     QStringLiteral("__pycache__/"),
    };
    return list;
}

Result<IgnoreRules> IgnoreRules::compile(const QStringList& patterns)
{
    IgnoreRules rules;
    QStringList anyName, anyPath, anyDirName, anyDirPath;
    for (const QString& raw : defaults() + patterns) {
        QString p = raw.trimmed();
        if (p.isEmpty() || p.startsWith(u'#'))
            continue;
        Rule rule;
        if (p.startsWith(u'!')) {
            rule.negate = true;
            p.remove(0, 1);
        }
        if (p.endsWith(u'/')) {
            rule.directoryOnly = true;
            p.chop(1);
        }
        rule.anchored = p.contains(u'/');
        if (p.startsWith(u'/'))
            p.remove(0, 1);
        const Result<QString> rx = util::Glob::toRegex(p);
        if (!rx)
            return rx.error();
        rule.regex = QRegularExpression(QRegularExpression::anchoredPattern(*rx),
                                        QRegularExpression::DontCaptureOption);
        rules.m_hasNegation = rules.m_hasNegation || rule.negate;
        QStringList& bucket = rule.directoryOnly ? (rule.anchored ? anyDirPath : anyDirName)
                                                 : (rule.anchored ? anyPath : anyName);
        bucket.append(*rx);
        rules.m_rules.append(rule);
    }
    rules.m_anyName = combine(anyName);
    rules.m_anyPath = combine(anyPath);
    rules.m_anyDirName = combine(anyDirName);
    rules.m_anyDirPath = combine(anyDirPath);
    return rules;
}

bool IgnoreRules::ignores(const QString& relativePath, bool isDirectory) const
{
    const QString name = relativePath.mid(relativePath.lastIndexOf(u'/') + 1);
    if (!m_hasNegation) {
        return m_anyName.match(name).hasMatch() || m_anyPath.match(relativePath).hasMatch() ||
               (isDirectory &&
                (m_anyDirName.match(name).hasMatch() || m_anyDirPath.match(relativePath).hasMatch()));
    }
    bool ignored = false;
    for (const Rule& r : m_rules) {
        if (r.directoryOnly && !isDirectory)
            continue;
        if (r.regex.match(r.anchored ? relativePath : name).hasMatch())
            ignored = !r.negate;
    }
    return ignored;
}

} // namespace ferry::sync
