#pragma once

#include "core/config/config.h"
#include "core/git/remote.h"
#include "core/git/repository.h"
#include "core/sync/ignorerules.h"
#include "core/sync/reconciler.h"
#include "core/sync/scanner.h"
#include "core/sync/syncplan.h"
#include "core/sync/syncresult.h"
#include "core/sync/syncstate.h"
#include "core/util/backoff.h"
#include "core/util/stoptoken.h"

#include <functional>
#include <QDateTime>
#include <QElapsedTimer>

namespace ferry::sync {

struct SyncOptions;

// One cycle of one profile, in named steps: scan the folders, then fetch and plan, commit and push
// (again from the fetch when the push lost a race), apply the remote side to the folders, and finish
// the state. SyncEngine holds the profile lock and loads and saves state.json around it; this class
// only changes `state` (the working copy) and `result`.
class SyncCycle
{
public:
    static constexpr int kMaxPushAttempts = 5;

    // What a cycle works with; the engine owns all of it.
    struct Setup
    {
        const config::Profile& profile;
        const QString& dataDir;
        git::Repository& repo;
        const IgnoreRules& ignore;
        const util::Backoff& backoff;
        const util::StopToken& stop;
        const SyncOptions& options;
        bool stateMatchesDisk; // the state is this engine's last complete cycle: a watcher's paths suffice
    };

    SyncCycle(const Setup& setup, SyncState& state, SyncResult& result);

    void run();

private:
    // One pass from the fetch to the push; a push that lost a race makes run() start another.
    struct Pass
    {
        QString head;   // the fetched remote head ("" when the branch does not exist)
        QString parent; // of the next commit: the head, or the last synced head re-creating a gone branch
        git::TreeFiles remoteFiles;
        bool reset = false;        // the remote was reset and the person's choice applies to this pass
        ScanResult local;          // the scan against the base this pass plans with
        bool remoteIsBase = false; // unmoved head that the base describes exactly: no tree was read
        SyncPlan plan;
        QDateTime now;
    };
    enum class Pushed { Done, Again, Failed };

    bool scanFolders();
    bool fetchAndPlan(Pass& pass);
    bool checkAncestry(Pass& pass);
    Reconciler::Input planInput(const Pass& pass) const;
    Pushed commitAndPush(Pass& pass);
    git::CommitSigning commitSigning() const;
    void applyRemote(const Pass& pass);
    void finishState(const Pass& pass);
    void holdFiles(const Pass& pass);

    // Seconds since the last lap, added to `phase` in the result's timings.
    void lap(const char* phase);
    void fail(const Error& error);
    QString redactedRemote() const;
    QString ignoreFingerprint() const; // of the profile's ignore rules, kept in the state
    // Network failures are retried with the backoff, each wait ended at once by a stop.
    template <typename T>
    Result<T> withRetry(const std::function<Result<T>()>& attempt);

    const Setup& m_setup;
    const config::Profile& m_profile;
    git::Repository& m_repo;
    SyncState& m_state;
    SyncResult& m_result;
    git::Remote m_remote;
    git::Signature m_author;
    QString m_host;
    bool m_caseInsensitive = false;
    ScanResult m_scan;
    QDateTime m_scanStarted;
    QElapsedTimer m_lap;
};

} // namespace ferry::sync
