#include "app/doctorcommand.h"

#include "app/commandcontext.h"
#include "app/exitcode.h"
#include "core/check/doctor.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>

namespace ferry::app {

QString DoctorCommand::summary() const
{
    return QStringLiteral(
        "check remotes, credentials, commit signers, the database, API keys and watch limits");
}

QList<QCommandLineOption> DoctorCommand::options() const
{
    return {{QStringLiteral("profile"),
             QStringLiteral("Check only this profile (and the machine-wide checks)."),
             QStringLiteral("NAME")},
            {QStringLiteral("json"), QStringLiteral("Print JSON (format in docs/cli.md).")}};
}

int DoctorCommand::run(CommandContext& ctx, const QCommandLineParser& parser)
{
    const Result<config::LoadedConfig> loaded =
        ctx.loadConfig(config::ConfigReader::Mode::MissingFoldersAllowed);
    if (!loaded) {
        ctx.err() << "ferry doctor: " << loaded.message() << Qt::endl;
        return loaded.error().kind == ErrorKind::Invalid ? ExitUsage : ExitRunFailed;
    }
    const config::Config& config = loaded->config;
    check::Doctor::Options options;
    options.profile = parser.value(QStringLiteral("profile"));
    if (!options.profile.isEmpty() && !config.profile(options.profile)) {
        ctx.err() << "ferry doctor: no profile \"" << options.profile << "\" in " << ctx.configPath()
                  << Qt::endl;
        return ExitUsage;
    }
    const bool json = parser.isSet(QStringLiteral("json"));
    if (!json) // each line as soon as it is known: a remote that takes its time shows where it is
        options.onFinding = [&ctx](const check::Finding& f) {
            ctx.out() << f.line() << Qt::endl;
        };
    const QList<check::Finding> findings = check::Doctor::run(config, ctx.dataDir(), options);
    const bool problem = check::Finding::anyProblem(findings);
    if (json) {
        QJsonArray checks;
        for (const check::Finding& f : findings)
            checks.append(f.toJson());
        ctx.out() << QJsonDocument(
                         QJsonObject{{QStringLiteral("ok"), !problem}, {QStringLiteral("checks"), checks}})
                         .toJson(QJsonDocument::Indented);
    } else if (config.profiles.isEmpty()) {
        ctx.out() << "no profiles to check (ferry init creates one)" << Qt::endl;
    }
    return problem ? ExitRunFailed : ExitSuccess;
}

} // namespace ferry::app
