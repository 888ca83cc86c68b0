#include "core/check/signingcheck.h"

#include "core/sync/commitsigner.h"

namespace ferry::check {

QByteArray SigningCheck::testContent()
{
    return QByteArrayLiteral("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
                             "author Ferry <ferry@doctor.invalid> 0 +0000\n"
                             "committer Ferry <ferry@doctor.invalid> 0 +0000\n"
                             "\n"
                             "ferry doctor: signing check (never committed)\n");
}

std::optional<Finding> SigningCheck::run(const config::Profile& profile, const util::StopToken& stop)
{
    if (!profile.signing.enabled())
        return std::nullopt;
    const sync::CommitSigner signer(profile.signing, stop);
    const QString what = QStringLiteral("%1 key %2")
                             .arg(config::Signing::formatName(profile.signing.format), profile.signing.key);
    const sync::CommitSigner::Attempt a = signer.attempt(testContent());
    if (a.stopped)
        return Finding::skipped(QStringLiteral("signing"),
                                QStringLiteral("signing: not checked (Ferry is stopping)"));
    if (!a.why.isEmpty())
        return Finding::problem(
            QStringLiteral("signing"),
            QStringLiteral("signing: %1 cannot sign with %2: %3").arg(what, signer.program(), a.why), a.fix);
    return Finding::ok(QStringLiteral("signing"),
                       QStringLiteral("signing: %1 signs with %2").arg(what, signer.program()));
}

} // namespace ferry::check
