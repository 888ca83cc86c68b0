#pragma once

#include "core/check/finding.h"
#include "core/config/config.h"
#include "core/git/remote.h"
#include "core/util/stoptoken.h"

#include <QList>

namespace ferry::check {

// The checks of one profile's remote, in order, before any sync: the remote answers ("remote"), its SSH
// host key is known ("host_key", SSH remotes only), the credentials are accepted ("credentials"), the
// branch is there or can be created ("branch"), and pushing is permitted ("push": the receive side is
// asked with the credentials, so a read-only token, key or export is found without pushing anything; a
// local remote must be writable). A check that cannot run because an earlier one failed is Skipped.
// Blocking, bounded by the TransferGuard limits: run it in a worker, never on the GUI thread.
class RemoteCheck
{
public:
    static QList<Finding> run(const config::Profile& profile, const git::Credentials& credentials,
                              const util::StopToken& stop = {});

    static bool isSsh(const QString& url);
    // A local path or file:// URL: the repository's folder; else "".
    static QString localPath(const QString& url);
};

} // namespace ferry::check
