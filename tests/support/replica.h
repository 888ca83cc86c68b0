#pragma once

#include "core/config/config.h"
#include "core/sync/syncengine.h"

#include <QByteArray>
#include <QMap>
#include <QString>

namespace ferry::test {

// One machine in a sync test: a local folder mapped to `repoPath` of the remote's branch, and its own
// data folder (bare clone, state.json). Files are addressed relative to the folder.
class Replica
{
public:
    Replica(const QString& root, const QString& name, const QString& remoteUrl,
            const QString& repoPath = QStringLiteral("shared/docs"));

    const QString& folder() const { return m_folder; }
    const QString& dataDir() const { return m_dataDir; }
    config::Profile& profile() { return m_profile; }

    sync::SyncResult sync(bool allowMassDelete = false);
    sync::SyncResult sync(const sync::SyncOptions& options);
    // The profile's state.json as the last cycle saved it.
    sync::SyncState state() const;

    void write(const QString& relative, const QByteArray& content) const;
    QByteArray read(const QString& relative) const;
    bool remove(const QString& relative) const;
    bool rename(const QString& from, const QString& to) const;
    // Every file under the folder that a person put there, by relative path (not Ferry's .ferry-* files).
    QMap<QString, QByteArray> contents() const;

    // Writes a config file naming this replica's profile, for driving the `ferry` binary.
    QString writeConfig() const;

private:
    QString m_folder;
    QString m_dataDir;
    config::Profile m_profile;
};

// The files of `branch` under `prefix/` in a bare repository, read with the git CLI.
QMap<QString, QByteArray> filesInBranch(const QString& bareRepo, const QString& branch,
                                        const QString& prefix);

} // namespace ferry::test
