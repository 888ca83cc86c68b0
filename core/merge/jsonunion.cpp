#include "core/merge/jsonunion.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <QCryptographicHash>
#include <QDateTime>
#include <unordered_map>
#include <unordered_set>

namespace ferry::merge {
namespace {

using Json = nlohmann::ordered_json;

// A parsed side: the document, and where its record array is ("" = the document itself).
struct Side
{
    Json document;
    std::string arrayKey;
    bool present = false;

    const Json& records() const { return arrayKey.empty() ? document : document.at(arrayKey); }
};

std::optional<Side> parse(const QByteArray& bytes, QString& why, const char* name)
{
    Side side;
    if (bytes.trimmed().isEmpty())
        return side; // absent: no base
    side.document = Json::parse(bytes.constBegin(), bytes.constEnd(), nullptr, false);
    if (side.document.is_discarded()) {
        why = QStringLiteral("the %1 version is not valid JSON").arg(QString::fromLatin1(name));
        return std::nullopt;
    }
    side.present = true;
    if (side.document.is_array())
        return side;
    if (side.document.is_object()) {
        int arrays = 0;
        for (auto it = side.document.begin(); it != side.document.end(); ++it) {
            if (it.value().is_array()) {
                side.arrayKey = it.key();
                ++arrays;
            }
        }
        if (arrays == 1)
            return side;
    }
    why = QStringLiteral("the %1 version is neither an array nor an object holding one array")
              .arg(QString::fromLatin1(name));
    return std::nullopt;
}

// Records are matched by "id" when they have one, else by their content in canonical form (keys sorted).
std::string identity(const Json& record)
{
    if (record.is_object() && record.contains("id"))
        return "id:" + record.at("id").dump();
    const std::string canonical = nlohmann::json(record).dump(); // nlohmann::json sorts keys
    return "hash:" +
           QCryptographicHash::hash(QByteArray::fromStdString(canonical), QCryptographicHash::Sha256)
               .toHex()
               .toStdString();
}

bool same(const Json& a, const Json& b)
{
    return nlohmann::json(a) == nlohmann::json(b); // member order does not make a record different
}

// Id -> record, and ids in order; the first of duplicates within one side counts.
struct Records
{
    std::vector<std::string> order;
    std::unordered_map<std::string, Json> byId;
};

Records index(const Side& side)
{
    Records r;
    if (!side.present)
        return r;
    for (const Json& record : side.records()) {
        std::string id = identity(record);
        if (r.byId.emplace(id, record).second)
            r.order.push_back(std::move(id));
    }
    return r;
}

std::optional<QDateTime> updatedAt(const Json& record)
{
    if (!record.is_object() || !record.contains("updated_at") || !record.at("updated_at").is_string())
        return std::nullopt;
    const QDateTime t = QDateTime::fromString(
        QString::fromStdString(record.at("updated_at").get<std::string>()), Qt::ISODateWithMs);
    return t.isValid() ? std::optional<QDateTime>(t) : std::nullopt;
}

// Both sides changed one record: the newer updated_at wins; otherwise local stays, reported.
const Json& pickChanged(const std::string& id, const Json& local, const Json& remote, QStringList& conflicts)
{
    const std::optional<QDateTime> l = updatedAt(local), r = updatedAt(remote);
    if (l && r && *l != *r)
        return *r > *l ? remote : local;
    conflicts.append(QString::fromStdString(id));
    return local;
}

// The layout of the local file: its indent ("" = compact) and whether it ends with a newline.
struct Layout
{
    int indent = -1;
    char indentChar = ' ';
    bool trailingNewline = false;
};

Layout layoutOf(const QByteArray& text)
{
    Layout layout;
    layout.trailingNewline = text.endsWith('\n');
    const QByteArray trimmed = text.trimmed();
    const qsizetype newline = trimmed.indexOf('\n');
    if (newline < 0)
        return layout;
    qsizetype i = newline + 1;
    while (i < trimmed.size() && (trimmed[i] == ' ' || trimmed[i] == '\t'))
        ++i;
    layout.indent = int(i - newline - 1);
    layout.indentChar = layout.indent > 0 ? trimmed[newline + 1] : ' ';
    return layout;
}

QByteArray render(const Json& document, const Layout& layout)
{
    QByteArray out = QByteArray::fromStdString(
        document.dump(layout.indent, layout.indentChar, false, Json::error_handler_t::replace));
    if (layout.trailingNewline)
        out += '\n';
    return out;
}

// Base, local and remote parsed, with the same record key; empty with `why` set otherwise.
struct Sides
{
    Side base, local, remote;
};

std::optional<Sides> parseSides(const QByteArray& baseText, const QByteArray& localText,
                                const QByteArray& remoteText, QString& why)
{
    const std::optional<Side> base = parse(baseText, why, "base");
    const std::optional<Side> local = base ? parse(localText, why, "local") : std::nullopt;
    const std::optional<Side> remote = local ? parse(remoteText, why, "remote") : std::nullopt;
    if (!remote)
        return std::nullopt;
    if (!local->present || !remote->present) {
        why = QStringLiteral("one side has no content");
        return std::nullopt;
    }
    if (local->arrayKey != remote->arrayKey || (base->present && base->arrayKey != local->arrayKey)) {
        why = QStringLiteral("the sides keep their records under different keys");
        return std::nullopt;
    }
    return Sides{*base, *local, *remote};
}

// The merged records, in order: base's (kept, changed or deleted), then local's additions, then
// remote's; each id once.
class RecordMerge
{
public:
    RecordMerge(const Sides& sides, QStringList& conflicts)
        : m_base(index(sides.base)), m_local(index(sides.local)), m_remote(index(sides.remote)),
          m_conflicts(conflicts)
    {
    }

