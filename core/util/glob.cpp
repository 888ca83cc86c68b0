#include "core/util/glob.h"

namespace ferry::util {
namespace {

Error invalid(const QString& pattern, const QString& what)
{
    return makeError(ErrorKind::Invalid, QStringLiteral("invalid glob \"%1\": %2").arg(pattern, what));
}

bool isSegmentStart(const QString& p, qsizetype i)
{
    return i == 0 || p[i - 1] == u'/' || p[i - 1] == u'{' || p[i - 1] == u',';
}

bool isSegmentEnd(const QString& p, qsizetype i)
{
    return i >= p.size() || p[i] == u'/' || p[i] == u'}' || p[i] == u',';
}

// Translates a bracket expression starting at p[i] == '['; returns the index after ']' or -1.
qsizetype translateBracket(const QString& p, qsizetype i, QString& out)
{
    qsizetype j = i + 1;
    QString set;
    if (j < p.size() && (p[j] == u'!' || p[j] == u'^')) {
        set += u'^';
        ++j;
    }
    const qsizetype firstMember = j;
    for (; j < p.size(); ++j) {
        const QChar c = p[j];
        if (c == u']' && j > firstMember) {
            out += u'[' + set + u']';
            return j + 1;
        }
        if (c == u'\\' && j + 1 < p.size())
            set += QRegularExpression::escape(QString(p[++j]));
        else if (c == u'-' && j > firstMember && j + 1 < p.size() && p[j + 1] != u']')
            set += u'-';
        else if (c == u'/')
            return -1; // a set never matches a separator; an unclosed '[' is the likely mistake
        else
            set += QRegularExpression::escape(QString(c));
    }
    return -1;
}

} // namespace

Glob::Glob(QString pattern, QRegularExpression regex)
    : m_pattern(std::move(pattern)), m_regex(std::move(regex))
{
}

Result<Glob> Glob::compile(const QString& pattern)
{
    const Result<QString> rx = toRegex(pattern);
    if (!rx)
        return rx.error();
    QRegularExpression regex(QRegularExpression::anchoredPattern(*rx), QRegularExpression::DontCaptureOption);
    if (!regex.isValid())
        return invalid(pattern, regex.errorString());
    regex.optimize();
    return Glob(pattern, std::move(regex));
}

Result<QString> Glob::toRegex(const QString& pattern)
{
    if (pattern.isEmpty())
        return invalid(pattern, QStringLiteral("empty pattern"));

    QString rx;
    int braceDepth = 0;
    for (qsizetype i = 0; i < pattern.size();) {
        const QChar c = pattern[i];
        if (c == u'*' && i + 1 < pattern.size() && pattern[i + 1] == u'*' && isSegmentStart(pattern, i) &&
            isSegmentEnd(pattern, i + 2)) {
            if (i + 2 < pattern.size() && pattern[i + 2] == u'/') {
                rx += QStringLiteral("(?:[^/]*/)*"); // "**/": zero or more whole folders
                i += 3;
            } else {
                rx += QStringLiteral(".*"); // trailing "**": everything below
                i += 2;
            }
        } else if (c == u'*') {
            while (i < pattern.size() && pattern[i] == u'*')
                ++i; // "a**b" is not a segment wildcard; it means the same as "a*b"
            rx += QStringLiteral("[^/]*");
        } else if (c == u'?') {
            rx += QStringLiteral("[^/]");
            ++i;
        } else if (c == u'[') {
            const qsizetype next = translateBracket(pattern, i, rx);
            if (next < 0)
                return invalid(pattern, QStringLiteral("'[' at position %1 is never closed").arg(i + 1));
            i = next;
        } else if (c == u'{') {
            ++braceDepth;
            rx += QStringLiteral("(?:");
            ++i;
        } else if (c == u'}') {
            if (braceDepth == 0)
                return invalid(pattern, QStringLiteral("'}' at position %1 has no matching '{'").arg(i + 1));
            --braceDepth;
            rx += u')';
            ++i;
        } else if (c == u',' && braceDepth > 0) {
            rx += u'|';
            ++i;
        } else if (c == u'\\') {
            if (i + 1 >= pattern.size())
                return invalid(pattern, QStringLiteral("it ends with a lone '\\'"));
            rx += QRegularExpression::escape(QString(pattern[i + 1]));
            i += 2;
        } else {
            rx += QRegularExpression::escape(QString(c));
            ++i;
        }
    }
    if (braceDepth > 0)
        return invalid(pattern, QStringLiteral("'{' is never closed"));
    return rx;
}

bool Glob::matches(const QString& path) const
{
    return m_regex.match(path).hasMatch();
}

} // namespace ferry::util
