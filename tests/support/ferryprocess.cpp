#include "tests/support/ferryprocess.h"

#include <QElapsedTimer>
#include <QTest>

namespace ferry::test {

FerryProcess::FerryProcess() : FerryProcess(QProcessEnvironment::systemEnvironment()) {}

FerryProcess::FerryProcess(const QProcessEnvironment& base) : m_env(base)
{
    for (const char* var : {"FERRY_CONFIG", "FERRY_DATA_DIR", "DATABASE_URL", "FMP_API_KEY", "GITHUB_TOKEN"})
        m_env.remove(QString::fromLatin1(var));
}

FerryProcess::FerryProcess(const QString& config, const QString& dataDir) : FerryProcess()
{
    m_prefix = {QStringLiteral("--config"), config, QStringLiteral("--data-dir"), dataDir};
}

FerryProcess& FerryProcess::env(const QString& name, const QString& value)
{
    m_env.insert(name, value);
    return *this;
}

FerryProcess& FerryProcess::through(const QString& program, const QStringList& programArgs)
{
    m_wrapper = program;
    m_wrapperArgs = programArgs;
    return *this;
}

QString FerryProcess::binary()
{
    return qEnvironmentVariable("FERRY_BINARY");
}

QStringList FerryProcess::arguments(const QStringList& args) const
{
    return m_prefix + args;
}

FerryProcess::Result FerryProcess::run(const QStringList& args, int timeoutMs) const
{
    QProcess p;
    start(p, args);
    Result r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
    } else {
        r.finished = true;
        r.crashed = p.exitStatus() == QProcess::CrashExit;
        r.exitCode = r.crashed ? -1 : p.exitCode();
    }
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    if (p.error() == QProcess::FailedToStart)
        r.err += QStringLiteral("%1 did not start (FERRY_BINARY): %2").arg(binary(), p.errorString());
    return r;
}

void FerryProcess::start(QProcess& process, const QStringList& args) const
{
    process.setProcessEnvironment(m_env);
    if (m_wrapper.isEmpty())
        process.start(binary(), arguments(args));
    else
        process.start(m_wrapper, m_wrapperArgs + QStringList{binary()} + arguments(args));
}

QString FerryProcess::shellCommand(const QStringList& args) const
{
    QStringList quoted;
    for (const QString& a : QStringList{binary()} + arguments(args))
        quoted << u'\'' + QString(a).replace(u'\'', QStringLiteral("'\\''")) + u'\'';
    return quoted.join(u' ');
}

FerryProcess::Result FerryProcess::runUntil(const QStringList& args,
                                            const std::function<bool(const Result&)>& done) const
{
    QProcess process;
    start(process, args);
    Result r;
    const auto collect = [&] {
        r.out += QString::fromUtf8(process.readAllStandardOutput());
        r.err += QString::fromUtf8(process.readAllStandardError());
    };
    QElapsedTimer t;
    t.start();
    while (!done(r) && t.elapsed() < 30000 && process.state() != QProcess::NotRunning) {
        QTest::qWait(50);
        collect();
    }
    QTest::qWait(300); // anything more that would come
    process.terminate();
    t.restart();
    while (process.state() != QProcess::NotRunning && t.elapsed() < 20000)
        QTest::qWait(50);
    collect();
    r.finished = process.state() == QProcess::NotRunning && process.exitStatus() == QProcess::NormalExit;
    r.exitCode = process.exitCode();
    return r;
}

} // namespace ferry::test
