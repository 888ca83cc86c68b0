#include "app/watchergroup.h"

#include "app/commandcontext.h"
#include "core/store/runlog.h"

namespace ferry::app {

WatcherGroup::WatcherGroup(CommandContext& ctx, store::RunLog& runLog, QString command, QObject* parent)
    : QObject(parent), m_ctx(ctx), m_runLog(runLog), m_command(std::move(command)), m_host(ctx.dataDir())
{
    connect(&m_host, &host::WatcherHost::cycleStarted, this, [this](const QString& name, const QString&) {
        m_running.insert(name, m_runLog.begin(sync::SyncResult::taskName(name)));
    });
    connect(&m_host, &host::WatcherHost::cycleFinished, this, [this](const sync::SyncResult& r) {
        store::RunRecord run = m_running.take(r.profile);
        report(m_ctx, m_runLog, run, r, m_command);
        emit cycleFinished(r);
    });
}

WatcherGroup::~WatcherGroup()
{
    stop();
}

void WatcherGroup::start(const QList<config::Profile>& profiles)
{
    m_host.start(profiles);
}

void WatcherGroup::stop()
{
    m_host.stop(); // the last results are logged and printed before it returns
}

void WatcherGroup::report(CommandContext& ctx, store::RunLog& runLog, store::RunRecord& run,
                          const sync::SyncResult& result, const QString& command)
{
    const auto logged =
        runLog.finish(run, result.runStatus(), result.filesChanged(), result.error, result.toMetadata());
    if (!logged)
        ctx.err() << command << ": warning: " << logged.message() << Qt::endl;
    (result.ok ? ctx.out() : ctx.err()) << result.summary() << Qt::endl;
}

} // namespace ferry::app
