#pragma once

#include "core/config/config.h"
#include "core/git/repository.h"
#include "core/sync/scanner.h"
#include "core/sync/syncplan.h"
#include "core/sync/syncresult.h"
#include "core/sync/syncstate.h"

#include <functional>
#include <QDateTime>

namespace ferry::sync {

// Settles the conflicts of a plan by each path's policy (the profile's conflict rules: globs on the
// repository path, first match wins):
// - union     JSON records merged (merge::JsonUnion) -> plan.merged; records changed on both sides
//             with no newer side stay pending ("records").
// - merge     three-way text merge (merge::TextMerge) -> plan.merged; overlapping edits get markers
//             and stay pending ("markers"). A file new on both sides has no base to merge from: it
//             stays a keep-both case (identical content never reaches here).
// - newest    the local file's mtime against the time of the newest remote commit that changed that
//             path (not the head's): the later wins -> plan.uploads or plan.downloads; the local loser
//             is archived when replaced, the remote one stays in the history. Within kNearTieMs of
//             each other neither is trusted to be later (clocks drift): both are kept.
// - keep-both stays in plan.conflicts.
// A policy that does not apply to the content (invalid JSON, binary text) falls back to keep-both
// with a note. A local file that changed since the scan is left for the next cycle.
class ConflictSettler
{
public:
    static constexpr qint64 kNearTieMs = 2000;

    // When the remote version of a path was written: the newest remote commit that changed it.
    using RemoteTime = std::function<QDateTime(const QString& path)>;

    ConflictSettler(git::Repository& repo, const QList<config::ConflictRule>& rules, RemoteTime remoteTime);

    void settle(SyncPlan& plan, const FileRecords& base, const ScanResult& scan, const git::TreeFiles& remote,
                SyncResult& result);

    // The policy of a repository path under `rules` (keep-both when none matches).
    static config::ConflictPolicy policyFor(const QList<config::ConflictRule>& rules, const QString& path);

private:
    // One cycle's inputs and outputs, for the steps below.
    struct Job
    {
        SyncPlan& plan;
        const FileRecords& base;
        const ScanResult& scan;
        const git::TreeFiles& remote;
        SyncResult& result;
    };
    // What one conflict became; false when it stays a keep-both case.
    bool settleOne(const ConflictCase& c, Job& job);
    bool settleByTime(const ConflictCase& c, Job& job);
    bool settleByMerge(const ConflictCase& c, Job& job);
    bool keepBoth(const ConflictCase& c, Job& job, const QString& why);

    git::Repository& m_repo;
    const QList<config::ConflictRule>& m_rules;
    RemoteTime m_remoteTime;
};

} // namespace ferry::sync
