#pragma once

#include "core/git/packplan.h"
#include "core/git/repacktrigger.h"
#include "core/util/result.h"
#include "core/util/stoptoken.h"

#include <functional>
#include <QByteArray>
#include <QSet>
#include <QString>

struct git_repository;
struct git_packbuilder;
struct git_oid;

namespace ferry::git {

// Keeps a profile's bare clone bounded, as `git gc --auto` does. Every cycle writes its blobs as loose
// objects and every fetch adds a pack; past a threshold, the loose objects and the small packs go into
// one new pack written with delta search (libgit2's packbuilder: a one-line edit of a large file becomes
// a small delta), then the loose objects that pack holds are removed (`git prune-packed`) and the packs
// it fully contains are dropped. Which packs are rewritten is PackPlan's geometric rule (`git repack
// --geometric=2`): the large pack of the history stays as it is, and a full repack of everything comes
// only when the small packs add up to half the largest. libgit2's packbuilder reuses no delta and
// makes no delta against an object outside the new pack, so each new pack holds one whole copy of a file
// edited meanwhile; the full repacks bring those back to deltas.
//
// Crash safety: nothing is removed before the new .pack and .idx are complete and flushed to disk
// (fsync of both and of the pack folder); every removal is of an object the new pack's own index holds;
// a pack's index goes before its data, so an interruption leaves at worst an unindexed .pack that git
// and libgit2 ignore (and the next cycle removes). Unreachable objects are packed too, never deleted:
// nothing is lost.
//
// Run it with the profile locked and no cycle running (SyncEngine::maintain does, after the cycle's
// result is out); it opens its own repository handle, so the caller should close its handles first
// (Windows cannot delete open packs).
class Repacker
{
public:
    // When maintenance runs: RepackTrigger's thresholds (by count, as gc.auto, and by weight).
    using Thresholds = RepackTrigger::Thresholds;

    struct Report
    {
        int objects = 0;        // in the new pack
        int looseBefore = 0;    // loose objects before (exact count)
        int looseRemoved = 0;   // of those, removed because the new pack holds them
        int packsBefore = 0;    // packs before
        int packsRemoved = 0;   // of those, dropped because the new pack holds all their objects
        int packsKept = 0;      // of those, left alone by the geometric rule
        bool full = false;      // every pack rewritten (the delta search over all objects)
        qint64 bytesBefore = 0; // objects/ on disk
        qint64 bytesAfter = 0;
        double seconds = 0;
        QString summary() const; // the log line
    };

    // Named points of a repack, for the crash tests (FERRY_FAILPOINT through SyncEngine): "repack-starting"
    // (nothing done yet), "repack-writing"
    // (the pack half written), "repack-written" (pack and index durable, nothing removed), "repack-pruning"
    // (some loose objects removed), "repack-dropping" (an old pack's index removed, its data not yet).
    using StepHook = std::function<void(const char* step)>;

    explicit Repacker(QString repoPath, Thresholds thresholds = Thresholds::fromEnvironment(),
                      util::StopToken stop = {}, StepHook onStep = {});

    // Whether the repository has passed a threshold (RepackTrigger::check).
    bool needed() const;
    // The temporary config the pack builder reads (its delta-search settings): inside the bare clone, so
    // that a repack killed before it removes the file leaves it where the next cycle's cleanup removes it
    // (ObjectDir::removeStaleTemporaries).
    static QString settingsPath(const QString& repoPath);
    // Repacks now. A failure or a stop leaves the repository as it was (plus, at most, the new pack).
    Result<Report> repack();

private:
    Result<int> writePack(const PackPlan& plan, QString& packName);
    int prune(const QString& newIndex, Status& status);
    int dropContainedPacks(const QStringList& oldPacks, const QString& newIndex, Status& status);
    struct SmallSet
    {
        QSet<QByteArray> ids;     // raw object ids going into a geometric pack
        QSet<QByteArray> visited; // trees entered
    };
    Status insertEverything(git_repository* repo, git_packbuilder* pb) const;
    Status insertSmall(git_repository* repo, git_packbuilder* pb, const PackPlan& plan) const;
    int insertTree(git_repository* repo, git_packbuilder* pb, SmallSet& set, const git_oid& treeId,
                   const QByteArray& path) const;
    void step(const char* name) const;

    QString m_path;
    Thresholds m_thresholds;
    util::StopToken m_stop;
    StepHook m_onStep;
};

} // namespace ferry::git
