#pragma once

#include "core/config/config.h"
#include "core/git/remote.h"
#include "core/util/result.h"
#include "core/util/stoptoken.h"

#include <QMetaType>
#include <QStringList>

namespace ferry::sync {

// What the first sync of a new profile would do, before anything is written: the first-run wizard's
// preview. The branch is fetched into a throw-away bare repository (nothing of the profile's own data
// folder is touched) and compared with the local folders as a scan sees them, ignore rules included.
// Blocking (a fetch): the wizard runs it in a worker.
class FirstSyncPreview
{
public:
    struct Conflict
    {
        QString path; // repository path, different on both sides
        config::ConflictPolicy policy = config::ConflictPolicy::KeepBoth; // the profile's rule for it
    };
    struct Outcome
    {
        bool branchExists = false; // false: the first sync creates it and everything uploads
        QStringList upload;        // repository paths only the local folders have
        QStringList download;      // only the branch has
        QList<Conflict> conflicts; // both have, with different content
        int same = 0;              // both have, identical
        QStringList notes;         // missing folders, unreadable paths: the scan's words
    };

    static Result<Outcome> compute(const config::Profile& profile, const git::Credentials& credentials,
                                   const util::StopToken& stop = {});
};

} // namespace ferry::sync

Q_DECLARE_METATYPE(ferry::sync::FirstSyncPreview::Outcome)
