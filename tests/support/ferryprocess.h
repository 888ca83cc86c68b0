#pragma once

#include <functional>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace ferry::test {

// The one way tests start the `ferry` executable (FERRY_BINARY, which CMake sets for every test). Its
// environment is the test's without Ferry's own variables (config, data dir, database URL, API keys),
// so a developer's shell cannot change what a test sees; a test adds what it means with env(). With a
// config and a data directory, every command gets `--config … --data-dir …` in front.
class FerryProcess
{
public:
    struct Result
    {
        bool finished = false; // false: it did not start, or was killed after the timeout
        bool crashed = false;
        int exitCode = -1;
        QString out;
        QString err;

        QString output() const { return out + err; }
    };

    FerryProcess();
    FerryProcess(const QString& config, const QString& dataDir);
    // On a test's own environment (still without Ferry's variables): a display, XDG folders.
    explicit FerryProcess(const QProcessEnvironment& base);

    FerryProcess& env(const QString& name, const QString& value);
    // Runs ferry through another program: `setpriv --reuid=nobody … --` runs it as another user.
    FerryProcess& through(const QString& program, const QStringList& programArgs);

    // Runs `ferry [--config … --data-dir …] args` to its end.
    Result run(const QStringList& args, int timeoutMs = 120000) const;
    // Starts `ferry args` (a daemon), runs this thread's event loop until `done` holds for what it printed
    // (at most 30 s), 300 ms more, then ends it with SIGTERM (at most 20 s more). Local servers in this
    // thread answer meanwhile.
    Result runUntil(const QStringList& args, const std::function<bool(const Result&)>& done) const;
    // Starts it in `process` and returns at once: a daemon, `sync --watch`, a stop test.
    void start(QProcess& process, const QStringList& args) const;
    // The same command as one shell line (for hooks such as FERRY_TEST_BEFORE_PUSH).
    QString shellCommand(const QStringList& args) const;

    static QString binary();

private:
    QStringList arguments(const QStringList& args) const;

    QStringList m_prefix;
    QString m_wrapper;
    QStringList m_wrapperArgs;
    QProcessEnvironment m_env;
};

} // namespace ferry::test
