#pragma once

#include "core/git/packindexreader.h"
#include "core/util/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

struct git_repository;

namespace ferry::git {

// What a push of one branch sends: the commits from the new head back to what the remote has, and the
// trees and blobs they add. A commit's tree is compared with its parents' trees by id, descending only
// into subtrees that differ (git's "edge" logic): what a parent's tree holds at the same path is on the
// remote already, or sent with that parent. Blobs of at least kStreamFrom bytes stored whole in a pack
// are listed apart with where their entries lie, so the pack can be streamed from there.
class PushObjects
{
public:
    static constexpr quint64 kStreamFrom = quint64(16) << 20; // BlobWriter stores these as packs

    struct LargeBlob
    {
        QByteArray id; // 20 bytes
        PackIndexReader::Entry entry;
    };

    // `head` and `haves` are 20-byte ids; haves the object database does not hold are ignored.
    static Result<PushObjects> collect(git_repository* repo, const QByteArray& head,
                                       const QList<QByteArray>& haves);

    // Commits, trees and the other blobs, each once (20-byte ids).
    const QList<QByteArray>& objects() const { return m_objects; }
    const QList<LargeBlob>& largeBlobs() const { return m_large; }

private:
    QList<QByteArray> m_objects;
    QList<LargeBlob> m_large;
};

} // namespace ferry::git
