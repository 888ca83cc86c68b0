#pragma once

#include "core/config/config.h"
#include "core/util/result.h"
#include "core/util/stoptoken.h"

#include <QByteArray>
#include <QStringList>

namespace ferry::sync {

// Signs the content of a commit as git does for gpg.format ssh and openpgp: `ssh-keygen -Y sign -n git`
// or `gpg --detach-sign --armor`, the content on stdin, the armored signature on stdout. It waits for
// the program, so it runs on a sync worker, never on the GUI thread; no shell, no terminal (the program
// starts in a session of its own, so a passphrase can only come from an agent or its own dialog).
class CommitSigner
{
public:
    static constexpr int kTimeoutMs = 60000; // FERRY_SIGN_TIMEOUT_MS overrides it (tests)

    CommitSigner(config::Signing signing, util::StopToken stop);

    // The armored signature (without its last newline, as the gpgsig header wants it), or an error that
    // says which key failed, what the program said and what to do.
    Result<QByteArray> sign(const QByteArray& content) const;

    // What sign() does, its failure kept in parts for a checklist (`ferry doctor`): what went wrong and
    // what to do about it, without what a failed cycle adds.
    struct Attempt
    {
        QByteArray signature; // empty when it failed
        QString why;          // what the program said, or why it could not run; empty on success
        QString fix;          // what to do about it; empty on success
        bool stopped = false; // the stop token ended it
    };
    Attempt attempt(const QByteArray& content) const;

    QString program() const;
    QStringList arguments() const;

private:
    Attempt failure(const QString& why, const QString& whatToDo = {}) const;
    QString advice() const;

    config::Signing m_signing;
    util::StopToken m_stop;
};

} // namespace ferry::sync
