#include "merge/jsonunion.h"

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

} // namespace

JsonUnion::Outcome JsonUnion::merge(const QByteArray& baseText, const QByteArray& localText,
                                    const QByteArray& remoteText)
{
    Outcome outcome;
    const std::optional<Side> base = parse(baseText, outcome.reason, "base");
    const std::optional<Side> local = base ? parse(localText, outcome.reason, "local") : std::nullopt;
    const std::optional<Side> remote = local ? parse(remoteText, outcome.reason, "remote") : std::nullopt;
    if (!remote)
        return outcome;
    if (!local->present || !remote->present) {
        outcome.reason = QStringLiteral("one side has no content");
        return outcome;
    }
    if (local->arrayKey != remote->arrayKey || (base->present && base->arrayKey != local->arrayKey)) {
        outcome.reason = QStringLiteral("the sides keep their records under different keys");
        return outcome;
    }

    const Records b = index(*base), l = index(*local), r = index(*remote);
    Json merged = Json::array();
    std::unordered_set<std::string> placed;
    const auto place = [&](const std::string& id, const Json& record) {
        if (placed.insert(id).second)
            merged.push_back(record);
    };
    for (const std::string& id : b.order) {
        const Json& was = b.byId.at(id);
        const auto li = l.byId.find(id), ri = r.byId.find(id);
        const bool inLocal = li != l.byId.end(), inRemote = ri != r.byId.end();
        if (inLocal && inRemote) {
            const bool localChanged = !same(li->second, was), remoteChanged = !same(ri->second, was);
            place(id, !remoteChanged  ? li->second
                      : !localChanged ? ri->second
                      : same(li->second, ri->second)
                          ? li->second
                          : pickChanged(id, li->second, ri->second, outcome.conflicts));
        } else if (inLocal && !same(li->second, was)) {
            place(id, li->second); // changed here, deleted there: the change is kept
        } else if (inRemote && !same(ri->second, was)) {
            place(id, ri->second);
        }
        // Otherwise deleted on a side that the other left untouched (or on both): gone.
    }
    for (const std::string& id : l.order) {
        if (b.byId.count(id))
            continue;
        const auto ri = r.byId.find(id);
        const Json& mine = l.byId.at(id);
        place(id, ri == r.byId.end() || same(mine, ri->second)
                      ? mine
                      : pickChanged(id, mine, ri->second, outcome.conflicts));
    }
    for (const std::string& id : r.order) {
        if (!b.byId.count(id))
            place(id, r.byId.at(id));
    }

    // The document around the records: local's, its other members merged key by key (a key local left
    // as it was takes the remote value).
    Json document = local->document;
    if (!local->arrayKey.empty()) {
        const auto valueIn = [](const Side& side, const std::string& key) -> const Json* {
            return side.present && side.document.contains(key) ? &side.document.at(key) : nullptr;
        };
        const auto equal = [](const Json* x, const Json* y) {
            return x == y || (x && y && same(*x, *y));
        };
        std::vector<std::string> keys;
        for (auto it = local->document.begin(); it != local->document.end(); ++it)
            keys.push_back(it.key());
        for (auto it = remote->document.begin(); it != remote->document.end(); ++it) {
            if (!local->document.contains(it.key()))
                keys.push_back(it.key());
        }
        for (const std::string& key : keys) {
            if (key == local->arrayKey || !equal(valueIn(*local, key), valueIn(*base, key)))
                continue;
            if (const Json* theirs = valueIn(*remote, key))
                document[key] = *theirs;
            else
                document.erase(key);
        }
        document[local->arrayKey] = merged;
    } else {
        document = merged;
    }
    outcome.records = int(merged.size());
    outcome.merged = render(document, layoutOf(localText));
    outcome.applicable = true;
    return outcome;
}

} // namespace ferry::merge
