#include "core/config/jsonfields.h"

#include <QRegularExpression>

namespace ferry::config {

std::optional<Json> JsonFields::parse(const QByteArray& text)
{
    try {
        return Json::parse(text.constBegin(), text.constEnd());
    } catch (const Json::parse_error& e) {
        // what() reads "[json.exception.parse_error.101] parse error at line 3, column 5: …"
        QString what = QString::fromUtf8(e.what());
        what.remove(QRegularExpression(QStringLiteral(R"(^\[json\.exception\.[a-z_.]+\d+\]\s*)")));
        error({}, QStringLiteral("malformed JSON: %1").arg(what));
        return std::nullopt;
    }
}

void JsonFields::error(const QString& field, const QString& message)
{
    m_issues.append({ConfigIssue::Severity::Error, field, message});
}

void JsonFields::warning(const QString& field, const QString& message)
{
    m_issues.append({ConfigIssue::Severity::Warning, field, message});
}

QString JsonFields::join(const QString& at, const char* key)
{
    const QString k = QString::fromUtf8(key);
    return at.isEmpty() ? k : at + u'.' + k;
}

void JsonFields::checkKeys(const Json& object, const QString& at, std::initializer_list<const char*> known)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const bool isKnown =
            std::any_of(known.begin(), known.end(), [&](const char* k) { return it.key() == k; });
        if (!isKnown)
            warning(join(at, it.key().c_str()), QStringLiteral("unknown key, ignored"));
    }
}

bool JsonFields::expectObject(const Json& value, const QString& at)
{
    if (value.is_object())
        return true;
    wrongType(at, "an object", value);
    return false;
}

void JsonFields::wrongType(const QString& field, const char* expected, const Json& got)
{
    error(field, QStringLiteral("expected %1, got %2")
                     .arg(QString::fromUtf8(expected), QString::fromUtf8(got.type_name())));
}

const Json* JsonFields::member(const Json& o, const QString& at, const char* key, Presence presence)
{
    const auto it = o.find(key);
    if (it == o.end() || it->is_null()) {
        if (presence == Required)
            error(join(at, key), QStringLiteral("required field is missing"));
        return nullptr;
    }
    return &*it;
}

const Json* JsonFields::object(const Json& o, const QString& at, const char* key, Presence presence)
{
    const Json* v = member(o, at, key, presence);
    if (v && !v->is_object()) {
        wrongType(join(at, key), "an object", *v);
        return nullptr;
    }
    return v;
}

const Json* JsonFields::array(const Json& o, const QString& at, const char* key, Presence presence)
{
    const Json* v = member(o, at, key, presence);
    if (v && !v->is_array()) {
        wrongType(join(at, key), "an array", *v);
        return nullptr;
    }
    return v;
}

bool JsonFields::string(const Json& o, const QString& at, const char* key, QString& out, Presence presence)
{
    const Json* v = member(o, at, key, presence);
    if (!v)
        return false;
    if (!v->is_string()) {
        wrongType(join(at, key), "a string", *v);
        return false;
    }
    out = QString::fromStdString(v->get<std::string>());
    return true;
}

bool JsonFields::integer(const Json& o, const QString& at, const char* key, int& out, int min, int max)
{
    const Json* v = member(o, at, key, Optional);
    if (!v)
        return false;
    if (!v->is_number_integer()) {
        wrongType(join(at, key), "an integer", *v);
        return false;
    }
    const auto value = v->get<long long>();
    if (value < min || value > max) {
        error(join(at, key), QStringLiteral("%1 is out of range (%2 to %3)").arg(value).arg(min).arg(max));
        return false;
    }
    out = int(value);
    return true;
}

bool JsonFields::boolean(const Json& o, const QString& at, const char* key, bool& out)
{
    const Json* v = member(o, at, key, Optional);
    if (!v)
        return false;
    if (!v->is_boolean()) {
        wrongType(join(at, key), "true or false", *v);
        return false;
    }
    out = v->get<bool>();
    return true;
}

bool JsonFields::stringList(const Json& o, const QString& at, const char* key, QStringList& out)
{
    const Json* list = array(o, at, key);
    if (!list)
        return false;
    out.clear();
    bool allStrings = true;
    for (size_t i = 0; i < list->size(); ++i) {
        const Json& item = (*list)[i];
        if (!item.is_string()) {
            wrongType(join(at, key) + QStringLiteral("[%1]").arg(i), "a string", item);
            allStrings = false;
            continue;
        }
        out.append(QString::fromStdString(item.get<std::string>()));
    }
    return allStrings;
}

bool JsonFields::envName(const Json& o, const QString& at, const char* key, QString& out)
{
    if (!string(o, at, key, out))
        return false;
    static const QRegularExpression name(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    if (name.match(out).hasMatch())
        return true;
    error(join(at, key), QStringLiteral("\"%1\" is not an environment variable name; the config names the "
                                        "variable that holds a secret, never the secret itself")
                             .arg(out));
    return false;
}

} // namespace ferry::config
