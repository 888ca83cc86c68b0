#pragma once

#include <QProcess>
#include <QString>

namespace ferry::test {

// `git daemon` serving the bare repositories under a folder over git://, pushes allowed: unlike a
// file:// remote, it runs the repositories' hooks (pre-receive, update), as a hosting service does.
class GitDaemon
{
public:
    explicit GitDaemon(const QString& basePath);
    ~GitDaemon();
    GitDaemon(const GitDaemon&) = delete;
    GitDaemon& operator=(const GitDaemon&) = delete;

    bool isRunning() const { return m_port > 0; }
    // git://127.0.0.1:PORT/NAME for the repository BASE/NAME.
    QString url(const QString& name) const;

private:
    QProcess m_process;
    int m_port = 0;
};

// Installs an executable hook script (`hooks/NAME`) into a bare repository.
bool installHook(const QString& bareRepo, const QString& name, const QByteArray& script);

} // namespace ferry::test
