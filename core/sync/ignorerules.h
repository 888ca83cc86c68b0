#pragma once

#include "util/result.h"

#include <QList>
#include <QRegularExpression>
#include <QStringList>

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

    bool ignores(const QString& relativePath, bool isDirectory) const;

private:
    struct Rule
    {
        QRegularExpression regex;
        bool negate = false;
        bool directoryOnly = false;
        bool anchored = false; // match the whole relative path, not just the name
    };
    QList<Rule> m_rules;
    // Without '!' rules the answer is "any rule matches": one combined expression per kind.
    bool m_hasNegation = false;
    QRegularExpression m_anyName, m_anyPath, m_anyDirName, m_anyDirPath;
};

} // namespace ferry::sync
