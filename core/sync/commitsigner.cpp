#include "core/sync/commitsigner.h"

#include "core/util/logging.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QRegularExpression>
#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace ferry::sync {
namespace {

bool isOpenPgp(const config::Signing& s)
{
    return s.format == config::Signing::Format::OpenPgp;
}

int timeoutMs()
{
    bool ok = false;
    const int ms = qEnvironmentVariableIntValue("FERRY_SIGN_TIMEOUT_MS", &ok);
    return ok && ms > 0 ? ms : CommitSigner::kTimeoutMs;
}

// What the program said, without gpg's status lines, on one line and short enough for a tray message.
QString said(const QByteArray& stderrText)
{
    QStringList lines;
    for (QString line : QString::fromUtf8(stderrText).split(u'\n', Qt::SkipEmptyParts)) {
        // ssh-keygen's chatter and a passphrase prompt that nobody could answer say nothing here
        line.remove(QStringLiteral("Enter passphrase:"));
        line = line.trimmed();
        // ssh-keygen frames its permission warning in a box of '@'
        if (!line.startsWith(QStringLiteral("[GNUPG:]")) && !line.isEmpty() && !line.startsWith(u'@') &&
            line != QStringLiteral("Signing data on standard input")) {
            if (line.endsWith(u'.'))
                line.chop(1); // the lines are joined with "; "
            lines.append(line);
        }
    }
    QString text = lines.join(QStringLiteral("; "));
    if (text.size() > 400)
        text = text.left(400) + QStringLiteral("…");
    return text;
}

} // namespace

CommitSigner::CommitSigner(config::Signing signing, util::StopToken stop)
    : m_signing(std::move(signing)), m_stop(std::move(stop))
{
}

QString CommitSigner::program() const
{
    if (!m_signing.program.isEmpty())
        return m_signing.program;
    return isOpenPgp(m_signing) ? QStringLiteral("gpg") : QStringLiteral("ssh-keygen");
}

// git runs `gpg --status-fd=2 -bsau KEY` and `ssh-keygen -Y sign -n git -f KEY FILE`; the SSH content
// comes on stdin here (ssh-keygen signs stdin to stdout when it is given no file).
QStringList CommitSigner::arguments() const
{
    if (isOpenPgp(m_signing))
        return {QStringLiteral("--batch"),
                QStringLiteral("--no-tty"),
                QStringLiteral("--status-fd=2"),
                QStringLiteral("--detach-sign"),
                QStringLiteral("--armor"),
                QStringLiteral("--local-user"),
                m_signing.key};
    return {QStringLiteral("-Y"),  QStringLiteral("sign"), QStringLiteral("-n"),
            QStringLiteral("git"), QStringLiteral("-f"),   m_signing.key};
}

Result<QByteArray> CommitSigner::sign(const QByteArray& content) const
{
    const Attempt a = attempt(content);
    if (a.stopped)
        return makeError(ErrorKind::Unavailable, QStringLiteral("signing stopped: Ferry is stopping"));
    if (!a.why.isEmpty())
        return makeError(ErrorKind::Invalid,
                         QStringLiteral("signing with %1 failed: %2 → %3; nothing was committed or pushed, "
                                        "the changes stay here and go up once signing works")
                             .arg(m_signing.key, a.why, a.fix));
    qCInfo(lcSync).noquote() << "signed a commit with" << config::Signing::formatName(m_signing.format)
                             << "key" << m_signing.key;
    return a.signature;
}

CommitSigner::Attempt CommitSigner::attempt(const QByteArray& content) const
{
    QProcess signer;
#ifdef Q_OS_UNIX
    // No controlling terminal: a prompt would wait for a person who is not there (or not looking).
    signer.setChildProcessModifier([] { ::setsid(); });
#endif
    signer.start(program(), arguments());
    if (!signer.waitForStarted(10000))
        return failure(
            QStringLiteral("cannot start %1 (%2)").arg(program(), signer.errorString()),
            QStringLiteral("install it (Debian: %1) or name it in signing.program")
                .arg(isOpenPgp(m_signing) ? QStringLiteral("gnupg") : QStringLiteral("openssh-client")));
    signer.write(content);
    signer.closeWriteChannel();
    const QDeadlineTimer deadline(timeoutMs());
    while (!signer.waitForFinished(100)) {
        if (signer.state() == QProcess::NotRunning)
            break;
        if (m_stop.stopRequested() || deadline.hasExpired()) {
            signer.kill();
            signer.waitForFinished(5000);
            if (m_stop.stopRequested()) {
                Attempt stopped = failure(QStringLiteral("stopped"));
                stopped.stopped = true;
                return stopped;
            }
            return failure(
                QStringLiteral("%1 gave no signature within %2 s (is it waiting for a passphrase?)")
                    .arg(program())
                    .arg(timeoutMs() / 1000.0));
        }
    }
    const QByteArray out = signer.readAllStandardOutput().trimmed();
    const QByteArray err = signer.readAllStandardError();
    const char* armor =
        isOpenPgp(m_signing) ? "-----BEGIN PGP SIGNATURE-----" : "-----BEGIN SSH SIGNATURE-----";
    // gpg reports success on its status channel as git checks it; a zero exit alone is not enough.
    const bool created = !isOpenPgp(m_signing) || err.contains("[GNUPG:] SIG_CREATED ");
    if (signer.exitStatus() != QProcess::NormalExit || signer.exitCode() != 0 || !created ||
        !out.startsWith(armor)) {
        const QString why = said(err);
        if (!isOpenPgp(m_signing) && err.contains("are too open"))
            return failure(why, QStringLiteral("`chmod 600 %1`: ssh-keygen ignores a private key file that "
                                               "others can read")
                                    .arg(m_signing.key));
        return failure(why.isEmpty() ? QStringLiteral("%1 exited with %2 and gave no signature")
                                           .arg(program())
                                           .arg(signer.exitCode())
                                     : why);
    }
    return Attempt{out, {}, {}, false};
}

CommitSigner::Attempt CommitSigner::failure(const QString& why, const QString& whatToDo) const
{
    return Attempt{{}, why, whatToDo.isEmpty() ? advice() : whatToDo, false};
}

QString CommitSigner::advice() const
{
    if (isOpenPgp(m_signing))
        return QStringLiteral("check that `gpg --list-secret-keys %1` shows the key (GNUPGHOME) and that "
                              "gpg-agent can unlock it without a terminal (a graphical pinentry, a cached "
                              "passphrase or a key without one), or correct signing.key")
            .arg(m_signing.key);
    return QStringLiteral("signing.key must be a readable private key file, or a public key file whose key "
                          "is loaded in the SSH agent (`ssh-add -l`, SSH_AUTH_SOCK); a key with a "
                          "passphrase needs the agent");
}

} // namespace ferry::sync
