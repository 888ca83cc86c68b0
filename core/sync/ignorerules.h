#pragma once

#include "core/util/result.h"

#include <array>
#include <QList>
#include <QRegularExpression>
#include <QStringList>
#include <QVarLengthArray>

namespace ferry::sync {

// Which paths of a mapped folder are not synced, in gitignore syntax: a pattern without '/' matches a
// name at any depth, one with a '/' (or a leading '/') matches from the folder's root, a trailing '/'
// matches folders only, '!' takes a path back, and the last matching pattern wins. An ignored folder
// is not entered. Some names are always ignored (defaults()): editor swap and lock files, partial
// downloads, OS litter, nested .git folders and Ferry's own temporary files.
class IgnoreRules
{
public:
    static Result<IgnoreRules> compile(const QStringList& patterns);
    static const QStringList& defaults();

    bool ignores(QStringView relativePath, bool isDirectory) const;
    // Whether a file at `relativePath` is ignored, by its own name or because a folder on its way is
    // (as in git, a file inside an ignored folder cannot be taken back).
    bool ignoresPath(QStringView relativePath) const;

private:
    // Every file of every scan goes through these rules, so most are answered by comparing literals
    // (as git does): "Thumbs.db" is an exact name, "*.swp" a suffix, "._*" a prefix. A regular
    // expression runs only for the rest, and only on names that have its literal prefix and suffix.
    struct Rule
    {
        enum class Kind { Exact, PrefixSuffix, Regex };
        Kind kind = Kind::Regex;
        QString prefix, suffix; // literal text every match starts and ends with
        QRegularExpression regex;
        bool negate = false;
        bool directoryOnly = false;
        bool anchored = false; // match the whole relative path, not just the name

        static Rule fromGlob(const QString& glob, const QString& regex, bool anchored);
        bool matches(QStringView subject) const;
    };
    // The rules a subject can match, by one of its characters: a rule with a literal prefix only ever
    // matches names (or paths, when anchored) that start with its first character, one with a literal
    // suffix only names that end with its last. A scan holds each file against the few rules of its
    // first and last characters instead of all of them.
    using RuleList = QVarLengthArray<int, 2>;
    struct ByCharacter
    {
        std::array<RuleList, 128> nameFirst, pathFirst, last;
        RuleList always; // no ASCII literal to sort them by
    };
    void index(int rule);
    bool anyMatches(const RuleList& rules, QStringView path, QStringView name, bool isDirectory) const;
    bool lastMatchIgnores(QStringView path, QStringView name, bool isDirectory) const;

    QList<Rule> m_rules;
    bool m_hasNegation = false; // without '!' rules the first match decides
    ByCharacter m_byCharacter;
};

} // namespace ferry::sync
