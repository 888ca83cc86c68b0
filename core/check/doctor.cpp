#include "core/check/doctor.h"

#include "core/check/apicheck.h"
#include "core/check/remotecheck.h"
#include "core/check/signingcheck.h"
#include "core/check/storecheck.h"
#include "core/check/watchlimitcheck.h"

#include <QFileInfo>

namespace ferry::check {
namespace {

// The mapped folders exist and can be read: the config reader lets a missing one through for `sync`
// (the profile pauses), so the doctor says it out loud.
Finding foldersFinding(const config::Profile& profile)
{
    QStringList missing;
    for (const config::FolderMapping& f : profile.folders) {
        const QFileInfo info(f.local);
        if (!info.isDir() || !info.isReadable())
            missing.append(f.local);
    }
    if (profile.folders.isEmpty())
        return Finding::problem(QStringLiteral("folders"), QStringLiteral("folders: none mapped"),
                                QStringLiteral("add a folder to the profile"));
    if (!missing.isEmpty())
        return Finding::problem(
            QStringLiteral("folders"),
            QStringLiteral("folders: %1 missing or unreadable").arg(missing.join(QStringLiteral(", "))),
            QStringLiteral("create the folder (or mount its disk), or correct the mapping"));
    return Finding::ok(QStringLiteral("folders"),
                       QStringLiteral("folders: %1 mapped, all present").arg(profile.folders.size()));
}

} // namespace

git::Credentials Doctor::credentialsOf(const config::Profile& profile)
{
    return git::Credentials{qEnvironmentVariable(profile.tokenEnv.toUtf8().constData()), profile.sshKey};
}

QList<Finding> Doctor::profileChecks(const config::Profile& profile, const git::Credentials& credentials,
                                     const util::StopToken& stop)
{
    QList<Finding> out{foldersFinding(profile)};
    out.append(RemoteCheck::run(profile, credentials, stop));
    if (std::optional<Finding> signing = SigningCheck::run(profile, stop))
        out.append(*signing);
    out.append(WatchLimitCheck::run({profile}));
    for (Finding& f : out)
        f.profile = profile.name;
    return out;
}

QList<Finding> Doctor::run(const config::Config& config, const QString& dataDir, const Options& options)
{
    QList<Finding> out;
    const auto add = [&](Finding f) {
        if (options.onFinding)
            options.onFinding(f);
        out.append(std::move(f));
    };
    QList<config::Profile> checked;
    for (const config::Profile& p : config.profiles) {
        if (!options.profile.isEmpty() && p.name != options.profile)
            continue;
        checked.append(p);
        QList<Finding> remote{foldersFinding(p)};
        remote.append(RemoteCheck::run(p, credentialsOf(p), options.stop));
        if (std::optional<Finding> signing = SigningCheck::run(p, options.stop))
            remote.append(*signing);
        for (Finding& f : remote) {
            f.profile = p.name;
            add(std::move(f));
        }
    }
    add(StoreCheck::run(config, dataDir));
    if (config.github)
        add(ApiCheck::github(*config.github,
                             qEnvironmentVariable(config.github->tokenEnv.toUtf8().constData()),
                             options.stop));
    if (config.market)
        add(ApiCheck::market(*config.market,
                             qEnvironmentVariable(config.market->apiKeyEnv.toUtf8().constData()),
                             options.stop));
    add(WatchLimitCheck::run(checked));
    return out;
}

} // namespace ferry::check
