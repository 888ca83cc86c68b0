#pragma once

#include <QByteArray>
#include <QString>

namespace ferry::merge {

// The `merge` conflict policy for text: a three-way line merge (libgit2's merge-file, as `git merge`).
// Edits to different lines merge clean. Overlapping edits give standard conflict markers
// (<<<<<<< local / ||||||| base / ======= / >>>>>>> remote) and `clean == false`. Line endings are
// kept: CRLF files get CRLF marker lines too. Binary or non-UTF-8 content on any side is not
// applicable (the caller keeps both versions instead). An empty base means "new on both sides".
class TextMerge
{
public:
    struct Outcome
    {
        bool applicable = false;
        QString reason; // why not, when not applicable
        QByteArray merged;
        bool clean = false;
        int conflictingHunks = 0;
    };

    static Outcome merge(const QByteArray& base, const QByteArray& local, const QByteArray& remote);
};

} // namespace ferry::merge
