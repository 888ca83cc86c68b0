#pragma once

#include <QString>

namespace ferry::git {

// When a profile's bare clone needs a repack, as `git gc --auto` decides, plus a rule by weight. git
// counts objects (gc.auto, 6,700) and packs (gc.autoPackLimit, 50); a Ferry object is often a whole
// version of a large file, so a count lets the clone grow by hundreds of MB between repacks (1,000
// one-line edits of a 1 MB file: 18 MB at the 1,000-object trigger against 0.7 MB after `git gc`). So it
// also weighs what a repack would shrink: the loose objects and every pack but the largest, against a
// budget of half the largest pack (as the geometric rule rolls them up past it) and at least
// `looseMegabytes`. After a repack that budget holds again (the geometric rule leaves packs that weigh
// at most half the largest together), so the trigger cannot fire twice in a row for nothing.
class RepackTrigger
{
public:
    // Overridden by FERRY_REPACK_LOOSE_OBJECTS, FERRY_REPACK_PACKS, FERRY_REPACK_LOOSE_MB and
    // FERRY_REPACK_LOOSE_PERCENT; 0 turns a trigger off (the weight with FERRY_REPACK_LOOSE_MB=0).
    struct Thresholds
    {
        int looseObjects = 1000;       // lower than gc.auto: every Ferry cycle writes whole files
        int packs = 20;                // lower than gc.autoPackLimit: every fetch adds one
        int looseMegabytes = 8;        // the weight budget's floor, in MiB
        int percentOfLargestPack = 50; // the weight budget, relative to the largest pack
        static Thresholds fromEnvironment();
    };

    // What a repack would shrink, in bytes on disk.
    struct Weight
    {
        qint64 loose = 0;      // loose objects
        qint64 smallPacks = 0; // every pack but the largest
        qint64 largestPack = 0;
        qint64 budget = 0; // the weight past which a repack runs
        bool over() const { return budget > 0 && loose + smallPacks > budget; }
    };

    enum class Reason {
        None,
        LooseObjects,
        Packs,
        Weight,
    };

    RepackTrigger(QString repoPath, Thresholds thresholds);

    // A few directory reads (objects/17, objects/pack; every fan-out folder while few objects are loose,
    // where one folder is no sample), cheap enough after every cycle.
    Reason check() const;
    Weight weigh() const;

private:
    qint64 looseBytes() const;

    QString m_path;
    Thresholds m_thresholds;
};

} // namespace ferry::git
