#pragma once

#include "core/store/runrecord.h"
#include "core/util/result.h"

#include <QList>
#include <QString>

namespace ferry::store {

// Runs that could not reach the database wait here, one JSON line each, in the data directory.
// Appends are flushed to disk before append() returns. A line torn by a crash is skipped (and said
// so), never allowed to hide the lines after it. Callers hold lock() across load-write-rewrite so
// the GUI, the daemon and a command line sharing the data directory take turns.
class RunQueue
{
public:
    explicit RunQueue(QString path);

    const QString& path() const { return m_path; }
    Status append(const RunRecord& run);
    Result<QList<RunRecord>> load() const;
    // Replaces the queue with `remaining` (atomically); an empty list removes the file.
    Status rewrite(const QList<RunRecord>& remaining);
    int size() const;

private:
    QString m_path;
};

} // namespace ferry::store
