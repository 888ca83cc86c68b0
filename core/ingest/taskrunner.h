#pragma once

#include "core/config/config.h"
#include "core/ingest/httpclient.h"
#include "core/ingest/taskoutcome.h"
#include "core/store/ingeststore.h"
#include "core/store/runlog.h"
#include "core/util/clock.h"
#include "core/util/stoptoken.h"

#include <functional>
#include <QDateTime>
#include <QStringList>

namespace ferry::ingest {

// What a task reports while it runs: items done out of total (requests answered, repositories).
using Progress = std::function<void(const QString& task, int done, int total)>;
// A wait that a person watching should hear of as it begins: "waiting 60 s: secondary rate limit (…)".
using Notice = std::function<void(const QString& task, const QString& text)>;

// How a task runs, for the CLI, the daemon and the app alike.
struct TaskContext
{
    HttpClient::Options http; // the base: each source's concurrency and `retry` caps come from the config
    Progress progress;        // may be empty
    Notice notice;            // may be empty
    util::StopToken stop;     // once requested: every wait ends, nothing new is sent, what came is stored
    QDateTime now = util::Clock::system().nowUtc();
    QStringList repositories; // github: only these tracked repositories ("owner/name"); empty: all
    // github: a repository's badge changed ("syncing", "synced", "error").
    std::function<void(const QString& repository, const QString& status)> repositoryChanged;
};

// The one place that knows the tasks and pipelines by name: `tickers`, `market`, `dcf`, `github`, and
// the pipelines `daily` (tickers, market, dcf) and `github`. Each task run writes one sync_logs row
// through the RunLog; a pipeline goes on after a failed task.
class TaskRunner
{
public:
    static const QStringList& taskNames();
    static const QStringList& pipelineNames();

    // The tasks behind names of tasks or pipelines, in order, or which name is unknown.
    static Result<QStringList> expand(const QStringList& names);

    // Whether the config has what the task needs (its ingestion section), or what is missing.
    static Status configured(const QString& task, const config::Config& config);

    // Runs one task and logs it (begin, then finish with the outcome; `failed_units` and
    // `skipped_units` join its metadata).
    static TaskOutcome run(const QString& task, const config::Config& config, store::IngestStore& store,
                           store::RunLog& runLog, const TaskContext& context);
};

} // namespace ferry::ingest
