#pragma once

#include <QByteArray>
#include <QList>

namespace ferry::merge {

// Two versions of a text as a sequence of runs that are the same on both sides and hunks where they
// differ, line by line (libgit2's diff, no context lines), for the resolver's side-by-side view and
// its per-hunk choices. Lines keep their endings, so joining them gives back each text byte for byte.
class LineDiff
{
public:
    struct Segment
    {
        bool differs = false;
        QList<QByteArray> local;  // lines; for a run that is the same, the lines of both sides
        QList<QByteArray> remote; // empty for a run that is the same
        int localFirstLine = 0;   // 0-based index of the first line on each side
        int remoteFirstLine = 0;
    };
    enum class Take { Local, Remote, Both }; // both: the local lines, then the remote ones

    static LineDiff compute(const QByteArray& local, const QByteArray& remote);
    static QList<QByteArray> splitLines(const QByteArray& text);

    const QList<Segment>& segments() const { return m_segments; }
    int hunkCount() const;
    // The text with hunk i taken as `takes[i]` (missing entries: Local).
    QByteArray merged(const QList<Take>& takes) const;

private:
    QList<Segment> m_segments;
};

} // namespace ferry::merge
