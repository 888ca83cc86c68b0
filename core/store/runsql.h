#pragma once

#include "core/store/runrecord.h"

#include <QStringList>

namespace ferry::store {

// The sync_logs queries both backends share; only the placeholder spelling differs.
class RunSql
{
public:
    enum class Placeholders { Question, Dollar }; // "?" (Qt SQL) or "$1" (libpq)

    struct Query
    {
        QString sql;
        QStringList values; // one per placeholder, in order
    };

    static Query runs(const RunFilter& filter, Placeholders style);
    static QString latestPerTask(Placeholders style);
    static const QString& columns();
    // The finished runs of sync_logs and the runs in progress of ferry_running_runs, as one relation
    // with sync_logs' columns (a run in progress has id 0: it has no sync_logs row yet).
    static QString allRuns(Placeholders style);
    // The runs in progress alone, with sync_logs' columns.
    static QString runningRuns(Placeholders style);
};

} // namespace ferry::store
