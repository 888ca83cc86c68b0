#include "core/sync/recordfile.h"

#include "core/util/atomicfile.h"

#include <array>
#include <cstring>
#include <QFile>
#include <QtEndian>

namespace ferry::sync {
namespace {

constexpr char Magic[8] = {'F', 'E', 'R', 'R', 'Y', 'R', 'E', 'C'};
constexpr qsizetype HeaderSize = 64;
constexpr qsizetype ChecksumSize = 8;

enum Flag : quint8 {
    Executable = 1,
    Sha256Binary = 2, // "sha256:" + 64 lower-case hex digits, stored as 32 bytes
    OidBinary = 4,    // 40 lower-case hex digits, stored as 20 bytes
    SourceLocal = 8,
    SourceRemote = 16,
};

// 64 bits over 8-byte words, enough to catch a truncated, torn or bit-flipped file (not an attack: the
// file is as trusted as state.json beside it). Rounds as in xxHash64, in four lanes as it does: one lane
// waits for each multiplication in turn, four keep the core busy (10 MB: 3 ms -> under 1 ms).
quint64 checksum(QByteArrayView data)
{
    constexpr quint64 p1 = 11400714785074694791ULL;
    constexpr quint64 p2 = 14029467366897019727ULL;
    const auto round = [](quint64 h, const char* at) {
        quint64 w;
        std::memcpy(&w, at, 8);
        h ^= qFromLittleEndian(w) * p2;
        return ((h << 31) | (h >> 33)) * p1;
    };
    std::array<quint64, 4> lanes{0x27d4eb2f165667c5ULL ^ quint64(data.size()), p1, p2, p1 ^ p2};
    const char* p = data.data();
    qsizetype i = 0;
    for (; i + 32 <= data.size(); i += 32) {
        for (size_t lane = 0; lane < lanes.size(); ++lane)
            lanes[lane] = round(lanes[lane], p + i + qsizetype(lane) * 8);
    }
    quint64 h = lanes[0];
    for (size_t lane = 1; lane < lanes.size(); ++lane)
        h = (h ^ lanes[lane]) * p1;
    for (; i + 8 <= data.size(); i += 8)
        h = round(h, p + i);
    char tail[8] = {};
    std::memcpy(tail, p + i, size_t(data.size() - i));
    h = round(h, tail);
    h ^= h >> 33;
    h *= p2;
    h ^= h >> 29;
    return h;
}

class Writer
{
public:
    explicit Writer(qsizetype reserve) { m_out.reserve(reserve); }
    template <typename T>
    void number(T v)
    {
        const T le = qToLittleEndian(v);
        m_out.append(reinterpret_cast<const char*>(&le), sizeof le);
    }
    void bytes(QByteArrayView b) { m_out.append(b.data(), b.size()); }
    void text(const QString& s)
    {
        const QByteArray utf8 = s.toUtf8();
        number(quint32(utf8.size()));
        bytes(utf8);
    }
    QByteArray& out() { return m_out; }

private:
    QByteArray m_out;
};

// Reads within bounds; any read past the end turns the reader bad, and the whole file is refused.
class Reader
{
public:
    explicit Reader(QByteArrayView data) : m_data(data) {}
    bool ok() const { return m_ok; }
    template <typename T>
    T number()
    {
        T v{};
        if (take(sizeof v))
            std::memcpy(&v, m_data.data() + m_pos - qsizetype(sizeof v), sizeof v);
        return qFromLittleEndian(v);
    }
    QByteArrayView bytes(qsizetype n) { return take(n) ? m_data.sliced(m_pos - n, n) : QByteArrayView(); }
    QString text() { return QString::fromUtf8(bytes(qsizetype(number<quint32>()))); }
    bool atEnd() const { return m_pos == m_data.size(); }

private:
    bool take(qsizetype n)
    {
        m_ok = m_ok && n >= 0 && n <= m_data.size() - m_pos;
        if (m_ok)
            m_pos += n;
        return m_ok;
    }
    QByteArrayView m_data;
    qsizetype m_pos = 0;
    bool m_ok = true;
};

void writeRecord(Writer& w, QByteArrayView path, const FileRecord& f)
{
    const bool sha = f.hash.isBinary();
    const bool oid = f.oid.isBinary();
    const bool local = f.source == QLatin1String("local");
    const bool remote = f.source == QLatin1String("remote");
    w.number(quint32(path.size()));
    w.bytes(path);
    w.number(quint8((f.executable ? Executable : 0) | (sha ? Sha256Binary : 0) | (oid ? OidBinary : 0) |
                    (local ? SourceLocal : 0) | (remote ? SourceRemote : 0)));
    sha ? w.bytes(f.hash.raw()) : w.text(f.hash.toString());
    oid ? w.bytes(f.oid.raw()) : w.text(f.oid.toString());
    if (!local && !remote)
        w.text(f.source);
    w.number(qint64(f.size));
    w.number(qint64(f.mtimeNs));
    w.number(quint64(f.inode));
}

FileRecord readRecord(Reader& r, quint8 flags)
{
    // Shared, not one copy per record: 100,000 records hold two strings between them.
    static const QString local = QStringLiteral("local");
    static const QString remote = QStringLiteral("remote");
    FileRecord f;
    f.executable = (flags & Executable) != 0;
    f.hash = (flags & Sha256Binary) ? Sha256Digest::fromBytes(r.bytes(Sha256Digest::Size))
                                    : Sha256Digest(r.text());
    f.oid = (flags & OidBinary) ? BlobId::fromBytes(r.bytes(BlobId::Size)) : BlobId(r.text());
    f.source = (flags & SourceLocal) ? local : (flags & SourceRemote) ? remote : r.text();
    f.size = r.number<qint64>();
    f.mtimeNs = r.number<qint64>();
    f.inode = r.number<quint64>();
    return f;
}

} // namespace

QString RecordFile::pathFor(const QString& statePath)
{
    QString path = statePath;
    if (path.endsWith(QLatin1String(".json")))
        path.chop(5);
    return path + QStringLiteral(".records");
}

quint64 RecordFile::stamp(QByteArray& stateText)
{
    static constexpr QByteArrayView key = R"("generation": ")";
    const qsizetype at = QByteArrayView(stateText).first(qMin<qsizetype>(stateText.size(), 512)).indexOf(key);
    if (at < 0 || at + key.size() + 16 > stateText.size())
        return 0;
    const quint64 generation = checksum(stateText) | 1;
    stateText.replace(at + key.size(), 16, generationText(generation).toLatin1());
    return generation;
}

