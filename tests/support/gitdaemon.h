#pragma once

#include <QProcess>
#include <QString>

namespace ferry::test {

// `git daemon` serving the bare repositories under a folder over git://, pushes allowed: unlike a
// file:// remote, it runs the repositories' hooks (pre-receive, update), as a hosting service does.
// ReadOnly exports them for fetching only (no receive-pack), as a read-only mirror does.
class GitDaemon
{
public:
    enum class Access { ReadWrite, ReadOnly };
    explicit GitDaemon(const QString& basePath, Access access = Access::ReadWrite);
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
