#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace ferry::test {

// The plain `git` command line, the second peer of the sync tests.
class GitCli
{
public:
    struct Output
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    // Runs git in `dir` with a fixed identity; stdin is fed from `input`.
    static Output run(const QString& dir, const QStringList& args, const QByteArray& input = {},
                      const QProcessEnvironment& extra = {});
    // Like run(), but fails the current test (returns the output anyway) when git does not exit 0.
    static QByteArray ok(const QString& dir, const QStringList& args, const QByteArray& input = {});
};

} // namespace ferry::test