QString RecordFile::generationText(quint64 generation)
{
    return QStringLiteral("%1").arg(generation, 16, 16, QLatin1Char('0'));
}

quint64 RecordFile::generationOf(QByteArrayView stateText)
{
    // SyncState writes it second, right after "version"; a file without it near the start has none.
    static constexpr QByteArrayView key = R"("generation": ")";
    const QByteArrayView head = stateText.first(qMin<qsizetype>(stateText.size(), 512));
    const qsizetype at = head.indexOf(key);
    if (at < 0 || at + key.size() + 16 > stateText.size())
        return 0;
    bool ok = false;
    const quint64 g = stateText.sliced(at + key.size(), 16).toULongLong(&ok, 16);
    return ok ? g : 0;
}

QByteArray RecordFile::encode(const SyncState& state, const QByteArray& rest, const Tie& tie)
{
    const FileRecords::Raw raw = state.files.toRaw();
    Writer w(HeaderSize + rest.size() + 24 + raw.entries.size() + raw.paths.size() + raw.odd.size() * 200 +
             ChecksumSize);
    w.bytes(QByteArrayView(Magic, sizeof Magic));
    w.number(Version);
    w.number(quint32(FileRecords::RawEntrySize));
    w.number(tie.generation);
    w.number(qint64(tie.state.size));
    w.number(qint64(tie.state.mtimeNs));
    w.number(quint64(tie.state.inode));
    w.number(quint64(rest.size()));
    w.number(quint64(raw.entries.size() / FileRecords::RawEntrySize));
    w.bytes(rest);
    w.number(quint64(raw.paths.size()));
    w.number(quint64(raw.odd.size()));
    // The entries as held in memory (host byte order: the file never leaves this machine's data folder,
    // and a copy elsewhere no longer matches its state.json's file id), then the paths, then the records
    // kept whole.
    w.bytes(raw.entries);
    w.bytes(raw.paths);
    for (const auto& [entry, record] : raw.odd) {
        w.number(quint64(entry));
        writeRecord(w, {}, record);
    }
    w.number(checksum(w.out()));
    return std::move(w.out());
}

