#pragma once

#include "core/sync/hexdigest.h"

#include <array>
#include <optional>
#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QPair>
#include <QSharedData>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <vector>

namespace ferry::sync {

// One file as it was when both sides last agreed on it (the "base" of the three-way decision), with
// the local metadata that lets the next scan skip re-hashing it. The hash and the blob id are held as
// raw bytes (they read and convert as their hex text).
struct FileRecord
{
    Sha256Digest hash; // "sha256:<hex>"
    BlobId oid;        // git blob id
    qint64 size = 0;
    qint64 mtimeNs = 0;
    quint64 inode = 0;
    bool executable = false;
    QString source; // "local" or "remote": which side last changed it
};

// Repository path -> record, for every file of a profile (100,000 and more). Held compactly: one array
// of fixed-size records (digests as raw bytes, the source as a flag), the paths as UTF-8 in one block,
// and an open-addressing index of path hashes; a few heap blocks in all instead of several per file, so
// loading, looking up and freeing them is cheap. Records whose digests or source are not in the
// canonical form (a hand-edited state.json) are kept exactly, beside the array. Reading gives records
// and paths by value. Copies share the data until one of them changes (as QHash did). Iteration follows
// insertion order; insert and remove invalidate iterators.
class FileRecords
{
    struct Data;

public:
    class const_iterator;
    using iterator = const_iterator;

    FileRecords();
    FileRecords(const FileRecords&);
    FileRecords(FileRecords&&) noexcept;
    FileRecords& operator=(const FileRecords&);
    FileRecords& operator=(FileRecords&&) noexcept;
    ~FileRecords();

    qsizetype size() const;
    bool isEmpty() const { return size() == 0; }
    void reserve(qsizetype count);
    void clear();

    bool contains(QStringView path) const { return constFind(path) != constEnd(); }
    // The record of `path`, or a default one.
    FileRecord value(QStringView path) const;
    FileRecord operator[](QStringView path) const { return value(path); }
    // Adds the record of `path`, or replaces it.
    void insert(QStringView path, const FileRecord& record);
    // The same from the path as UTF-8 (the records file holds it so).
    void insertUtf8(QByteArrayView path, const FileRecord& record);
    bool remove(QStringView path);
    QStringList keys() const;
    // True when both are copies of the same data that neither has changed since (nothing to compare).
    bool isSharedWith(const FileRecords& other) const { return d == other.d; }

    // The records as the records file holds them (see RecordFile): fixed-size entries in path order, in
    // the host's byte order, their paths as UTF-8 in one block, and the records not in the canonical
    // form (kept whole) by entry number. Taking them back is a copy and an index, no per-record decoding.
    struct Raw
    {
        QByteArray entries; // RawEntrySize bytes each
        QByteArray paths;
        QList<QPair<qsizetype, FileRecord>> odd;
    };
    static constexpr qsizetype RawEntrySize = 88;
    Raw toRaw() const;
    // nullopt when the blocks do not describe records: a size that is not a whole number of entries, a
    // path outside the block, two entries with one path, an unknown flag, an odd record that does not
    // match its entry's flag.
    static std::optional<FileRecords> fromRaw(QByteArrayView entries, QByteArrayView paths,
                                              const QList<QPair<qsizetype, FileRecord>>& odd);

    const_iterator constFind(QStringView path) const;
    // Looks up many paths (UTF-8) at once: `found[i]` is the record of `paths[i]`, or end(). The same as
    // a constFind each, with the cache misses of the look-ups overlapped (a scan looks up a whole
    // folder's files; one at a time, each look-up waited for two misses).
    void findMany(const std::vector<QByteArrayView>& paths, std::vector<const_iterator>& found) const;
    const_iterator find(QStringView path) const;
    const_iterator begin() const;
    const_iterator end() const;
    const_iterator cbegin() const { return begin(); }
    const_iterator cend() const { return end(); }
    const_iterator constBegin() const { return begin(); }
    const_iterator constEnd() const { return end(); }

    // The metadata the scan compares, without building the record.
    struct Metadata
    {
        qint64 size = 0;
        qint64 mtimeNs = 0;
        quint64 inode = 0;
        bool executable = false;
        bool hashed = false; // it has a hash
    };

    class const_iterator
    {
    public:
        const_iterator() = default;
        QString key() const;
        QByteArrayView keyUtf8() const;
        FileRecord value() const;
        Metadata metadata() const;
        FileRecord operator*() const { return value(); }
        struct Arrow
        {
            FileRecord record;
            const FileRecord* operator->() const { return &record; }
        };
        Arrow operator->() const { return {value()}; }
        const_iterator& operator++();
        // Stable while the records are not changed: the scan marks what it saw by it.
        qsizetype index() const { return m_index; }
        friend bool operator==(const const_iterator& a, const const_iterator& b)
        {
            return a.m_index == b.m_index && a.m_data == b.m_data;
        }
        friend bool operator!=(const const_iterator& a, const const_iterator& b) { return !(a == b); }

    private:
        friend class FileRecords;
        const_iterator(const Data* data, qsizetype index);
        void skipRemoved();

        const Data* m_data = nullptr;
        qsizetype m_index = 0;
    };

private:
    qsizetype indexOf(QByteArrayView utf8, size_t hash) const;
    void detach();

    QExplicitlySharedDataPointer<Data> d;
};

} // namespace ferry::sync
