#include "core/schedule/neversynced.h"

#include "core/store/ingeststore.h"

#include <QHash>

namespace ferry::schedule {

Result<QStringList> NeverSynced::repositories(const config::GithubSource& github, store::IngestStore& store)
{
    const Result<QList<store::TrackedRepository>> tracked = store.trackedRepositories();
    if (!tracked)
        return tracked.error();
    QHash<QString, store::TrackedRepository> byName;
    for (const store::TrackedRepository& r : *tracked)
        byName.insert(r.fullName, r);
    QStringList never;
    for (const QString& name : github.repositories) {
        const auto it = byName.constFind(name);
        // Inactive: removed from the config once, and back in it since.
        if (it == byName.cend() || !it->active ||
            (!it->lastSyncAt.isValid() && it->status != QLatin1String("error")))
            never.append(name);
    }
    return never;
}

} // namespace ferry::schedule
