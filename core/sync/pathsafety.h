#pragma once

#include <QSet>
#include <QString>

namespace ferry::sync {

// Decides whether a path that arrives from the remote may be written under a mapped folder. A tree
// crafted to escape the folder ("..", absolute paths, ".git", names the platform cannot hold, names
// that collide by case on a case-insensitive file system) is refused entry by entry.
class PathSafety
{
public:
    // Why `relativePath` (inside a mapped folder) must not be written, or an empty string.
    static QString problem(const QString& relativePath);

    // True when `folder` lives on a file system that does not tell "A" from "a".
    static bool isCaseInsensitive(const QString& folder);

    // Every path that collides with another when case is ignored.
    static QSet<QString> caseCollisions(const QList<QString>& paths);
};

} // namespace ferry::sync
