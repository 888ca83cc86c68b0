#pragma once

#include "store/runrecord.h"

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
    static QString latestPerTask();
    static const QString& columns();
};

} // namespace ferry::store