std::optional<SyncState> RecordFile::decode(QByteArrayView data, const Tie& tie)
{
    if (data.size() < HeaderSize + ChecksumSize || std::memcmp(data.data(), Magic, sizeof Magic) != 0)
        return std::nullopt;
    Reader header(data.first(HeaderSize));
    header.bytes(qsizetype(sizeof Magic));
    const auto version = header.number<quint32>();
    const auto entrySize = header.number<quint32>();
    const auto generation = header.number<quint64>();
    const auto size = header.number<qint64>();
    const auto mtimeNs = header.number<qint64>();
    const auto inode = header.number<quint64>();
    const auto restSize = header.number<quint64>();
    const auto count = header.number<quint64>();
    if (version != Version || entrySize != FileRecords::RawEntrySize || generation == 0 ||
        generation != tie.generation || tie.state.type != FileStat::Type::File || size != tie.state.size ||
        mtimeNs != tie.state.mtimeNs || inode != tie.state.inode)
        return std::nullopt;
    const QByteArrayView body = data.first(data.size() - ChecksumSize);
    Reader trailer(data.last(ChecksumSize));
    if (checksum(body) != trailer.number<quint64>())
        return std::nullopt;
    Reader r(body.sliced(HeaderSize));
    const QByteArrayView rest = r.bytes(qsizetype(qMin<quint64>(restSize, quint64(body.size()))));
    const auto pathsSize = r.number<quint64>();
    const auto oddCount = r.number<quint64>();
    if (!r.ok() || count > quint64(body.size()) / FileRecords::RawEntrySize ||
        pathsSize > quint64(body.size()) || oddCount > count)
        return std::nullopt;
    const QByteArrayView entries = r.bytes(qsizetype(count) * FileRecords::RawEntrySize);
    const QByteArrayView paths = r.bytes(qsizetype(pathsSize));
    QList<QPair<qsizetype, FileRecord>> odd;
    for (quint64 i = 0; i < oddCount && r.ok(); ++i) {
        const auto entry = r.number<quint64>();
        r.bytes(qsizetype(r.number<quint32>())); // the path: the entry's
        const auto flags = r.number<quint8>();
        odd.append({qsizetype(qMin<quint64>(entry, quint64(count))), readRecord(r, flags)});
    }
    if (!r.ok() || !r.atEnd())
        return std::nullopt;
    Result<SyncState> parsed = SyncState::fromText(rest.toByteArray(), QString());
    if (!parsed)
        return std::nullopt;
    std::optional<FileRecords> files = FileRecords::fromRaw(entries, paths, odd);
    if (!files)
        return std::nullopt;
    SyncState state = std::move(parsed.value());
    state.files = std::move(*files);
    return state;
}

Status RecordFile::write(const QString& path, const SyncState& state, const QByteArray& rest, const Tie& tie)
{
    return util::writeFileAtomically(path, encode(state, rest, tie));
}

std::optional<SyncState> RecordFile::read(const QString& path, const QString& statePath,
                                          const FileStat& stateStat)
{
    if (stateStat.type != FileStat::Type::File)
        return std::nullopt;
    QFile head(statePath);
    if (!head.open(QIODevice::ReadOnly))
        return std::nullopt;
    const quint64 generation = generationOf(head.read(512));
    QFile file(path);
    if (generation == 0 || !file.open(QIODevice::ReadOnly) || file.size() == 0)
        return std::nullopt;
    // Mapped, not copied: the pages are read once, as the records are decoded.
    const uchar* mapped = file.map(0, file.size());
    const QByteArray copy = mapped ? QByteArray() : file.readAll();
    const QByteArrayView data = mapped ? QByteArrayView(mapped, file.size()) : QByteArrayView(copy);
    std::optional<SyncState> state = decode(data, {generation, stateStat});
    // Written meanwhile by another process: what was read may be either; state.json decides.
    if (state && !stateStat.sameContentMetadata(FileStat::of(statePath)))
        return std::nullopt;
    return state;
}

} // namespace ferry::sync
