#pragma once

#include "core/git/streamedpackwriter.h"
#include "core/util/result.h"

#include <functional>
#include <QByteArray>
#include <QString>

struct git_remote;
struct git_remote_callbacks;

namespace ferry::git {

// Sends one ref update and a pack Ferry writes itself (StreamedPackWriter) over libgit2's own smart
// subtransports (git://, HTTP(S), SSH), so URLs, credentials, certificate and host-key checks and the
// TransferGuard's sockets behave as in git_remote_push: the smart transport connects and lists the
// remote's refs; on the subtransport it made, the receive-pack command "<old> <new> <ref>" (never
// forced: the server refuses it when the ref is no longer at <old>), a flush and the pack are written,
// and the report-status (with side band) read back. It answers as git_remote_push does: 0 or a libgit2
// error code with the error set; the ref's status goes to callbacks.push_update_reference (NULL when
// accepted), the server's messages to sideband_progress, bytes sent to push_transfer_progress.
class PackStreamPush
{
public:
    struct Update
    {
        QString ref;      // refs/heads/<branch>
        QByteArray oldId; // 20 bytes: the tip this push expects, or empty for a new branch
        QByteArray newId; // 20 bytes
    };
    using PackSource = std::function<Result<qint64>(const StreamedPackWriter::Sink& sink)>;

    // Whether `url` goes through a smart transport (not a local path or file://).
    static bool supports(const QString& url);
    static int push(git_remote* owner, const git_remote_callbacks& callbacks, const Update& update,
                    const PackSource& pack);
};

} // namespace ferry::git
