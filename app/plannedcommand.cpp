#include "plannedcommand.h"

#include "commandcontext.h"
#include "exitcode.h"

namespace ferry::app {

PlannedCommand::PlannedCommand(QString name, QString synopsis, QString summary,
                               QList<QCommandLineOption> options, int maxPositionals, QString arrivesWith)
    : m_name(std::move(name)), m_synopsis(std::move(synopsis)), m_summary(std::move(summary)),
      m_options(std::move(options)), m_maxPositionals(maxPositionals), m_arrivesWith(std::move(arrivesWith))
{
}

int PlannedCommand::run(CommandContext& ctx, const QCommandLineParser&)
{
    ctx.err() << "ferry " << m_name << ": not available yet in Ferry " << FERRY_VERSION << " (arrives with "
              << m_arrivesWith << ")" << Qt::endl;
    return ExitUsage;
}

} // namespace ferry::app
