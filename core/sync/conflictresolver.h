#pragma once

#include "core/config/config.h"
#include "core/sync/syncstate.h"
#include "core/util/result.h"

#include <optional>
#include <QByteArray>
#include <QList>

namespace ferry::sync {

// What a person does with a pending conflict: `ferry conflicts` / `ferry resolve`, and the desktop
// resolver window, call these. A resolution writes the chosen content into the mapped folder (the
// replaced local file is archived first), removes the conflict from state.json and counts it in the
// metrics; the next sync pushes the result like any local edit.
//
//   take     keep-both conflict (file + conflict copy)     merged conflict (markers / records)
//   local    the copy's content replaces the file; copy   the local version (before the merge)
//            removed                                       replaces the file
//   remote   the file stays; the copy is removed          the remote version replaces the file
//   both     both files stay as they are                  the file stays as it is
//   merged   FILE's content replaces the file; copy       FILE's content replaces the file
//            removed
class ConflictResolver
{
public:
    enum class Take { Local, Remote, Both, Merged };
    static std::optional<Take> parseTake(const QString& text);

    ConflictResolver(config::Profile profile, QString dataDir);

    Result<QList<PendingConflict>> pending() const;

    // The content of one side of a conflict ("base", "local", "remote"); empty when that side has none.
    Result<QByteArray> version(const PendingConflict& conflict, const QString& side) const;

    // Resolves conflict `id`; `merged` is the content for Take::Merged.
    Status resolve(const QString& id, Take take, const QByteArray& merged = QByteArray());

private:
    struct Located
    {
        QString folder;   // the mapping's local folder
        QString relative; // the conflict's path inside it
        QString copyRelative;
    };
    Result<Located> locate(const PendingConflict& conflict) const;
    Status replaceFile(const Located& where, const QString& path, const QByteArray& content,
                       const QString& reason) const;
    Status removeCopy(const Located& where, const PendingConflict& conflict) const;

    config::Profile m_profile;
    QString m_dataDir;
};

} // namespace ferry::sync