    Json run()
    {
        for (const std::string& id : m_base.order)
            placeFromBase(id);
        for (const std::string& id : m_local.order)
            placeLocalAddition(id);
        for (const std::string& id : m_remote.order) {
            if (!m_base.byId.count(id))
                place(id, m_remote.byId.at(id));
        }
        return m_merged;
    }

private:
    void place(const std::string& id, const Json& record)
    {
        if (m_placed.insert(id).second)
            m_merged.push_back(record);
    }

    void placeFromBase(const std::string& id)
    {
        const Json& was = m_base.byId.at(id);
        const auto li = m_local.byId.find(id), ri = m_remote.byId.find(id);
        const bool inLocal = li != m_local.byId.end(), inRemote = ri != m_remote.byId.end();
        if (inLocal && inRemote) {
            const bool localChanged = !same(li->second, was), remoteChanged = !same(ri->second, was);
            place(id, !remoteChanged                 ? li->second
                      : !localChanged                ? ri->second
                      : same(li->second, ri->second) ? li->second
                                                     : pickChanged(id, li->second, ri->second, m_conflicts));
        } else if (inLocal && !same(li->second, was)) {
            place(id, li->second); // changed here, deleted there: the change is kept
        } else if (inRemote && !same(ri->second, was)) {
            place(id, ri->second);
        }
        // Otherwise deleted on a side that the other left untouched (or on both): gone.
    }

    void placeLocalAddition(const std::string& id)
    {
        if (m_base.byId.count(id))
            return;
        const auto ri = m_remote.byId.find(id);
        const Json& mine = m_local.byId.at(id);
        place(id, ri == m_remote.byId.end() || same(mine, ri->second)
                      ? mine
                      : pickChanged(id, mine, ri->second, m_conflicts));
    }

    const Records m_base, m_local, m_remote;
    QStringList& m_conflicts;
    Json m_merged = Json::array();
    std::unordered_set<std::string> m_placed;
};

// The document around the records: local's, its other members merged key by key (a key local left as
// it was takes the remote value).
Json documentAround(const Sides& sides, const Json& merged)
{
    const Side& local = sides.local;
    if (local.arrayKey.empty())
        return merged;
    const auto valueIn = [](const Side& side, const std::string& key) -> const Json* {
        return side.present && side.document.contains(key) ? &side.document.at(key) : nullptr;
    };
    const auto equal = [](const Json* x, const Json* y) {
        return x == y || (x && y && same(*x, *y));
    };
    std::vector<std::string> keys;
    for (auto it = local.document.begin(); it != local.document.end(); ++it)
        keys.push_back(it.key());
    for (auto it = sides.remote.document.begin(); it != sides.remote.document.end(); ++it) {
        if (!local.document.contains(it.key()))
            keys.push_back(it.key());
    }
    Json document = local.document;
    for (const std::string& key : keys) {
        if (key == local.arrayKey || !equal(valueIn(local, key), valueIn(sides.base, key)))
            continue;
        if (const Json* theirs = valueIn(sides.remote, key))
            document[key] = *theirs;
        else
            document.erase(key);
    }
    document[local.arrayKey] = merged;
    return document;
}

} // namespace

JsonUnion::Outcome JsonUnion::merge(const QByteArray& baseText, const QByteArray& localText,
                                    const QByteArray& remoteText)
{
    Outcome outcome;
    const std::optional<Sides> sides = parseSides(baseText, localText, remoteText, outcome.reason);
    if (!sides)
        return outcome;
    const Json merged = RecordMerge(*sides, outcome.conflicts).run();
    outcome.records = int(merged.size());
    outcome.merged = render(documentAround(*sides, merged), layoutOf(localText));
    outcome.applicable = true;
    return outcome;
}

} // namespace ferry::merge
