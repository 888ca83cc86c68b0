#include "core/sync/ignorerules.h"

#include "core/util/glob.h"

namespace ferry::sync {
namespace {

// Characters with a meaning in a glob; text before the first and after the last one is literal.
bool isGlobSyntax(QChar c)
{
    return c == u'*' || c == u'?' || c == u'[' || c == u']' || c == u'{' || c == u'}' || c == u'\\';
}

} // namespace

IgnoreRules::Rule IgnoreRules::Rule::fromGlob(const QString& glob, const QString& regex, bool anchored)
{
    Rule rule;
    rule.anchored = anchored;
    qsizetype first = 0;
    while (first < glob.size() && !isGlobSyntax(glob.at(first)))
        ++first;
    qsizetype last = glob.size();
    while (last > first && !isGlobSyntax(glob.at(last - 1)))
        --last;
    // "**/" and "/**" may match no folder at all, slash included: no literal text next to them is sure.
    if (!glob.contains(QStringLiteral("**"))) {
        rule.prefix = glob.left(first);
        rule.suffix = glob.mid(last);
    }
    if (first == glob.size()) {
        rule.kind = Kind::Exact;
    } else if (!anchored && last == first + 1 && glob.at(first) == u'*') {
        // In a name "*" matches any run of characters; in a path it stops at '/', so paths keep the regex.
        rule.kind = Kind::PrefixSuffix;
    } else {
        rule.kind = Kind::Regex;
        rule.regex = QRegularExpression(QRegularExpression::anchoredPattern(regex),
                                        QRegularExpression::DontCaptureOption);
        rule.regex.optimize();
    }
    return rule;
}

bool IgnoreRules::Rule::matches(QStringView subject) const
{
    // Every file of a scan is held against every rule: most fail on their first or last character,
    // without a string comparison.
    if ((!prefix.isEmpty() && (subject.isEmpty() || subject.front() != prefix.front())) ||
        (!suffix.isEmpty() && (subject.isEmpty() || subject.back() != suffix.back())))
        return false;
    if (kind == Kind::Exact)
        return subject == prefix;
    if (subject.size() < prefix.size() + suffix.size() || !subject.startsWith(prefix) ||
        !subject.endsWith(suffix))
        return false;
    return kind == Kind::PrefixSuffix || regex.match(subject).hasMatch();
}

const QStringList& IgnoreRules::defaults()
{
    // "\\#*#": a leading '#' starts a comment, as in .gitignore, so Emacs' autosave pattern escapes it.
    static const QStringList list = {
        QStringLiteral(".git/"),     QStringLiteral(".ferry-*"),  QStringLiteral(".DS_Store"),
        QStringLiteral("._*"),       QStringLiteral("Thumbs.db"), QStringLiteral("desktop.ini"),
        QStringLiteral("*.swp"),     QStringLiteral("*.swo"),     QStringLiteral("*.swx"),
        QStringLiteral("*~"),        QStringLiteral(".#*"),       QStringLiteral("\\#*#"),
        QStringLiteral("~$*"),       QStringLiteral(".~lock.*#"), QStringLiteral("*.tmp"),
        QStringLiteral("*.part"),    QStringLiteral("*.partial"), QStringLiteral("*.crdownload"),
        QStringLiteral(".Trash-*/"), QStringLiteral(".nfs*"),     QStringLiteral("__pycache__/"),
    };
    return list;
}

Result<IgnoreRules> IgnoreRules::compile(const QStringList& patterns)
{
    IgnoreRules rules;
    for (const QString& raw : defaults() + patterns) {
        QString p = raw.trimmed();
        if (p.isEmpty() || p.startsWith(u'#'))
            continue;
        const bool negate = p.startsWith(u'!');
        if (negate)
            p.remove(0, 1);
        const bool directoryOnly = p.endsWith(u'/');
        if (directoryOnly)
            p.chop(1);
        const bool anchored = p.contains(u'/');
        if (p.startsWith(u'/'))
            p.remove(0, 1);
        const Result<QString> rx = util::Glob::toRegex(p);
        if (!rx)
            return rx.error();
        Rule rule = Rule::fromGlob(p, *rx, anchored);
        rule.negate = negate;
        rule.directoryOnly = directoryOnly;
        rules.m_hasNegation = rules.m_hasNegation || negate;
        rules.m_rules.append(std::move(rule));
    }
    return rules;
}

bool IgnoreRules::ignoresPath(QStringView relativePath) const
{
    for (qsizetype slash = relativePath.indexOf(u'/'); slash > 0;
         slash = relativePath.indexOf(u'/', slash + 1)) {
        if (ignores(relativePath.left(slash), true))
            return true;
    }
    return ignores(relativePath, false);
}

bool IgnoreRules::ignores(QStringView relativePath, bool isDirectory) const
{
    const QStringView name = relativePath.mid(relativePath.lastIndexOf(u'/') + 1);
    bool ignored = false;
    for (const Rule& r : m_rules) {
        if ((r.directoryOnly && !isDirectory) || !r.matches(r.anchored ? relativePath : name))
            continue;
        if (!m_hasNegation)
            return true; // the first match decides
        ignored = !r.negate;
    }
    return ignored;
}

} // namespace ferry::sync
