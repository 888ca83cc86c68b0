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
        rules.index(int(rules.m_rules.size()) - 1);
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

void IgnoreRules::index(int rule)
{
    const Rule& r = m_rules[rule];
    if (!r.prefix.isEmpty() && r.prefix.front().unicode() < 128)
        (r.anchored ? m_byCharacter.pathFirst : m_byCharacter.nameFirst)[r.prefix.front().unicode()].append(
            rule);
    else if (!r.suffix.isEmpty() && r.suffix.back().unicode() < 128)
        m_byCharacter.last[r.suffix.back().unicode()].append(rule);
    else
        m_byCharacter.always.append(rule);
}

bool IgnoreRules::anyMatches(const RuleList& rules, QStringView path, QStringView name,
                             bool isDirectory) const
{
    for (const int i : rules) {
        const Rule& r = m_rules[i];
        if ((!r.directoryOnly || isDirectory) && r.matches(r.anchored ? path : name))
            return true;
    }
    return false;
}

// With '!' rules the order matters: every rule is held against the path, and the last match decides.
bool IgnoreRules::lastMatchIgnores(QStringView path, QStringView name, bool isDirectory) const
{
    bool ignored = false;
    for (const Rule& r : m_rules) {
        if ((r.directoryOnly && !isDirectory) || !r.matches(r.anchored ? path : name))
            continue;
        ignored = !r.negate;
    }
    return ignored;
}

bool IgnoreRules::ignores(QStringView relativePath, bool isDirectory) const
{
    const QStringView name = relativePath.mid(relativePath.lastIndexOf(u'/') + 1);
    if (m_hasNegation)
        return lastMatchIgnores(relativePath, name, isDirectory);
    // Without them any match ignores: only the rules that can match are held against it.
    const auto byCharacter = [](const std::array<RuleList, 128>& table, QStringView s, bool first) {
        static const RuleList none;
        if (s.isEmpty())
            return &none;
        const char16_t c = (first ? s.front() : s.back()).unicode();
        return c < 128 ? &table[c] : &none;
    };
    return anyMatches(m_byCharacter.always, relativePath, name, isDirectory) ||
           anyMatches(*byCharacter(m_byCharacter.nameFirst, name, true), relativePath, name, isDirectory) ||
           anyMatches(*byCharacter(m_byCharacter.pathFirst, relativePath, true), relativePath, name,
                      isDirectory) ||
           anyMatches(*byCharacter(m_byCharacter.last, name, false), relativePath, name, isDirectory);
}

} // namespace ferry::sync
