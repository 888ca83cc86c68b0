#pragma once

#include "core/util/result.h"
#include "core/util/stoptoken.h"

#include <QMap>
#include <QString>

namespace ferry::git {

class Repository;

// How to authenticate to the remote. The token comes from the environment variable the config names
// (the GUI reads it from the OS keychain); SSH uses the agent, then the key file.
struct Credentials
{
    QString token;      // HTTPS: sent as the password (GitHub: any user name, the token as password)
    QString sshKeyFile; // empty: ~/.ssh/id_ed25519, then ~/.ssh/id_rsa
};

// The "origin" remote of a profile's bare clone: fetch one branch, push one branch. HTTPS certificates are
// checked by libgit2 (chain and host name); SSH host keys against known_hosts (KnownHosts): an unknown
// or changed key refuses the connection with an error that says what to do.
class Remote
{
public:
    enum class PushOutcome { Pushed, Rejected };

    // `stop` ends a transfer in progress at once (TransferGuard): the call fails as stopped.
    Remote(Repository& repo, Credentials credentials, util::StopToken stop = {});

    // Fetches `branch` into refs/remotes/origin/<branch>; returns its head, or "" when the remote has no
    // such branch (an empty remote, or a branch Ferry is about to create).
    Result<QString> fetch(const QString& branch);
    // The head of `branch` as the remote advertises it, without fetching anything (one round trip: the
    // watcher's cheap remote poll); "" when the remote has no such branch.
    Result<QString> advertisedHead(const QString& branch);
    // Pushes `commitOid` as the new head of `branch`. A non-fast-forward is Rejected, not an error.
    Result<PushOutcome> push(const QString& branch, const QString& commitOid);

    const QString& lastRejection() const { return m_lastRejection; }
    // Bytes of pack data this remote object has sent in its pushes (rejected ones included).
    qint64 bytesPushed() const { return m_bytesPushed; }

    // What a remote answers when asked for its branches, in one direction, without fetching or pushing
    // anything: the checks of `ferry doctor` and the first-run wizard. The push direction asks for the
    // receive side (HTTPS: receive-pack discovery with the credentials; SSH and git://: git-receive-pack),
    // so a read-only token, key or export is refused there. Bounded by a TransferGuard like a fetch, with
    // at most 30 s of silence.
    struct Probe
    {
        enum class Failure {
            None,
            Unreachable, // no answer: name, network, port, a server that hung up
            HostKey,     // the SSH host key is not in known_hosts, or does not match
            Credentials, // the credentials were refused or are missing
            NotFound,    // the server answered: no such repository (or not exported to us)
        };
        Failure failure = Failure::None;
        QString message;              // "URL: what happened", no secrets; "" when Failure::None
        QMap<QString, QString> heads; // branch name -> commit, of refs/heads/*
        bool usedCredentials = false; // the server asked for credentials and accepted them
    };
    enum class Direction { Fetch, Push };
    static Probe probe(const QString& url, const Credentials& credentials, Direction direction,
                       util::StopToken stop = {});

private:
    Repository& m_repo;
    Credentials m_credentials;
    util::StopToken m_stop;
    QString m_lastRejection;
    qint64 m_bytesPushed = 0;
};

} // namespace ferry::git
