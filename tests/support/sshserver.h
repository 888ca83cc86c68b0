#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>

namespace ferry::test {

// A real OpenSSH server (/usr/sbin/sshd) on a free local port, run by the test as the current user, with
// its own host key and one authorized client key; more client keys can be added, authorized or not,
// with authorized_keys options (a forced command that allows only git-upload-pack makes a read-only key,
// as a hosting service's deploy key). Everything lives in `dir`.
class SshServer
{
public:
    explicit SshServer(const QString& dir);
    ~SshServer();
    SshServer(const SshServer&) = delete;
    SshServer& operator=(const SshServer&) = delete;

    static bool available(); // sshd and ssh-keygen are installed
    // "" when the server runs; else why not.
    const QString& error() const { return m_error; }

    int port() const { return m_port; }
    // ssh://USER@127.0.0.1:PORT/ABSOLUTE-PATH
    QString url(const QString& absolutePath) const;
    QString clientKey() const { return m_dir + QStringLiteral("/client_key"); }
    // A new key pair `name` in the folder; its public key goes into authorized_keys with `options` in
    // front, unless `authorize` is false. Returns the private key's path.
    QString addClientKey(const QString& name, bool authorize, const QByteArray& options = {});
    // A known_hosts file that holds the server's host key (or, with `impostor`, another key for the same
    // host and port), for FERRY_KNOWN_HOSTS.
    QString writeKnownHosts(const QString& file, bool impostor = false) const;

    // Creates a key pair with ssh-keygen; returns the public key line ("ecdsa-sha2-nistp256 AAAA… comment").
    static QByteArray keygen(const QString& path);

private:
    QString m_dir;
    QProcess m_sshd;
    int m_port = 0;
    QByteArray m_hostKey, m_otherKey;
    QString m_error;
};

} // namespace ferry::test
