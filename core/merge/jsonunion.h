#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace ferry::merge {

// The `union` conflict policy for JSON record files (memory stores, logs of notes): a three-way merge
// of a top-level array, or of the one array inside a top-level object (`{"memories": [...]}`).
//
// - Records are matched by their "id" member, else by a hash of their canonical JSON.
// - A record added on either side is kept once; one deleted on one side and untouched on the other
//   is deleted; one deleted on one side and changed on the other is kept (nothing is lost).
// - A record changed on both sides goes to the one with the newer "updated_at"; without one (or on a
//   tie) the local record stays and the record id is reported in `conflicts`, for a person to decide.
// - Order is stable: base order, then local additions, then remote additions.
// - Other members of a top-level object merge key by key (a side that changed a key wins; both
//   changed: local).
// - The output keeps the local file's layout: compact or indented with its indent, key order, and
//   trailing newline.
//
// Invalid JSON or another shape on any side gives `applicable == false` with the reason: the caller
// falls back to keep-both. An empty `base` means the file is new on both sides.
class JsonUnion
{
public:
    struct Outcome
    {
        bool applicable = false;
        QString reason;        // why not, when not applicable
        QByteArray merged;     // the merged document
        QStringList conflicts; // ids of records changed on both sides with no newer side
        int records = 0;       // records in the result
    };

    static Outcome merge(const QByteArray& base, const QByteArray& local, const QByteArray& remote);
};

} // namespace ferry::merge
