#pragma once

#include "core/sync/filestat.h"
#include "core/sync/syncstate.h"
#include "core/util/result.h"

#include <optional>
#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace ferry::sync {

// state.records: a compact binary copy of a profile's state.json, written beside it after every save,
// so that a fresh process loads 100,000 per-file records without parsing 30 MB of JSON. state.json stays
// the documented format and the authority: the records file is used only while it matches the very
// state.json it was written with (the same generation (a checksum of the text), size, modification time and
// file id), and is rebuilt from state.json whenever it is missing, corrupt, of another version or stale. The
// layout is in docs/sync.md.
class RecordFile
{
public:
    static constexpr quint32 Version = 2;

    // What ties a records file to one state.json: the generation written in both, and the state file's
    // metadata (any rewrite, copy or edit changes at least one of them).
    struct Tie
    {
        quint64 generation = 0;
        FileStat state;
    };

    // "…/state.json" -> "…/state.records".
    static QString pathFor(const QString& statePath);

    // Stamps a state.json text written with generation 0 with its own checksum (never 0), so that two
    // saves of the same state are the same bytes; returns it.
    static quint64 stamp(QByteArray& stateText);
    static QString generationText(quint64 generation);
    // The generation near the start of a state.json text; 0 when it has none (an older file).
    static quint64 generationOf(QByteArrayView stateText);

    // `rest` is the state.json text without the records (SyncState::toText(false, …)).
    static QByteArray encode(const SyncState& state, const QByteArray& rest, const Tie& tie);
    // The state a records file holds if it is whole, of this version and tied to `tie`; nullopt otherwise.
    static std::optional<SyncState> decode(QByteArrayView data, const Tie& tie);

    // Writes it atomically (temporary file, flush to disk, rename).
    static Status write(const QString& path, const SyncState& state, const QByteArray& rest, const Tie& tie);
    // The state from the records file if it matches state.json as it is now (`stateStat`: its metadata,
    // taken before); nullopt when the caller must read state.json.
    static std::optional<SyncState> read(const QString& path, const QString& statePath,
                                         const FileStat& stateStat);
};

} // namespace ferry::sync
