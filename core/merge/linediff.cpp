#include "core/merge/linediff.h"

#include "core/git/library.h"

#include <git2.h>

namespace ferry::merge {
namespace {

struct Hunk
{
    int localStart, localCount, remoteStart, remoteCount; // 0-based
};

int collectHunk(const git_diff_delta*, const git_diff_hunk* h, void* payload)
{
    // With no lines on a side, libgit2's start is the line after which the others go (0: at the top).
    const int local = h->old_lines == 0 ? h->old_start : h->old_start - 1;
    const int remote = h->new_lines == 0 ? h->new_start : h->new_start - 1;
    static_cast<QList<Hunk>*>(payload)->append({local, int(h->old_lines), remote, int(h->new_lines)});
    return 0;
}

void appendJoined(QByteArray& out, const QList<QByteArray>& lines)
{
    for (const QByteArray& line : lines) {
        if (!out.isEmpty() && !out.endsWith('\n'))
            out += '\n'; // a last line without its newline, now followed by another
        out += line;
    }
}

} // namespace

QList<QByteArray> LineDiff::splitLines(const QByteArray& text)
{
    QList<QByteArray> lines;
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf('\n', start);
        end = end < 0 ? text.size() : end + 1;
        lines.append(text.mid(start, end - start));
        start = end;
    }
    return lines;
}

LineDiff LineDiff::compute(const QByteArray& local, const QByteArray& remote)
{
    const git::Library git;
    QList<Hunk> hunks;
    git_diff_options options = GIT_DIFF_OPTIONS_INIT;
    options.context_lines = 0;
    options.interhunk_lines = 0;
    options.flags = GIT_DIFF_FORCE_TEXT;
    git_diff_buffers(local.constData(), size_t(local.size()), nullptr, remote.constData(),
                     size_t(remote.size()), nullptr, &options, nullptr, nullptr, collectHunk, nullptr,
                     &hunks);
    const QList<QByteArray> a = splitLines(local), b = splitLines(remote);
    LineDiff diff;
    int ia = 0, ib = 0;
    const auto same = [&](int untilA) {
        if (untilA <= ia)
            return;
        Segment s;
        s.local = a.mid(ia, untilA - ia);
        s.localFirstLine = ia;
        s.remoteFirstLine = ib;
        ib += untilA - ia;
        ia = untilA;
        diff.m_segments.append(s);
    };
    for (const Hunk& h : hunks) {
        same(h.localStart);
        Segment s;
        s.differs = true;
        s.local = a.mid(h.localStart, h.localCount);
        s.remote = b.mid(h.remoteStart, h.remoteCount);
        s.localFirstLine = h.localStart;
        s.remoteFirstLine = h.remoteStart;
        diff.m_segments.append(s);
        ia = h.localStart + h.localCount;
        ib = h.remoteStart + h.remoteCount;
    }
    same(int(a.size()));
    return diff;
}

int LineDiff::hunkCount() const
{
    return int(
        std::count_if(m_segments.begin(), m_segments.end(), [](const Segment& s) { return s.differs; }));
}

QByteArray LineDiff::merged(const QList<Take>& takes) const
{
    QByteArray out;
    int hunk = 0;
    for (const Segment& s : m_segments) {
        if (!s.differs) {
            appendJoined(out, s.local);
            continue;
        }
        const Take take = takes.value(hunk++, Take::Local);
        if (take != Take::Remote)
            appendJoined(out, s.local);
        if (take != Take::Local)
            appendJoined(out, s.remote);
    }
    return out;
}

} // namespace ferry::merge
