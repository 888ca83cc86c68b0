#pragma once

#include "core/util/result.h"

#include <QRegularExpression>
#include <QString>

namespace ferry::util {

// A path glob as used by conflict rules and ignore rules, matched against a whole '/'-separated path:
//   *       any run of characters except '/'
//   ?       one character except '/'
//   **      as a whole segment: zero or more folders ("**/x", "a/**", "a/**/b", "**")
//   [abc] [a-z] [!a-z]   one character from (or not from) a set
//   {md,txt}             alternatives, may nest and contain any of the above
//   \x      a literal x
class Glob
{
public:
    // Compiles a pattern; an unbalanced bracket or brace, an empty pattern or a dangling escape is an
    // ErrorKind::Invalid error whose message says what is wrong and where.
    static Result<Glob> compile(const QString& pattern);

    // The regular expression (unanchored) a pattern compiles to, for combining many into one.
    static Result<QString> toRegex(const QString& pattern);

    bool matches(const QString& path) const;
    const QString& pattern() const { return m_pattern; }

private:
    Glob(QString pattern, QRegularExpression regex);

    QString m_pattern;
    QRegularExpression m_regex;
};

} // namespace ferry::util
