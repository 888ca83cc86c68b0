#include "tests/support/gitcli.h"

#include <QProcess>
#include <QTest>

namespace ferry::test {

GitCli::Output GitCli::run(const QString& dir, const QStringList& args, const QByteArray& input,
                           const QProcessEnvironment& extra)
{
    QProcess git;
    git.setWorkingDirectory(dir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("GIT_AUTHOR_NAME"), QStringLiteral("Git CLI"));
    env.insert(QStringLiteral("GIT_AUTHOR_EMAIL"), QStringLiteral("git@example.invalid"));
    env.insert(QStringLiteral("GIT_COMMITTER_NAME"), QStringLiteral("Git CLI"));
    env.insert(QStringLiteral("GIT_COMMITTER_EMAIL"), QStringLiteral("git@example.invalid"));
    env.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
    env.insert(QStringLiteral("HOME"), dir);
    // Tests may hand a repository to another user (the unreadable-folder test runs Ferry as nobody).
    env.insert(QStringLiteral("GIT_CONFIG_COUNT"), QStringLiteral("1"));
    env.insert(QStringLiteral("GIT_CONFIG_KEY_0"), QStringLiteral("safe.directory"));
    env.insert(QStringLiteral("GIT_CONFIG_VALUE_0"), QStringLiteral("*"));
    for (const QString& key : extra.keys())
        env.insert(key, extra.value(key));
    git.setProcessEnvironment(env);
    git.start(QStringLiteral("git"), args);
    git.write(input);
    git.closeWriteChannel();
    git.waitForFinished(120000);
    return {git.exitStatus() == QProcess::NormalExit ? git.exitCode() : -1, git.readAllStandardOutput(),
            git.readAllStandardError()};
}

QByteArray GitCli::ok(const QString& dir, const QStringList& args, const QByteArray& input)
{
    const Output o = run(dir, args, input);
    if (o.exitCode != 0)
        QTest::qFail(
            qPrintable(QStringLiteral("git %1 failed: %2").arg(args.join(u' '), QString::fromUtf8(o.err))),
            __FILE__, __LINE__);
    return o.out;
}

} // namespace ferry::test
