#pragma once

#include "core/check/finding.h"
#include "core/config/config.h"
#include "core/git/remote.h"
#include "core/util/stoptoken.h"

#include <functional>
#include <QList>

namespace ferry::check {

// Every check of `ferry doctor`, in the order printed: per profile its folders ("folders"), its remote
// (RemoteCheck) and, when it signs commits, its signer (SigningCheck); then the database (StoreCheck),
// the ingestion sources' secrets (ApiCheck, only for configured sources) and the inotify watch limit of
// the profiles checked (WatchLimitCheck). Blocking
// (each network step bounded): the desktop runs it in a worker. The first-run wizard and the settings'
// Check button use profileChecks().
class Doctor
{
public:
    struct Options
    {
        QString profile;      // only this profile ("": all); the machine-wide checks run either way
        util::StopToken stop; // ends a check waiting on the network at once
        // Called with each finding as it is made (a command line prints as it goes).
        std::function<void(const Finding&)> onFinding;
    };

    static QList<Finding> run(const config::Config& config, const QString& dataDir, const Options& options);

    // One profile's checks: its folders, its remote (every RemoteCheck line), its signer (when it signs)
    // and the watch limit for its folders; each finding carries the profile's name.
    static QList<Finding> profileChecks(const config::Profile& profile, const git::Credentials& credentials,
                                        const util::StopToken& stop = {});
    // The credentials a sync of `profile` would use in this process: the token from the variable the
    // profile names (the desktop puts the keychain's token there), the SSH key from the profile.
    static git::Credentials credentialsOf(const config::Profile& profile);
};

} // namespace ferry::check
