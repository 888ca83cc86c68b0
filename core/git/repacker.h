#pragma once

#include "core/util/result.h"
#include "core/util/stoptoken.h"

#include <functional>
#include <QString>

namespace ferry::git {

// Keeps a profile's bare clone bounded, as `git gc --auto` does. Every cycle writes its blobs as loose
// objects and every fetch adds a pack; past a threshold, everything in the object database goes into
// one new pack written with delta search (libgit2's packbuilder: a one-line edit of a large file
// becomes a small delta), then the loose objects that pack holds are removed (`git prune-packed`) and
// the older packs it fully contains are dropped.
//
// Crash safety: nothing is removed before the new .pack and .idx are complete and flushed to disk
// (fsync of both and of the pack folder); every removal is of an object the new pack holds; a pack's
// index goes before its data, so an interruption leaves at worst an unindexed .pack that git and
// libgit2 ignore. Unreachable objects are packed too, never deleted: nothing is lost.
//
// Run it with the profile locked and no cycle running (SyncEngine does, after a cycle); it opens its own
// repository handle, so the caller should close its handles first (Windows cannot delete open packs).
class Repacker
{
public:
    // When maintenance runs: like git's gc.auto (6,700 loose objects) and gc.autoPackLimit (50), lower
    // because every Ferry cycle writes whole files; and, for large files, the loose objects' bytes.
    // Overridden by FERRY_REPACK_LOOSE_OBJECTS, FERRY_REPACK_PACKS and FERRY_REPACK_LOOSE_MB (0 turns
    // that trigger off).
    struct Thresholds
    {
        int looseObjects = 1000;
        int packs = 20;
        int looseMegabytes = 256;
        static Thresholds fromEnvironment();
    };

    struct Report
    {
        int objects = 0;        // in the new pack
        int looseBefore = 0;    // loose objects before (exact count)
        int looseRemoved = 0;   // of those, removed because the new pack holds them
        int packsBefore = 0;    // packs before
        int packsRemoved = 0;   // of those, dropped because the new pack holds all their objects
        qint64 bytesBefore = 0; // objects/ on disk
        qint64 bytesAfter = 0;
        double seconds = 0;
        QString summary() const; // the log line
    };

    // Named points of a repack, for the crash tests (FERRY_FAILPOINT through SyncEngine): "repack-writing"
    // (the pack half written), "repack-written" (pack and index durable, nothing removed), "repack-pruning"
    // (some loose objects removed), "repack-dropping" (an old pack's index removed, its data not yet).
    using StepHook = std::function<void(const char* step)>;

    explicit Repacker(QString repoPath, Thresholds thresholds = Thresholds::fromEnvironment(),
                      util::StopToken stop = {}, StepHook onStep = {});

    // Whether the repository has passed a threshold: two directory reads (objects/17, objects/pack).
    bool needed() const;
    // Removes what an interrupted pack write left in objects/pack an hour ago or earlier (a killed first
    // sync or large-file upload leaves a temporary pack as large as its files): one read of objects/pack,
    // cheap enough for every cycle, so that the space comes back without waiting for a repack.
    int removeLeftovers() const;
    // Repacks now. A failure or a stop leaves the repository as it was (plus, at most, the new pack).
    Result<Report> repack();

private:
    Result<int> writePack(QString& packName);
    int prune(const QString& newIndex, Status& status);
    int dropContainedPacks(const QStringList& oldPacks, const QString& newIndex, Status& status);
    void step(const char* name) const;

    QString m_path;
    Thresholds m_thresholds;
    util::StopToken m_stop;
    StepHook m_onStep;
};

} // namespace ferry::git
