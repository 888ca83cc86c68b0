#pragma once

#include "core/util/result.h"

#include <QDateTime>
#include <QHash>
#include <QString>

namespace ferry::alert {

// The rate limit's memory on disk (DATA_DIR/alert_limits.json), so that it holds across restarts: a
// daemon that systemd restarts in a crash loop would otherwise send the same alert on every start.
// In the data directory, not the database: a crash loop is often the database not answering, and the
// limit is the process's (its host's), not shared by daemons on one PostgreSQL. JSON, written atomically:
// {"version": 1, "limits": {"run_failed:market": {"last_sent": "…Z", "suppressed": 2,
// "first_suppressed": "…Z"}}}; "last_sent" is the last alert delivered (none: the only one since failed).
class AlertLimitFile
{
public:
    struct Entry
    {
        QDateTime lastSent;
        int suppressed = 0;
        QDateTime firstSuppressed;
    };
    using Entries = QHash<QString, Entry>; // by Alert::key()

    static constexpr int kVersion = 1;

    explicit AlertLimitFile(QString path);

    const QString& path() const { return m_path; }
    // No file is no entries; a file that cannot be read or parsed is an error (the caller starts afresh).
    Result<Entries> read() const;
    Status write(const Entries& entries) const;

private:
    QString m_path;
};

} // namespace ferry::alert
