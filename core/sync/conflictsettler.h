#pragma once

#include "config/config.h"
#include "git/repository.h"
#include "sync/scanner.h"
#include "sync/syncplan.h"
#include "sync/syncresult.h"
#include "sync/syncstate.h"

#include <QDateTime>

namespace ferry::sync {

// Settles the conflicts of a plan by each path's policy (the profile's conflict rules: globs on the
// repository path, first match wins):
// - union     JSON records merged (merge::JsonUnion) -> plan.merged; records changed on both sides
//             with no newer side stay pending ("records").
// - merge     three-way text merge (merge::TextMerge) -> plan.merged; overlapping edits get markers
//             and stay pending ("markers").
// - newest    local mtime against the remote head's commit time: the newer wins (a tie goes to the
//             remote) -> plan.uploads or plan.downloads; the local loser is archived when replaced.
// - keep-both stays in plan.conflicts.
// A policy that does not apply to the content (invalid JSON, binary text) falls back to keep-both
// with a note. A local file that changed since the scan is left for the next cycle.
class ConflictSettler
{
public:
    ConflictSettler(git::Repository& repo, const QList<config::ConflictRule>& rules);

    void settle(SyncPlan& plan, const FileRecords& base, const ScanResult& scan, const git::TreeFiles& remote,
                const QDateTime& remoteTime, SyncResult& result);

    // The policy of a repository path under `rules` (keep-both when none matches).
    static config::ConflictPolicy policyFor(const QList<config::ConflictRule>& rules, const QString& path);

private:
    // What one conflict became; false when it stays a keep-both case.
    bool settleOne(const ConflictCase& c, SyncPlan& plan, const FileRecords& base, const ScanResult& scan,
                   const git::TreeFiles& remote, const QDateTime& remoteTime, SyncResult& result);

    git::Repository& m_repo;
    const QList<config::ConflictRule>& m_rules;
};

} // namespace ferry::sync
